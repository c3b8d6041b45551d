"""Measurement files: the master-table layout and the per-run log layout, told apart by header.

Both readers return every cell as text under the library's names (``TEXT_COLUMNS``) plus
the line number; :mod:`qutiflow.clean` checks and converts them.
"""
from __future__ import annotations

import pandas as pd

from ..errors import InputError, Problem
from ..io import LINE, CsvText, read_csv_text

TEXT_COLUMNS = [
    "topology", "platform", "op_mode", "datatype", "pruning", "batch",
    "latency_system_ms", "latency_compute_ms", "throughput_system_fps", "throughput_compute_fps",
    "top1_pct", "top5_pct", "power_base_w", "power_idle_w", "power_full_w",
    "gop_per_batch_reported",
]

#: master-table header (stripped) → library column; the community template's names too
MASTER = {
    "NN_Topology": "topology", "HWType": "platform", "Datatype": "datatype",
    "Precision": "datatype", "Op mode": "op_mode", "batch/thread/stream": "batch",
    "lat-sys": "latency_system_ms", "lat-comp": "latency_compute_ms",
    "fps-system": "throughput_system_fps", "fps-comp": "throughput_compute_fps",
    "top1 [%]": "top1_pct", "top1": "top1_pct", "top5 [%]": "top5_pct",
    "Base_Pwr_W": "power_base_w", "BasePWR [W]": "power_base_w",
    "Idle_Pwr_W": "power_idle_w", "IdlePWR [W]": "power_idle_w",
    "Full_Pwr_W": "power_full_w", "FullPwr [W]": "power_full_w",
    "GOPS": "gop_per_batch_reported", "PruningFactor": "pruning",
}
#: master-table columns that are read past on purpose (recomputed or catalogue facts)
MASTER_IGNORED = {"tp-system", "tp-comp", "level", "hw_peak_perf", "hw_bandwidth",
                  "nn_total_operations"}
MASTER_REQUIRED = ["topology", "platform", "datatype", "batch", "latency_compute_ms", "pruning"]

#: per-run log header → library column (batch and op mode come from the config cell)
RUN_LOG = {
    "net": "topology", "model": "platform", "quantization": "datatype", "pruning": "pruning",
    "lat-system": "latency_system_ms", "lat-comp": "latency_compute_ms",
    "fps-system": "throughput_system_fps", "fps-comp": "throughput_compute_fps",
}
RUN_LOG_IGNORED = {"tp-system", "tp-comp", "chip", "batch_size", "lat-comp-per-image"}
RUN_LOG_REQUIRED = ["config", "net", "model", "quantization", "pruning", "lat-comp"]


def read_measurement_file(path: str, name: str) -> tuple[pd.DataFrame, list[str]]:
    """Read one measurement file in either layout.

    Returns the text frame (``TEXT_COLUMNS`` + ``LINE``) and notes for the log (ignored
    header columns). Raises :class:`InputError` for a file in neither layout or with
    missing required columns.
    """
    text = read_csv_text(path, name)
    header = [h.strip() for h in text.header[0]]
    master_hits = sum(h in MASTER or h in MASTER_IGNORED for h in header)
    run_hits = sum(h in RUN_LOG or h in RUN_LOG_IGNORED or h == "config" for h in header)
    if master_hits == 0 and run_hits == 0:
        raise InputError([Problem(
            name, 1, None, ",".join(text.header[0])[:80],
            "not a measurement file: the header has none of the known columns",
            "use the master-table layout (NN_Topology, HWType, Datatype, Op mode, "
            "batch/thread/stream, lat-comp, PruningFactor, ...) or the per-run log layout")])
    if master_hits >= run_hits:
        return _master(text, header)
    return _run_log(text, header)


def _missing(name: str, header: list[str], required: list[str], labels: dict[str, str]) -> None:
    problems = [Problem(name, 1, labels.get(c, c), None, "required column is missing",
                        f"add the column {labels.get(c, c)!r} to the header row")
                for c in required if c not in header]
    if problems:
        raise InputError(problems)


def _master(text: CsvText, header: list[str]) -> tuple[pd.DataFrame, list[str]]:
    mapped = {MASTER[h]: i for i, h in reversed(list(enumerate(header))) if h in MASTER}
    first_label = {}
    for h in header:
        if h in MASTER:
            first_label.setdefault(MASTER[h], h)
    labels = {"topology": "NN_Topology", "platform": "HWType", "datatype": "Datatype",
              "batch": "batch/thread/stream", "latency_compute_ms": "lat-comp",
              "pruning": "PruningFactor"}
    _missing(text.name, list(mapped), MASTER_REQUIRED, labels)
    unknown = [h for h in header if h and h not in MASTER and h not in MASTER_IGNORED]
    notes = [f"{text.name}: column {h!r} is not part of the layout and was not read"
             for h in unknown]
    out = pd.DataFrame({c: (text.rows[mapped[c]] if c in mapped else "") for c in TEXT_COLUMNS})
    out[LINE] = text.rows[LINE]
    out.attrs["labels"] = {c: first_label.get(c, c) for c in TEXT_COLUMNS}
    return out, notes


def _run_log(text: CsvText, header: list[str]) -> tuple[pd.DataFrame, list[str]]:
    _missing(text.name, header, RUN_LOG_REQUIRED, {})
    col = {h: i for i, h in enumerate(header)}
    out = pd.DataFrame({c: "" for c in TEXT_COLUMNS}, index=text.rows.index)
    for h, c in RUN_LOG.items():
        if h in col:
            out[c] = text.rows[col[h]]
    config = text.rows[col["config"]].str.split(",")
    out["batch"] = config.str[-1].str.strip().str.removeprefix("b")
    out["op_mode"] = config.map(lambda parts: parts[0].strip() if len(parts) == 3 else "")
    out[LINE] = text.rows[LINE]
    labels = {c: c for c in TEXT_COLUMNS}
    labels.update({c: h for h, c in RUN_LOG.items()})
    labels.update({"batch": "config", "op_mode": "config"})
    out.attrs["labels"] = labels
    unknown = [h for h in header if h and h not in RUN_LOG and h not in RUN_LOG_IGNORED
               and h != "config"]
    notes = [f"{text.name}: column {h!r} is not part of the per-run log layout and was not read"
             for h in unknown]
    return out, notes
