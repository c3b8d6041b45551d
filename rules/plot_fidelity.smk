"""Prediction-fidelity figures (one job): predicted against measured per model,
the error per platform, throughput over batch size."""

rule plot_fidelity:
    """Level 0, level 1 and level 1 calibrated against the measurements, as figures."""
    input:
        rows=rules.score_fidelity.output.rows,
        summary=rules.score_fidelity.output.summary,
        families=REF.get("platform_families", "config/platform_families.csv"),
        bundle=rules.bundle_vega.output[0],
    output:
        figure_files(job_figures("plot_fidelity")),
        record=record_of("plot_fidelity"),
    log:
        log_path("plot_fidelity"),
    params:
        code=figure_code("plot_fidelity", "plot_fidelity"),
        input_sha256=input_sha256("plot_fidelity"),
        figures={n: v for d in figure_params(job_figures("plot_fidelity")).values()
                 for n, v in d.items()},
    priority: 25
    script:
        "../workflow_scripts/plot_fidelity.py"
