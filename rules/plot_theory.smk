"""Figures of the theoretical analysis (one job) and the Vega bundle every page inlines."""


rule bundle_vega:
    """The Vega libraries as one script, built once, inlined in every figure page."""
    output:
        res("vendor/vega-bundle.js"),
        record=record_of("bundle_vega"),
    log:
        log_path("bundle_vega"),
    params:
        code=code_of("bundle_vega"),
        input_sha256=input_sha256("bundle_vega"),
    priority: 60
    script:
        "../workflow_scripts/bundle_vega.py"


rule plot_theory:
    """Rooflines, prediction heatmaps and theoretical fronts per task; over all networks
    the rooflines, every prediction, network requirements and platform peaks."""
    input:
        predictions=expand(rules.predict_roofline.output.predictions, task=config["tasks"]),
        pareto=expand(rules.predict_roofline.output.pareto, task=config["tasks"]),
        topologies=rules.normalise_topologies.output[0],
        rooflines=rules.compute_rooflines.output[0],
        bundle=rules.bundle_vega.output[0],
    output:
        figure_files(job_figures("plot_theory")),
        record=record_of("plot_theory"),
    log:
        log_path("plot_theory"),
    params:
        code=figure_code("plot_theory", "plot_theory"),
        input_sha256=input_sha256("plot_theory"),
        figures=figure_params(job_figures("plot_theory")),
        tasks=config["tasks"],
        titles={t: TASK_TITLES[t] for t in config["tasks"]},
    priority: 55
    script:
        "../workflow_scripts/plot_theory.py"
