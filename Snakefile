"""The pipeline: raw benchmark measurements and catalogues → validated, normalised tables,
roofline predictions, pareto fronts and figures.

Run `snakemake --cores N` (see README.md). Stages, in order, live in rules/.
"""
from snakemake.utils import min_version, validate

min_version("9.27")


configfile: "config/config.yaml"


validate(config, "config/schema.yaml")


report: "report/workflow.rst"


include: "rules/common.smk"
include: "rules/transaction.smk"
include: "rules/validate.smk"
include: "rules/normalise.smk"
include: "rules/theory.smk"
include: "rules/measured.smk"
include: "rules/fidelity.smk"
include: "rules/plot_theory.smk"
include: "rules/plot_measured.smk"
include: "rules/plot_fidelity.smk"
include: "rules/site.smk"
include: "rules/measure.smk"


rule all:
    """Every table and figure of the pipeline, the website and the run's RO-Crate."""
    input:
        rules.normalise_measurements.output[0],
        rules.normalise_platforms.output[0],
        rules.normalise_topologies.output[0],
        rules.normalise_power_traces.output[0],
        expand(rules.select_task_measurements.output, task=config["tasks"]),
        expand(rules.analyse_measured.output, task=config["tasks"]),
        expand(rules.predict_roofline.output, task=config["tasks"]),
        rules.compute_rooflines.output[0],
        rules.score_fidelity.output,
        figure_files(artifacts.figures(CATALOGUE, config["tasks"])),  # config/artifacts.yaml
        rules.build_site.output,
        res("ro-crate-metadata.json"),  # rules/crate.smk: written after every other job
    default_target: True


include: "rules/crate.smk"
include: "rules/audit.smk"
