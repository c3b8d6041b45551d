"""A sweep written as a contribution: the master-table layout, catalogue rows, a description.

* measurements: the header of the original's master table (so the measurement reader
  ingests the file unchanged), one row per timing, ``GOPS`` = operations per batch of the
  network actually measured (from its layer-by-layer spec), plus three columns the reader
  knows:
  ``top1 source`` (``reference``: the accuracy is the catalogue's reference accuracy of the
  model, not measured here; random weights have no accuracy), and the latency spread
  ``lat-comp-q1`` / ``lat-comp-q3`` [ms] and ``repetitions``;
* platforms: the tidy catalogue format, one row per thread count (op mode ``threads-N``)
  and datatype, with the measured peak and bandwidth;
* a Markdown description of the machine, the date, the library versions and the sweep.
"""

from __future__ import annotations

import csv
import io
import math

import pandas as pd

from ..networks import count_ops, count_params, network_for, width_pct
from .sweep import SweepResult

MASTER_HEADER = [
    "NN_Topology",
    "HWType",
    "Datatype",
    "Op mode",
    "batch/thread/stream",
    "lat-sys",
    "lat-comp",
    "fps-system",
    "fps-comp",
    "tp-system",
    "tp-comp",
    "top1 [%]",
    "top5 [%]",
    "Base_Pwr_W",
    "Idle_Pwr_W",
    "Full_Pwr_W",
    "GOPS",
    "PruningFactor",
    " level",
    "hw_peak_perf",
    "hw_bandwidth",
    "nn_total_operations",
    "top1 source",
    "lat-comp-q1",
    "lat-comp-q3",
    "repetitions",
]
PLATFORM_HEADER = [
    "platform",
    "op_mode",
    "datatype",
    "peak_tops",
    "bandwidth_gbps",
    "memory_gb",
    "power_w",
    "source",
]


def op_mode(threads: int) -> str:
    """The op mode of a thread count, as spelled in config/aliases.csv."""
    return f"threads-{threads}"


def _num(value: float | None, digits: int = 6) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{value:.{digits}g}"


def _pruning(pct: float) -> str:
    """Master-table spelling: 100%, 12.50%."""
    return f"{pct:.0f}%" if float(pct).is_integer() else f"{pct:.2f}%"


