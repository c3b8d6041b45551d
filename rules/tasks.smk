"""Stage 3: per-task tables."""


rule split_task:
    """One task's measurements with its derived columns."""
    input:
        code=library_code(),
        measurements=rules.normalise_measurements.output[0],
    output:
        res("{task}/measurements.parquet"),
    log:
        log_path("split_task_{task}"),
    params:
        task=lambda wildcards: wildcards.task,
    script:
        "../workflow_scripts/split_task.py"
