"""Normalised, unit-explicit tables (Parquet, units in the field metadata)."""


checkpoint normalise_measurements:
    """Drop placeholders, fill op counts, compute GOP/s; one table and one per task.

    A checkpoint: when it has run, Snakemake looks at its dependants again, and a task's
    table whose bytes did not change does not rerun that task's jobs (Snakemake keeps the
    checksum of every input under --max-checksum-file-size), so an edit to one task's
    measurements reruns that task only."""
    input:
        validated=rules.validate_measurements.output[0],
        op_counts=REF["op_counts"],
        aliases=REF["aliases"],
    output:
        all=res("normalised/measurements.parquet"),
        per_task=expand(res("normalised/measurements/{task}.parquet"), task=config["tasks"]),
        record=record_of("normalise_measurements"),
    log:
        log_path("normalise_measurements"),
    params:
        code=code_of("normalise_measurements"),
        input_sha256=input_sha256("normalise_measurements"),
        tasks=config["tasks"],
    priority: 40
    script:
        "../workflow_scripts/normalise_measurements.py"


rule normalise_platforms:
    """The platform catalogue in canonical order."""
    input:
        validated=rules.validate_platforms.output[0],
        aliases=REF["aliases"],
    output:
        res("normalised/platforms.parquet"),
        record=record_of("normalise_platforms"),
    log:
        log_path("normalise_platforms"),
    params:
        code=code_of("normalise_platforms"),
        input_sha256=input_sha256("normalise_platforms"),
    priority: 60
    script:
        "../workflow_scripts/normalise_platforms.py"


rule normalise_topologies:
    """The topology catalogue with task and op counts complete."""
    input:
        validated=rules.validate_topologies.output[0],
        aliases=REF["aliases"],
        tasks=REF["topologies"],
        op_counts=REF["op_counts"],
    output:
        res("normalised/topologies.parquet"),
        record=record_of("normalise_topologies"),
    log:
        log_path("normalise_topologies"),
    params:
        code=code_of("normalise_topologies"),
        input_sha256=input_sha256("normalise_topologies"),
    priority: 60
    script:
        "../workflow_scripts/normalise_topologies.py"


rule normalise_power_traces:
    """Power traces over time as one long table."""
    input:
        traces=raw_files("power_traces"),
        aliases=REF["aliases"],
    output:
        res("normalised/power_traces.parquet"),
        record=record_of("normalise_power_traces"),
    log:
        log_path("normalise_power_traces"),
    params:
        code=code_of("normalise_power_traces"),
        input_sha256=input_sha256("normalise_power_traces"),
        platform=INPUTS.get("power_traces_platform", "EdgeTPU"),
        raw_data=RAW,
    priority: 35
    script:
        "../workflow_scripts/normalise_power_traces.py"
