"""Rule measure_host: measure this machine and write the measurements as a contribution.

Not part of the default target: measurements belong to a machine and never rerun by
themselves. Run ``snakemake measure_host --cores 1`` (add ``--config measure_quick=true``
for the two-minute preset). Inputs: normalised/topologies.parquet (reference accuracy).
Writes, under raw_data (paths from config ``measure_host``): the measurements in the
master-table layout, the host's catalogue rows, and a description of the machine; then
the receipt {results}/host/measure_host.json (the files and their sha256). Nothing is
written unless the whole sweep succeeded.
"""

import datetime
import hashlib
import json

from qutiflow import io, logs, reference
from qutiflow.errors import InputError, Problem, csv_line
from qutiflow.hostbench import contribution, host, sweep


def check_names(vocab, platform: str, plan: sweep.Plan, aliases: str) -> None:
    """The platform id and the op modes of the plan's thread counts must be canonical
    names of the alias table, checked before minutes of measuring, not after."""
    problems = []
    if platform not in vocab.canonical_ids("platform"):
        line = csv_line("platform", platform, platform, "", "<description>")
        problems.append(
            Problem(
                "config/config.yaml",
                None,
                "measure_host.platform",
                platform,
                "not a canonical platform id of the alias table",
                f"add a line '{line}' to {aliases} (and the platform's family "
                "to config/platform_families.csv)",
            )
        )
    for threads in plan.threads:
        mode = contribution.op_mode(threads)
        if mode not in vocab.canonical_ids("op_mode"):
            line = csv_line("op_mode", mode, mode, "", f"onnxruntime with {threads} intra-op threads")
            problems.append(
                Problem(
                    aliases,
                    None,
                    "op_mode",
                    mode,
                    "the op mode of this thread count is not in the alias table",
                    f"add a line '{line}' to {aliases}",
                )
            )
    if problems:
        raise InputError(problems)


def main(*, topologies, aliases, receipt, raw_data, outputs, platform, quick, progress=True, log=None):
    log_ = logs.setup(log, "measure_host")
    plan = sweep.preset("quick" if quick else "default")
    check_names(reference.vocabulary(io.read_csv_text(aliases, aliases)), platform, plan, aliases)
    machine = host.describe()
    log_.info(
        "measuring %s (%s logical cores), onnxruntime %s",
        machine["cpu_model"],
        machine["logical_cores"],
        machine.get("onnxruntime", "missing"),
    )
    result = sweep.run(plan, log_, progress=progress)
    accuracy = contribution.reference_accuracy(io.read_parquet(topologies))
    date = datetime.date.today().isoformat()
    memory = contribution.memory_gb()
    files = {
        outputs["measurements"]: "measurements in the master-table layout (one row per timing)",
        outputs["platforms"]: "the measured roofline as platform-catalogue rows",
        outputs["description"]: "this description",
    }
    texts = {
        outputs["measurements"]: contribution.measurements_csv(result, platform, accuracy),
        outputs["platforms"]: contribution.platforms_csv(result, platform, machine, memory, date),
        outputs["description"]: contribution.description_md(result, platform, machine, memory, date, files),
    }
    written = {}
    for name, text in texts.items():
        data = text.encode("utf-8")
        io.write_bytes(data, f"{raw_data}/{name}")
        written[name] = hashlib.sha256(data).hexdigest()
        log_.info("wrote %s/%s", raw_data, name)
    record = {
        "platform": platform,
        "preset": plan.name,
        "date": date,
        "machine": machine,
        "timings": len(result.points),
        "seconds": round(result.seconds, 1),
        "raw_data": raw_data,
        "files_sha256": written,
    }
    io.write_bytes((json.dumps(record, indent=2, sort_keys=True) + "\n").encode(), receipt)


if "snakemake" in globals():
    logs.run_entry(
        main,
        snakemake,
        topologies=snakemake.input.topologies,
        aliases=snakemake.input.aliases,
        receipt=snakemake.output[0],
        raw_data=snakemake.params.raw_data,
        outputs=dict(snakemake.params.outputs),
        platform=snakemake.params.platform,
        quick=snakemake.params.quick,
        log=snakemake.log[0],
    )
