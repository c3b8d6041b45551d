"""Stage 6: the measured analysis, per task: design-space front, efficiency, tables."""


rule find_pareto_measured:
    """Best throughput per configuration, then the strict front with top-1 accuracy."""
    input:
        code=library_code(),
        measurements=rules.split_task.output[0],
    output:
        res("{task}/pareto_measured.parquet"),
    log:
        log_path("find_pareto_measured_{task}"),
    priority: 20
    script:
        "../workflow_scripts/find_pareto_measured.py"


rule compute_efficiency:
    """Measured throughput against the roofline prediction, per configuration."""
    input:
        code=library_code(),
        measurements=rules.split_task.output[0],
        predictions=rules.predict_roofline.output[0],
    output:
        res("{task}/efficiency.parquet"),
    log:
        log_path("compute_efficiency_{task}"),
    priority: 20
    script:
        "../workflow_scripts/compute_efficiency.py"


rule build_tables:
    """Raw measurements per platform and the overview of experiments, from the data."""
    input:
        code=library_code(),
        measurements=rules.split_task.output[0],
    output:
        raw_parquet=res("{task}/tables/raw_measurements.parquet"),
        raw_html=res("{task}/tables/raw_measurements.html"),
        overview_parquet=res("{task}/tables/overview.parquet"),
        overview_html=res("{task}/tables/overview.html"),
    log:
        log_path("build_tables_{task}"),
    params:
        task=lambda wildcards: wildcards.task,
    script:
        "../workflow_scripts/build_tables.py"
