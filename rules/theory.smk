"""Roofline predictions and the theoretical pareto front, per task."""


rule compute_rooflines:
    """One roofline per platform × op mode × datatype, with its exact ridge point."""
    input:
        platforms=rules.normalise_platforms.output[0],
        families=REF.get("platform_families", "config/platform_families.csv"),
    output:
        res("all/rooflines.parquet"),
        record=record_of("compute_rooflines"),
    log:
        log_path("compute_rooflines"),
    params:
        code=code_of("compute_rooflines"),
        input_sha256=input_sha256("compute_rooflines"),
    priority: 60
    script:
        "../workflow_scripts/compute_rooflines.py"


rule predict_roofline:
    """Predicted throughput of every platform for every model of the task; its front."""
    input:
        platforms=rules.normalise_platforms.output[0],
        topologies=rules.normalise_topologies.output[0],
    output:
        predictions=res("{task}/predictions.parquet"),
        pareto=res("{task}/pareto_theoretical.parquet"),
        record=record_of("predict_roofline", "task"),
    log:
        log_path("predict_roofline_{task}"),
    params:
        code=code_of("predict_roofline"),
        input_sha256=input_sha256("predict_roofline"),
        task=lambda wildcards: wildcards.task,
    priority: 60
    script:
        "../workflow_scripts/predict_roofline.py"
