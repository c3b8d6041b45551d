"""Opt-in: measure this machine (`snakemake measure_host --cores 1`). Not part of `all`."""


rule measure_host:
    """Benchmark the host with onnxruntime and write a contribution under raw_data: the
    target of `python -m qutiflow.hostbench` (the same code), refusing to replace an
    existing or git-tracked file unless `--config measure_force=true`.

    The files it writes under raw_data are inputs of the analysis, not outputs Snakemake
    tracks: that way no later run re-measures by itself (a changed library file or a
    deleted results folder must never start a ten-minute sweep). The tracked output is
    the receipt with their sha256; `--forcerun measure_host --config measure_force=true`
    measures again."""
    input:
        topologies=raw_files("topologies"),
        aliases=REF["aliases"],
    output:
        res("host/measure_host.json"),
        record=record_of("measure_host"),
    log:
        log_path("measure_host"),
    params:
        raw_data=RAW,
        files={k: config["measure_host"][k] for k in ("measurements", "platforms", "description")},
        platform=config["measure_host"]["platform"],
        quick=str(config["measure_quick"]).lower() == "true",
        force=str(config["measure_force"]).lower() == "true",
    # every core of the machine (the sweep times 1 ... all threads). A function, so that
    # `workflow.cores` is read only when a measure_host job is made: read when the rule is
    # parsed, it stops commands that give no --cores (`snakemake --report ...`).
    threads: lambda wildcards: workflow.cores
    script:
        "../workflow_scripts/measure_host.py"
