"""Measured figures, one job per task; the power traces for ImageNet."""


rule plot_measured:
    """Pareto fronts, efficiency, latency, box plots, power and energy of one task."""
    input:
        code=code_of("plot_measured"),
        # not read: a direct dependant of the checkpoint normalise_measurements is looked at
        # again when it has run, so these figures are not redrawn when their task's rows did
        # not change (tests/workflow/test_task_edits.py)
        task_rows=res("normalised/measurements/{task}.parquet"),
        measurements=rules.select_task_measurements.output.measurements,
        pareto=rules.analyse_measured.output.pareto,
        efficiency=rules.analyse_measured.output.efficiency,
        predictions=rules.predict_roofline.output.predictions,
        topologies=rules.normalise_topologies.output[0],
        rooflines=rules.compute_rooflines.output[0],
        families=REF.get("platform_families", "config/platform_families.csv"),
        bundle=rules.bundle_vega.output[0],
    output:
        figure_files("{task}", MEASURED_FIGURES),
    log:
        log_path("plot_measured_{task}"),
    params:
        input_sha256=input_sha256("plot_measured"),
        figures=lambda wildcards: figure_stems(wildcards.task, MEASURED_FIGURES),
        task=lambda wildcards: wildcards.task,
    priority: 30
    script:
        "../workflow_scripts/plot_measured.py"


rule plot_power_traces:
    """EdgeTPU power over time (ImageNet networks), with the outlier rule in the log."""
    input:
        code=code_of("plot_power_traces"),
        traces=rules.normalise_power_traces.output[0],
        bundle=rules.bundle_vega.output[0],
    output:
        figure_files("imagenet", ["power_over_time"]),
    log:
        log_path("plot_power_traces"),
    params:
        input_sha256=input_sha256("plot_power_traces"),
        figure=lambda wildcards, output: output[0].removesuffix(".vl.json"),  # the stem
    priority: 35
    script:
        "../workflow_scripts/plot_power_traces.py"
