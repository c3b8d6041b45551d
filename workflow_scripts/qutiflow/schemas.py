"""The columns of every table the pipeline writes: name, type, unit, meaning.

These names are the public contract (tests, figures and users' notebooks read them).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

_ARROW = {"str": pa.string(), "float": pa.float64(), "int": pa.int64(), "bool": pa.bool_()}


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str  # one of str, float, int, bool
    unit: str  # "" for names and flags
    description: str

    def arrow_type(self) -> pa.DataType:
        return _ARROW[self.dtype]


def _c(name: str, dtype: str, unit: str, description: str) -> Column:
    return Column(name, dtype, unit, description)


PLATFORM = _c("platform", "str", "", "canonical hardware platform id")
OP_MODE = _c("op_mode", "str", "", "operating mode (null where the platform has one mode)")
DATATYPE = _c("datatype", "str", "", "INT2, INT4, INT8, FP16 or FP32")
TOPOLOGY = _c("topology", "str", "", "canonical network id")
PRUNING = _c("pruning_pct", "float", "%", "share of channels kept (100 = unpruned)")
#: the columns that name a configuration (platform, op mode, datatype, network, pruning)
CONFIG = [PLATFORM, OP_MODE, DATATYPE, TOPOLOGY, PRUNING]

KEY = [
    _c("task", "str", "", "canonical task id (imagenet, cifar10, mnist)"),
    TOPOLOGY,
    PRUNING,
    PLATFORM,
    OP_MODE,
    DATATYPE,
]

SOURCE = [
    _c(
        "source_file",
        "str",
        "",
        "measurement file, relative to the raw_data folder; for a "
        "row converted from another layout, the original file it names (origin_file)",
    ),
    _c("source_line", "int", "", "1-based line of the row in source_file (header = 1)"),
]

#: measured rows as read and checked (validated/measurements.parquet)
VALIDATED_MEASUREMENTS = (
    KEY
    + [
        _c("batch", "int", "", "batch size, threads or streams"),
        _c("latency_system_ms", "float", "ms", "end-to-end latency of one batch"),
        _c("latency_compute_ms", "float", "ms", "compute latency of one batch"),
        _c("throughput_system_fps", "float", "fps", "end-to-end throughput"),
        _c("throughput_compute_fps", "float", "fps", "compute throughput"),
        _c("top1_pct", "float", "%", "top-1 accuracy"),
        _c("top5_pct", "float", "%", "top-5 accuracy"),
        _c(
            "top1_source",
            "str",
            "",
            "'measured', or 'reference' where the row carries the "
            "catalogue's reference accuracy of the model (null where top1_pct is null)",
        ),
        _c("power_base_w", "float", "W", "base power"),
        _c("power_idle_w", "float", "W", "idle power"),
        _c("power_full_w", "float", "W", "power under load"),
        _c("gop_per_batch_reported", "float", "GOP", "operations per batch as the file reported them"),
    ]
    + SOURCE
)

#: normalised/measurements.parquet
MEASUREMENTS = (
    [
        c
        for c in VALIDATED_MEASUREMENTS
        if c.name not in ("gop_per_batch_reported", "source_file", "source_line")
    ]
    + [
        _c("gop_per_inference", "float", "GOP", "operations per inference (10^9)"),
        _c(
            "is_gop_filled",
            "bool",
            "",
            "true when gop_per_inference came from config/op_counts.csv, "
            "false when the row's own file carried it",
        ),
        _c("perf_system_gops", "float", "GOP/s", "throughput_system_fps x gop_per_inference"),
        _c("perf_compute_gops", "float", "GOP/s", "throughput_compute_fps x gop_per_inference"),
    ]
    + SOURCE
)

#: {task}/measurements.parquet
TASK_MEASUREMENTS = MEASUREMENTS + [
    _c("platform_label", "str", "", "platform with its op mode, e.g. TX2-maxn"),
    _c("config_key", "str", "", "platform_label, datatype, topology and pruning, joined by _"),
    _c(
        "latency_compute_norm_ratio",
        "float",
        "1",
        "latency_compute_ms / its maximum over the task's rows of the same topology",
    ),
]

#: normalised/platforms.parquet
PLATFORMS = [
    PLATFORM,
    OP_MODE,
    DATATYPE,
    _c("peak_tops", "float", "TOP/s", "peak compute (10^12 operations per second)"),
    _c("bandwidth_gbps", "float", "GB/s", "peak off-chip memory bandwidth"),
    _c("memory_gb", "float", "GB", "off-chip memory capacity"),
    _c("power_w", "float", "W", "nominal power (null where not published)"),
    _c("source", "str", "", "where the facts of this row come from"),
]

#: normalised/topologies.parquet
TOPOLOGIES = [
    TOPOLOGY,
    PRUNING,
    _c("task", "str", "", "canonical task id"),
    DATATYPE,
    _c("gop_per_inference", "float", "GOP", "operations per inference (10^9)"),
    _c("params_m", "float", "M", "parameters (10^6 weights)"),
    _c("top1_pct", "float", "%", "reference top-1 accuracy (null where not published)"),
    _c("top5_pct", "float", "%", "reference top-5 accuracy (null where not published)"),
    _c(
        "intensity_reported_opb",
        "float",
        "op/B",
        "arithmetic intensity as the input table stated it (null where it stated none)",
    ),
    _c("source", "str", "", "where the facts of this row come from"),
]

#: normalised/power_traces.parquet
POWER_TRACES = [
    PLATFORM,
    _c("op_mode", "str", "", "operating mode"),
    _c("series", "str", "", "canonical network id, or 'idle'"),
    _c("sample", "int", "", "0-based sample index in the trace"),
    _c("time_s", "float", "s", "sample time (one sample per second, as recorded)"),
    _c("voltage_v", "float", "V", "supply voltage (null for the idle series, recorded as power)"),
    _c("current_a", "float", "A", "supply current (null for the idle series)"),
    _c("power_w", "float", "W", "voltage x current, or the recorded idle power"),
    _c(
        "source_file",
        "str",
        "",
        "trace file, relative to the raw_data folder; for a sample "
        "converted from another layout, the original file it names (origin_file)",
    ),
    _c("source_line", "int", "", "1-based line in source_file"),
]


def empty_frame(columns: list[Column]) -> pd.DataFrame:
    """A zero-row frame with the given columns and matching dtypes."""
    dtypes = {"str": "string", "float": "float64", "int": "Int64", "bool": "boolean"}
    return pd.DataFrame({c.name: pd.Series([], dtype=dtypes[c.dtype]) for c in columns})


def check_columns(frame: pd.DataFrame, columns: list[Column], *, what: str) -> None:
    """Fail loudly (a bug, not bad input) when ``frame`` lacks a contract column."""
    missing = [c.name for c in columns if c.name not in frame.columns]
    if missing:
        raise RuntimeError(f"{what}: internal error, columns missing before write: {missing}")


#: {task}/predictions.parquet
PREDICTIONS = CONFIG + [
    _c("arithmetic_intensity_opb", "float", "op/B", "operations per byte of weights read once per inference"),
    _c("peak_tops", "float", "TOP/s", "platform peak at this datatype"),
    _c("bandwidth_gbps", "float", "GB/s", "platform memory bandwidth"),
    _c("attainable_tops", "float", "TOP/s", "min(peak, bandwidth x intensity)"),
    _c("predicted_fps", "float", "fps", "attainable_tops x 1000 / gop_per_inference"),
    _c("bound", "str", "", "memory or compute: which roof limits the prediction"),
    _c("gop_per_inference", "float", "GOP", "operations per inference used"),
]

#: {task}/pareto_theoretical.parquet
PARETO_THEORETICAL = CONFIG + [
    _c("predicted_fps", "float", "fps", "roofline prediction"),
    _c("top1_pct", "float", "%", "reference top-1 accuracy of the model"),
]

#: all/rooflines.parquet
ROOFLINES = [
    PLATFORM,
    OP_MODE,
    DATATYPE,
    _c("family", "str", "", "hardware family (FPGA, GPU, TPU, VPU, CPU)"),
    _c("peak_tops", "float", "TOP/s", "compute roof"),
    _c("bandwidth_gbps", "float", "GB/s", "slope of the memory roof"),
    _c("ridge_opb", "float", "op/B", "exact ridge point: peak x 1000 / bandwidth"),
]

_CONFIG = CONFIG + [
    _c("config_key", "str", "", "platform_label, datatype, topology and pruning, joined by _"),
    _c("platform_label", "str", "", "platform with its op mode, e.g. TX2-maxn"),
]

#: {task}/pareto_measured.parquet
PARETO_MEASURED = _CONFIG + [
    _c("batch", "int", "", "batch size of the configuration's best throughput"),
    _c("throughput_compute_fps", "float", "fps", "best compute throughput over batch sizes"),
    _c("top1_pct", "float", "%", "measured top-1 accuracy"),
]

#: {task}/efficiency.parquet
EFFICIENCY = _CONFIG + [
    _c("batch", "int", "", "batch size of the best measured throughput"),
    _c("measured_fps", "float", "fps", "best compute throughput over batch sizes"),
    _c("predicted_fps", "float", "fps", "roofline prediction"),
    _c("peak_fps", "float", "fps", "peak TOP/s x 1000 / GOP per inference"),
    _c("efficiency_pct", "float", "%", "measured / predicted x 100"),
    _c("is_above_roofline", "bool", "", "measured above the prediction"),
]

#: {task}/tables/overview.parquet
OVERVIEW = [
    _c("platform_label", "str", "", "platform with its op mode"),
    TOPOLOGY,
    _c("datatypes", "str", "", "datatypes measured, INT2 to FP32"),
    _c("pruning_pcts", "str", "%", "pruning levels measured, largest first"),
    _c("batches", "str", "", "batch sizes measured"),
    _c("n_rows", "int", "", "measurement rows"),
]

#: fidelity/predictions_vs_measured.parquet
FIDELITY_ROWS = (
    [_c("task", "str", "", "canonical task id (imagenet, cifar10, mnist)")]
    + CONFIG
    + [
        _c("batch", "int", "", "batch size, threads or streams"),
        _c("measured_fps", "float", "fps", "measured compute throughput"),
        _c(
            "model",
            "str",
            "",
            "level0 (QuTiBench roofline), level1 (layer-wise, physics only) or "
            "level1_calibrated (two numbers per platform fitted on its anchors)",
        ),
        _c("predicted_fps", "float", "fps", "the model's prediction (null where it has none)"),
        _c("bound", "str", "", "what binds the prediction: compute, memory, link or overhead"),
        _c("is_anchor", "bool", "", "an anchor of its platform's calibration: left out of every score"),
    ]
)

#: fidelity/summary.parquet
FIDELITY_SUMMARY = [
    _c("model", "str", "", "level0, level1 or level1_calibrated"),
    _c("scope", "str", "", "best_batch (each configuration at its best measured batch) or all_batches"),
    _c("platform", "str", "", "canonical platform id, or 'all'"),
    _c("n", "int", "", "configurations (or configuration x batch rows) scored"),
    _c("median_abs_log10", "float", "log10", "median |log10(measured / predicted)|"),
    _c("p90_abs_log10", "float", "log10", "90th percentile of |log10(measured / predicted)|"),
    _c("within_25_pct", "float", "%", "share predicted within +-25 %"),
    _c("within_2x_pct", "float", "%", "share predicted within a factor of 2"),
    _c(
        "spearman_within_platform",
        "float",
        "",
        "rank correlation of measured and predicted within a platform (mean over platforms for 'all')",
    ),
    _c("beats_physics_n", "int", "", "rows measured more than 1.5x faster than level1"),
]
