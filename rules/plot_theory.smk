"""Stage 5: theoretical figures, one job per family (per task, and over all networks)."""


rule bundle_vega:
    """The Vega libraries as one script, built once, inlined in every figure page."""
    input:
        code=library_code(figures=True),
    output:
        res("vendor/vega-bundle.js"),
    log:
        log_path("bundle_vega"),
    priority: 30
    script:
        "../workflow_scripts/bundle_vega.py"


rule plot_theory:
    """Roofline, prediction heatmap and theoretical pareto of one task, in every format."""
    input:
        code=library_code(figures=True),
        predictions=rules.predict_roofline.output[0],
        pareto=rules.find_pareto_theoretical.output[0],
        topologies=rules.normalise_topologies.output[0],
        rooflines=rules.compute_rooflines.output[0],
        bundle=rules.bundle_vega.output[0],
    output:
        [f"{RESULTS}/{{task}}/figures/{n}.{ext}" for n in THEORY_FIGURES for ext in FIGURE_FORMATS],
    log:
        log_path("plot_theory_{task}"),
    params:
        figures=lambda wildcards: figure_stems(wildcards.task, THEORY_FIGURES),
        task=lambda wildcards: wildcards.task,
    priority: 10
    script:
        "../workflow_scripts/plot_theory.py"


rule plot_theory_all:
    """Rooflines of all networks, all predictions, network requirements, platform peaks."""
    input:
        code=library_code(figures=True),
        predictions=expand(rules.predict_roofline.output[0], task=config["tasks"]),
        topologies=rules.normalise_topologies.output[0],
        rooflines=rules.compute_rooflines.output[0],
        bundle=rules.bundle_vega.output[0],
    output:
        figure_files("all", THEORY_ALL_FIGURES),
    log:
        log_path("plot_theory_all"),
    params:
        figures=figure_stems("all", THEORY_ALL_FIGURES),
        tasks=config["tasks"],
    priority: 10
    script:
        "../workflow_scripts/plot_theory_all.py"
