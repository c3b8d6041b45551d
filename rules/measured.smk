"""Per task, the measured analysis: the task's rows and what was measured, then the front
and the efficiency against the predictions."""


rule select_task_measurements:
    """One task's measurement rows (with label, key and normalised latency) and the
    overview of what was measured."""
    input:
        measurements=res("normalised/measurements/{task}.parquet"),
    output:
        measurements=res("{task}/measurements.parquet"),
        overview=res("{task}/tables/overview.parquet"),
        record=record_of("select_task_measurements", "task"),
    log:
        log_path("select_task_measurements_{task}"),
    params:
        code=code_of("select_task_measurements"),
        input_sha256=input_sha256("select_task_measurements"),
        task=lambda wildcards: wildcards.task,
    priority: 40
    script:
        "../workflow_scripts/select_task_measurements.py"


rule analyse_measured:
    """One task's best point per configuration, its measured design-space front and its
    efficiency against the roofline predictions."""
    input:
        # not read: a direct dependant of the checkpoint normalise_measurements is looked at
        # again when it has run, so this task's front is not recomputed when its rows did
        # not change (tests/workflow/test_task_edits.py)
        task_rows=res("normalised/measurements/{task}.parquet"),
        measurements=rules.select_task_measurements.output.measurements,
        predictions=rules.predict_roofline.output.predictions,
    output:
        pareto=res("{task}/pareto_measured.parquet"),
        efficiency=res("{task}/efficiency.parquet"),
        record=record_of("analyse_measured", "task"),
    log:
        log_path("analyse_measured_{task}"),
    params:
        code=code_of("analyse_measured"),
        input_sha256=input_sha256("analyse_measured"),
        task=lambda wildcards: wildcards.task,
    priority: 40
    script:
        "../workflow_scripts/analyse_measured.py"
