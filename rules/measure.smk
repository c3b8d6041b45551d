"""Opt-in: measure this machine (`snakemake measure_host --cores 1`). Not part of `all`."""


rule measure_host:
    """Benchmark the host with onnxruntime and write a contribution under raw_data.

    The files it writes under raw_data are inputs of the analysis, not outputs Snakemake
    tracks: that way no later run re-measures by itself (a changed library file or a
    deleted results folder must never start a ten-minute sweep). The tracked output is
    the receipt with their sha256; `--forcerun measure_host` measures again."""
    input:
        topologies=rules.normalise_topologies.output[0],
        aliases=REF["aliases"],
    output:
        res("host/measure_host.json"),
        record=record_of("measure_host"),
    log:
        log_path("measure_host"),
    params:
        raw_data=RAW,
        outputs={k: config["measure_host"][k] for k in ("measurements", "platforms", "description")},
        platform=config["measure_host"]["platform"],
        quick=str(config["measure_quick"]).lower() == "true",
    # every core of the machine (the sweep times 1 ... all threads). A function, so that
    # `workflow.cores` is read only when a measure_host job is made: read when the rule is
    # parsed, it stops commands that give no --cores (`snakemake --report ...`).
    threads: lambda wildcards: workflow.cores
    script:
        "../workflow_scripts/measure_host.py"
