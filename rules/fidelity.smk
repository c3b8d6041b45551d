"""Prediction fidelity: level 0, level 1 and level 1 calibrated against every
measurement (qutiflow.level1, qutiflow.fidelity)."""


rule score_fidelity:
    """Predictions against measurements per configuration, batch and model; their scores."""
    input:
        measurements=rules.normalise_measurements.output[0],
        platforms=rules.normalise_platforms.output[0],
        predictions=expand(rules.predict_roofline.output.predictions, task=config["tasks"]),
        architecture=REF.get("platform_architecture", "config/platform_architecture.csv"),
        aliases=REF["aliases"],
    output:
        rows=res("fidelity/predictions_vs_measured.parquet"),
        summary=res("fidelity/summary.parquet"),
        record=record_of("score_fidelity"),
    log:
        log_path("score_fidelity"),
    params:
        code=code_of("score_fidelity"),
        input_sha256=input_sha256("score_fidelity"),
    priority: 30
    script:
        "../workflow_scripts/score_fidelity.py"
