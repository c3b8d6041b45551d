"""Read and check every input; nothing downstream runs on a bad input."""


rule validate_measurements:
    """Check every measurement file and resolve names to canonical ids."""
    input:
        measurements=raw_files("measurements"),
        aliases=REF["aliases"],
        topologies=REF["topologies"],
        op_counts=REF["op_counts"],
    output:
        res("validated/measurements.parquet"),
        record=record_of("validate_measurements"),
    log:
        log_path("validate_measurements"),
    params:
        code=code_of("validate_measurements"),
        input_sha256=input_sha256("validate_measurements"),
        raw_data=RAW,
    priority: 40
    script:
        "../workflow_scripts/validate_measurements.py"


rule validate_platforms:
    """Check the platform catalogue files (published platforms, the measured host)."""
    input:
        platforms=raw_files("platforms"),
        aliases=REF["aliases"],
    output:
        res("validated/platforms.parquet"),
        record=record_of("validate_platforms"),
    log:
        log_path("validate_platforms"),
    params:
        code=code_of("validate_platforms"),
        input_sha256=input_sha256("validate_platforms"),
        raw_data=RAW,
    priority: 60
    script:
        "../workflow_scripts/validate_platforms.py"


rule validate_topologies:
    """Check the topology catalogue files."""
    input:
        topologies=raw_files("topologies"),
        aliases=REF["aliases"],
        tasks=REF["topologies"],
        op_counts=REF["op_counts"],
    output:
        res("validated/topologies.parquet"),
        record=record_of("validate_topologies"),
    log:
        log_path("validate_topologies"),
    params:
        code=code_of("validate_topologies"),
        input_sha256=input_sha256("validate_topologies"),
        raw_data=RAW,
    priority: 60
    script:
        "../workflow_scripts/validate_topologies.py"