def _csv(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def reference_accuracy(topologies: pd.DataFrame) -> dict[tuple[str, float, str], tuple[float, float]]:
    """(topology, pruning %, datatype) → (top-1 %, top-5 %) from the topology catalogue;
    rows without a top-1 are left out (no accuracy is invented)."""
    rows = topologies.loc[topologies["top1_pct"].notna()]
    return {
        (str(t), float(p), str(d)): (float(a1), float(a5) if pd.notna(a5) else math.nan)
        for t, p, d, a1, a5 in rows[
            ["topology", "pruning_pct", "datatype", "top1_pct", "top5_pct"]
        ].itertuples(index=False)
    }


def measurements_csv(
    result: SweepResult,
    platform: str,
    accuracy: dict[tuple[str, float, str], tuple[float, float]],
) -> str:
    """The sweep's timings in the master-table layout."""
    rows = []
    for p in result.points:
        top1, top5 = accuracy.get((p.topology, float(p.pruning_pct), p.datatype), (None, None))
        rows.append(
            [
                p.topology,
                platform,
                p.datatype,
                op_mode(p.threads),
                str(p.batch),
                "",
                _num(p.latency_ms),
                "",
                _num(p.throughput_fps),
                "",
                "",
                _num(top1),
                _num(top5),
                "",
                _num(result.idle_power_w),
                _num(p.power_w),
                _num(p.gop_per_inference * p.batch, 9),
                _pruning(p.pruning_pct),
                "",
                "",
                "",
                "",
                "reference" if top1 is not None else "",
                _num(p.timing.q1_s * 1e3),
                _num(p.timing.q3_s * 1e3),
                str(p.timing.repeats),
            ]
        )
    return _csv(MASTER_HEADER, rows)


def platforms_csv(
    result: SweepResult, platform: str, machine: dict[str, str], memory_gb: float | None, date: str
) -> str:
    """The host's measured rooflines in the tidy catalogue format."""
    s = result.plan.roofline
    rows = []
    for r in result.rooflines:
        for datatype, peak in r.peak_tops.items():
            kernel = "MatMul (float32)" if datatype == "FP32" else "MatMulInteger (uint8 x int8)"
            source = (
                f"measured by `snakemake measure_host` on {date}: {machine['cpu_model']}, "
                f"{machine['logical_cores']} logical cores; peak = onnxruntime "
                f"{machine.get('onnxruntime', '?')} {kernel}, best of n={'/'.join(map(str, s.matmul_sizes))}, with "
                f"{r.threads} thread(s); bandwidth = STREAM-style triad over "
                f"{s.triad_array_mb:g} MB arrays with {r.threads} thread(s)"
            )
            rows.append(
                [
                    platform,
                    op_mode(r.threads),
                    datatype,
                    _num(peak),
                    _num(r.bandwidth_gbps),
                    _num(memory_gb, 4),
                    "",
                    source,
                ]
            )
    return _csv(PLATFORM_HEADER, rows)


def description_md(
    result: SweepResult,
    platform: str,
    machine: dict[str, str],
    memory_gb: float | None,
    date: str,
    files: dict[str, str],
) -> str:
    """What was measured, on what, when, and how long it took."""
    plan = result.plan
    lines = [
        f"# {platform}: the measured host",
        "",
        f"Written by `snakemake measure_host` (sweep preset `{plan.name}`) on {date}; "
        "rerun it to measure the machine in front of you. Every number below and in the "
        "files it names is a measurement of that machine, not a datasheet value.",
        "",
        "## Machine",
        "",
        "| property | value |",
        "|---|---|",
        f"| CPU | {machine['cpu_model']} |",
        f"| logical cores | {machine['logical_cores']} |",
        f"| memory | {_num(memory_gb, 4) or 'unknown'} GB |",
        f"| OS | {machine['os']} |",
        f"| Python | {machine['python']} |",
        f"| numpy | {machine['numpy']} |",
        f"| onnxruntime | {machine.get('onnxruntime', 'not installed')} |",
        f"| onnx | {machine.get('onnx', 'not installed')} |",
        "| power | "
        + (
            "RAPL package counters"
            if result.idle_power_w is not None
            else "no readable RAPL counter (`/sys/class/powercap`): power columns are empty"
        )
        + " |",
        "",
        "## Measured roofline",
        "",
        "| op mode | bandwidth [GB/s] | " + " | ".join(f"{dt} peak [TOP/s]" for dt in plan.datatypes) + " |",
        "|---|---|" + "---|" * len(plan.datatypes),
    ]
    for r in result.rooflines:
        lines.append(
            f"| {op_mode(r.threads)} | {_num(r.bandwidth_gbps, 4)} | "
            + " | ".join(_num(r.peak_tops[dt], 4) for dt in plan.datatypes)
            + " |"
        )
    lines += [
        "",
        "## Sweep",
        "",
        "- networks (catalogue name: the measured network's uniform width, operations per "
        "inference at 2 per multiply-accumulate, weights): "
        + "; ".join(_network_line(t, p) for t, p in plan.models),
        f"- datatypes: {', '.join(plan.datatypes)} (INT8: static QDQ quantisation, per-tensor, "
        "calibrated on random inputs)",
        f"- intra-op threads: {', '.join(map(str, plan.threads))} (op modes "
        f"{', '.join(op_mode(t) for t in plan.threads)})",
        "- batch sizes: "
        + "; ".join(
            f"{t} {', '.join(map(str, plan.batches[t]))}" for t in dict.fromkeys(t for t, _ in plan.models)
        ),
        f"- timing: 2 warm-up runs, then repetitions until {plan.budget_s:g} s have passed "
        f"(at least 3, at most {plan.max_repeats}); the median latency is `lat-comp`, its "
        "quartiles `lat-comp-q1` and `lat-comp-q3`; throughput = batch / median latency",
        "- accuracy: the catalogue's reference top-1 of the model (`top1 source` = "
        "`reference`), empty where the catalogue has none; the weights are random",
        f"- {len(result.points)} timings in {result.seconds:.0f} s",
        "",
        "## Files",
        "",
    ]
    lines += [f"- `{name}`: {what}" for name, what in files.items()]
    return "\n".join(lines) + "\n"


def _network_line(topology: str, pruning: float) -> str:
    spec = network_for(topology, pruning)
    return (
        f"{topology} {pruning:g} % (width {width_pct(topology, pruning):g} %, "
        f"{count_ops(spec) / 1e9:.4g} GOP, {count_params(spec) / 1e6:.4g} M)"
    )


def memory_gb(meminfo: str = "/proc/meminfo") -> float | None:
    """Total memory of this machine in GB (10^9 bytes), None where unknown."""
    try:
        with open(meminfo, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024 / 1e9
    except (OSError, ValueError, IndexError):
        pass
    return None
