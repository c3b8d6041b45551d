"""Stage 4: roofline predictions and the theoretical pareto front, per task."""


rule compute_rooflines:
    """One roofline per platform × op mode × datatype, with its exact ridge point."""
    input:
        code=library_code(),
        platforms=rules.normalise_platforms.output[0],
        families=REF.get("platform_families", "config/platform_families.csv"),
    output:
        res("all/rooflines.parquet"),
    log:
        log_path("compute_rooflines"),
    priority: 30
    script:
        "../workflow_scripts/compute_rooflines.py"


rule predict_roofline:
    """Predicted throughput of every platform for every model of the task."""
    input:
        code=library_code(),
        platforms=rules.normalise_platforms.output[0],
        topologies=rules.normalise_topologies.output[0],
    output:
        res("{task}/predictions.parquet"),
    log:
        log_path("predict_roofline_{task}"),
    params:
        task=lambda wildcards: wildcards.task,
    priority: 20
    script:
        "../workflow_scripts/predict_roofline.py"


rule find_pareto_theoretical:
    """Strict pareto front of predicted fps and reference top-1 (both maximised)."""
    input:
        code=library_code(),
        predictions=rules.predict_roofline.output[0],
        topologies=rules.normalise_topologies.output[0],
    output:
        res("{task}/pareto_theoretical.parquet"),
    log:
        log_path("find_pareto_theoretical_{task}"),
    priority: 20
    script:
        "../workflow_scripts/find_pareto_theoretical.py"
