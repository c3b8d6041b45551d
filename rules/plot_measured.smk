"""Measured figures, one job per task; the power traces for ImageNet. Which figures each
job draws, and with which builder, is in the artifact catalogue (config/artifacts.yaml)."""


rule plot_measured:
    """Pareto fronts, efficiency, latency, box plots, power and energy of one task."""
    input:
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
        figure_files(job_figures("plot_measured", "{task}")),
        record=record_of("plot_measured", "task"),
    log:
        log_path("plot_measured_{task}"),
    params:
        code=figure_code("plot_measured", "plot_measured"),
        input_sha256=input_sha256("plot_measured"),
        figures=lambda wildcards: figure_params(
            job_figures("plot_measured", wildcards.task)).get(wildcards.task, {}),
        task=lambda wildcards: wildcards.task,
        title=lambda wildcards: TASK_TITLES[wildcards.task],
    priority: 30
    script:
        "../workflow_scripts/plot_measured.py"


# the job's figures whichever tasks run (they are asked for only when their task runs)
TRACE_FIGURES = artifacts.figures(CATALOGUE, list(TASK_TITLES), job="plot_power_traces")


rule plot_power_traces:
    """EdgeTPU power over time (ImageNet networks), with the outlier rule in the log."""
    input:
        traces=rules.normalise_power_traces.output[0],
        bundle=rules.bundle_vega.output[0],
    output:
        figure_files(TRACE_FIGURES),
        record=record_of("plot_power_traces"),
    log:
        log_path("plot_power_traces"),
    params:
        code=figure_code("plot_power_traces", "plot_power_traces"),
        input_sha256=input_sha256("plot_power_traces"),
        figures={n: v for d in figure_params(TRACE_FIGURES).values() for n, v in d.items()},
    priority: 35
    script:
        "../workflow_scripts/plot_power_traces.py"
