"""Figures of the theoretical analysis (one job) and the Vega bundle every page inlines."""


rule bundle_vega:
    """The Vega libraries as one script, built once, inlined in every figure page."""
    input:
        code=code_of("bundle_vega"),
    output:
        res("vendor/vega-bundle.js"),
    log:
        log_path("bundle_vega"),
    params:
        input_sha256=input_sha256("bundle_vega"),
    priority: 60
    script:
        "../workflow_scripts/bundle_vega.py"


rule plot_theory:
    """Rooflines, prediction heatmaps and theoretical fronts per task; over all networks
    the rooflines, every prediction, network requirements and platform peaks."""
    input:
        code=code_of("plot_theory"),
        predictions=expand(rules.predict_roofline.output.predictions, task=config["tasks"]),
        pareto=expand(rules.predict_roofline.output.pareto, task=config["tasks"]),
        topologies=rules.normalise_topologies.output[0],
        rooflines=rules.compute_rooflines.output[0],
        bundle=rules.bundle_vega.output[0],
    output:
        [figure_files(task, THEORY_FIGURES) for task in config["tasks"]],
        figure_files("all", THEORY_ALL_FIGURES),
    log:
        log_path("plot_theory"),
    params:
        input_sha256=input_sha256("plot_theory"),
        figures={**{t: figure_stems(t, THEORY_FIGURES) for t in config["tasks"]},
                 "all": figure_stems("all", THEORY_ALL_FIGURES)},
        tasks=config["tasks"],
    priority: 55
    script:
        "../workflow_scripts/plot_theory.py"
