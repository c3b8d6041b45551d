"""A sweep written as a contribution: tidy measurements, catalogue rows, a description.

* measurements: the tidy measurement layout (docs/contributing.md; the column list and the
  writer of :mod:`qutiflow.convert_original`), one row per timing, ``gop_per_batch`` =
  operations per batch of the network actually measured (from its layer-by-layer spec),
  ``top1_source`` = ``reference`` (the accuracy is the catalogue's reference accuracy of
  the model, not measured here; random weights have no accuracy), and the latency spread
  ``latency_compute_q1_ms`` / ``latency_compute_q3_ms`` and ``repetitions`` (read past by
  the pipeline);
* platforms: the tidy catalogue format, one row per thread count (op mode ``threads-N``)
  and datatype, with the measured peak and bandwidth;
* a Markdown description of the machine, the date, the library versions and the sweep.
"""

from __future__ import annotations

import math

import pandas as pd

from .. import convert_original as tidy
from ..networks import count_ops, count_params, network_for, width_pct
from ..readers.measurements import ORIGIN_COLUMNS
from .sweep import SweepResult

#: the host's measurement file: the tidy layout (docs/contributing.md), the converter's
#: column list without the origin columns (these rows are measured here, not converted),
#: ``top1_source`` after the accuracies, then the latency spread
MEASURED_COLUMNS = [c for c in tidy.MEASUREMENT_COLUMNS if c not in ORIGIN_COLUMNS]
#: the spread of the compute latency [ms] and the number of timed runs: read past by the
#: pipeline (it uses the median), for readers of the file
SPREAD_COLUMNS = ["latency_compute_q1_ms", "latency_compute_q3_ms", "repetitions"]
_AFTER_ACCURACY = MEASURED_COLUMNS.index("top5_pct") + 1
MEASUREMENT_COLUMNS = [
    *MEASURED_COLUMNS[:_AFTER_ACCURACY],
    "top1_source",
    *MEASURED_COLUMNS[_AFTER_ACCURACY:],
    *SPREAD_COLUMNS,
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


def _rounded(value: float | None, digits: int = 6) -> float | None:
    """``value`` to ``digits`` significant digits (None for a missing value), so that the
    file holds the digits the master-table layout of earlier versions held.

    >>> _rounded(74.64963), _rounded(None), _rounded(float("nan"))
    (74.6496, None, None)
    """
    text = _num(value, digits)
    return float(text) if text else None


def measurement_rows(
    result: SweepResult,
    platform: str,
    accuracy: dict[tuple[str, float, str], tuple[float, float]],
) -> pd.DataFrame:
    """The sweep's timings as :data:`MEASUREMENT_COLUMNS`, one row per timing: canonical
    names, numbers to 6 significant digits (operations per batch to 9), ``top1_source``
    ``reference`` where the catalogue has the model's accuracy (empty where it has none)."""
    rows = []
    for p in result.points:
        top1, top5 = accuracy.get((p.topology, float(p.pruning_pct), p.datatype), (None, None))
        rows.append(
            {
                "topology": p.topology,
                "pruning_pct": float(p.pruning_pct),
                "platform": platform,
                "op_mode": op_mode(p.threads),
                "datatype": p.datatype,
                "batch": p.batch,
                "latency_compute_ms": _rounded(p.latency_ms),
                "throughput_compute_fps": _rounded(p.throughput_fps),
                "top1_pct": _rounded(top1),
                "top5_pct": _rounded(top5),
                "top1_source": "reference" if top1 is not None else None,
                "power_idle_w": _rounded(result.idle_power_w),
                "power_full_w": _rounded(p.power_w),
                "gop_per_batch": _rounded(p.gop_per_inference * p.batch, 9),
                "latency_compute_q1_ms": _rounded(p.timing.q1_s * 1e3),
                "latency_compute_q3_ms": _rounded(p.timing.q3_s * 1e3),
                "repetitions": p.timing.repeats,
            }
        )
    return pd.DataFrame(rows, columns=MEASUREMENT_COLUMNS)


def measurements_csv(
    result: SweepResult,
    platform: str,
    accuracy: dict[tuple[str, float, str], tuple[float, float]],
) -> str:
    """The sweep's timings in the tidy measurement layout (:func:`measurement_rows`),
    written by the converter's writer (:func:`qutiflow.convert_original.csv_text`)."""
    return tidy.csv_text(measurement_rows(result, platform, accuracy), MEASUREMENT_COLUMNS)


#: how the host's files name the command that wrote them
COMMAND = "python -m qutiflow.hostbench"


def _peak_source(result: SweepResult, threads: int, datatype: str, machine: dict[str, str], date: str) -> str:
    s = result.plan.roofline
    kernel = "MatMul (float32)" if datatype == "FP32" else "MatMulInteger (uint8 x int8)"
    return (
        f"measured by `{COMMAND}` on {date}: {machine['cpu_model']}, "
        f"{machine['logical_cores']} logical cores; peak = onnxruntime "
        f"{machine.get('onnxruntime', '?')} {kernel}, best of n={'/'.join(map(str, s.matmul_sizes))}, with "
        f"{threads} thread(s); bandwidth = STREAM-style triad over "
        f"{s.triad_array_mb:g} MB arrays with {threads} thread(s)"
    )


def platforms_csv(
    result: SweepResult, platform: str, machine: dict[str, str], memory_gb: float | None, date: str
) -> str:
    """The host's measured rooflines in the tidy catalogue format, one row per thread
    count (op mode ``threads-N``) and datatype; written by the converter's writer."""
    rows = [
        {
            "platform": platform,
            "op_mode": op_mode(r.threads),
            "datatype": datatype,
            "peak_tops": _rounded(peak),
            "bandwidth_gbps": _rounded(r.bandwidth_gbps),
            "memory_gb": _rounded(memory_gb, 4),
            "power_w": None,
            "source": _peak_source(result, r.threads, datatype, machine, date),
        }
        for r in result.rooflines
        for datatype, peak in r.peak_tops.items()
    ]
    return tidy.csv_text(pd.DataFrame(rows, columns=PLATFORM_HEADER), PLATFORM_HEADER)


def description_md(
    result: SweepResult,
    platform: str,
    machine: dict[str, str],
    memory_gb: float | None,
    date: str,
    files: dict[str, str],
) -> str:
    """What was measured, on what, when, and how long it took."""
    lines = [
        f"# {platform}: the measured host",
        "",
        f"Written by `{COMMAND}` (sweep preset `{result.plan.name}`) on {date}; "
        "rerun it to measure the machine in front of you. Every number below and in the "
        "files it names is a measurement of that machine, not a datasheet value.",
        "",
        *_machine_section(result, machine, memory_gb),
        *_roofline_section(result),
        *_sweep_section(result),
        "## Files",
        "",
        *(f"- `{name}`: {what}" for name, what in files.items()),
    ]
    return "\n".join(lines) + "\n"


def _machine_section(result: SweepResult, machine: dict[str, str], memory_gb: float | None) -> list[str]:
    power = (
        "RAPL package counters"
        if result.idle_power_w is not None
        else "no readable RAPL counter (`/sys/class/powercap`): power columns are empty"
    )
    return [
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
        f"| power | {power} |",
        "",
    ]


def _roofline_section(result: SweepResult) -> list[str]:
    datatypes = result.plan.datatypes
    return [
        "## Measured roofline",
        "",
        "| op mode | bandwidth [GB/s] | " + " | ".join(f"{dt} peak [TOP/s]" for dt in datatypes) + " |",
        "|---|---|" + "---|" * len(datatypes),
        *(
            f"| {op_mode(r.threads)} | {_num(r.bandwidth_gbps, 4)} | "
            + " | ".join(_num(r.peak_tops[dt], 4) for dt in datatypes)
            + " |"
            for r in result.rooflines
        ),
        "",
    ]


def _sweep_section(result: SweepResult) -> list[str]:
    plan = result.plan
    topologies = dict.fromkeys(t for t, _ in plan.models)
    return [
        "## Sweep",
        "",
        "- networks (catalogue name: the measured network's uniform width, operations per "
        "inference at 2 per multiply-accumulate, weights): "
        + "; ".join(_network_line(t, p) for t, p in plan.models),
        f"- datatypes: {', '.join(plan.datatypes)} (INT8: static QDQ quantisation, per-tensor, "
        "calibrated on random inputs)",
        f"- intra-op threads: {', '.join(map(str, plan.threads))} (op modes "
        f"{', '.join(op_mode(t) for t in plan.threads)})",
        "- batch sizes: " + "; ".join(f"{t} {', '.join(map(str, plan.batches[t]))}" for t in topologies),
        f"- timing: 2 warm-up runs, then repetitions until {plan.budget_s:g} s have passed "
        f"(at least 3, at most {plan.max_repeats}); the median latency is `latency_compute_ms`, "
        "its quartiles `latency_compute_q1_ms` and `latency_compute_q3_ms`; throughput = "
        "batch / median latency",
        "- accuracy: the catalogue's reference top-1 of the model (`top1_source` = "
        "`reference`), empty where the catalogue has none; the weights are random",
        f"- {len(result.points)} timings in {result.seconds:.0f} s",
        "",
    ]


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
