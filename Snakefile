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
    """Every table and figure of the pipeline, the website and the run's RO-Crate: every
    declared output of every job of a run (rules/common.smk RUN_RULES), each job's
    provenance record included, so a file deleted under results is made again; then the
    audit of what the run made."""
    input:
        every_output,
        res("audit/run.json"),  # rules/audit.smk: the run's last job, its audit
    default_target: True


include: "rules/crate.smk"
include: "rules/audit.smk"
