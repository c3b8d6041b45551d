"""Per task, the measured analysis: rows, front, efficiency and tables."""


rule split_task:
    """One task's measurements, design-space front, efficiency, raw table and overview."""
    input:
        code=code_of("split_task"),
        measurements=res("normalised/measurements/{task}.parquet"),
        predictions=rules.predict_roofline.output.predictions,
    output:
        measurements=res("{task}/measurements.parquet"),
        pareto=res("{task}/pareto_measured.parquet"),
        efficiency=res("{task}/efficiency.parquet"),
        raw_parquet=res("{task}/tables/raw_measurements.parquet"),
        raw_html=res("{task}/tables/raw_measurements.html"),
        overview_parquet=res("{task}/tables/overview.parquet"),
        overview_html=res("{task}/tables/overview.html"),
    log:
        log_path("split_task_{task}"),
    params:
        input_sha256=input_sha256("split_task"),
        task=lambda wildcards: wildcards.task,
    priority: 40
    script:
        "../workflow_scripts/split_task.py"
