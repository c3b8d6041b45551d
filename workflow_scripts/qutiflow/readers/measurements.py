"""Measurement files in three layouts, told apart by header: the master-table layout (the
original community template), the tidy layout (the library's own column names, units in
the names) and the per-run log layout.

Every reader returns every cell as text under the library's names (``TEXT_COLUMNS``) plus
the line number, and the origin columns (``ORIGIN_COLUMNS``) when the file has them;
:mod:`qutiflow.clean` checks and converts them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from ..errors import InputError, Problem, shown
from ..headers import column_index
from ..io import LINE, CsvText, iter_csv_text, read_header

TEXT_COLUMNS = [
    "topology",
    "platform",
    "op_mode",
    "datatype",
    "pruning",
    "batch",
    "latency_system_ms",
    "latency_compute_ms",
    "throughput_system_fps",
    "throughput_compute_fps",
    "top1_pct",
    "top5_pct",
    "power_base_w",
    "power_idle_w",
    "power_full_w",
    "gop_per_batch_reported",
    "top1_source",
]

#: where a converted row came from: the original file (relative to its data folder) and its
#: 1-based line there. Read in the master-table and tidy layouts when the header has them.
ORIGIN_COLUMNS = ["origin_file", "origin_line"]

#: master-table header (stripped) → library column; the community template's names too
MASTER = {
    "NN_Topology": "topology",
    "HWType": "platform",
    "Datatype": "datatype",
    "Precision": "datatype",
    "Op mode": "op_mode",
    "batch/thread/stream": "batch",
    "lat-sys": "latency_system_ms",
    "lat-comp": "latency_compute_ms",
    "fps-system": "throughput_system_fps",
    "fps-comp": "throughput_compute_fps",
    "top1 [%]": "top1_pct",
    "top1": "top1_pct",
    "top5 [%]": "top5_pct",
    "Base_Pwr_W": "power_base_w",
    "BasePWR [W]": "power_base_w",
    "Idle_Pwr_W": "power_idle_w",
    "IdlePWR [W]": "power_idle_w",
    "Full_Pwr_W": "power_full_w",
    "FullPwr [W]": "power_full_w",
    "GOPS": "gop_per_batch_reported",
    "PruningFactor": "pruning",
    # extension written by `snakemake measure_host`: measured or reference accuracy
    "top1 source": "top1_source",
}
#: master-table columns that are read past on purpose (recomputed or catalogue facts)
MASTER_IGNORED = {
    "tp-system",
    "tp-comp",
    "level",
    "hw_peak_perf",
    "hw_bandwidth",
    "nn_total_operations",
    # spread of the latency, written by `snakemake measure_host` for readers
    # of the file; the analysis uses the median (lat-comp)
    "lat-comp-q1",
    "lat-comp-q3",
    "repetitions",
}
MASTER_REQUIRED = ["topology", "platform", "datatype", "batch", "latency_compute_ms", "pruning"]
#: the file's own name of each required column, for the message when it is missing
MASTER_REQUIRED_LABELS = {
    "topology": "NN_Topology",
    "platform": "HWType",
    "datatype": "Datatype",
    "batch": "batch/thread/stream",
    "latency_compute_ms": "lat-comp",
    "pruning": "PruningFactor",
}

#: tidy-layout header → library column: the library's names, units in the names
TIDY = {
    "topology": "topology",
    "pruning_pct": "pruning",
    "platform": "platform",
    "op_mode": "op_mode",
    "datatype": "datatype",
    "batch": "batch",
    "latency_system_ms": "latency_system_ms",
    "latency_compute_ms": "latency_compute_ms",
    "throughput_system_fps": "throughput_system_fps",
    "throughput_compute_fps": "throughput_compute_fps",
    "top1_pct": "top1_pct",
    "top5_pct": "top5_pct",
    "top1_source": "top1_source",
    "power_base_w": "power_base_w",
    "power_idle_w": "power_idle_w",
    "power_full_w": "power_full_w",
    "gop_per_batch": "gop_per_batch_reported",
}
TIDY_REQUIRED_LABELS = {c: h for h, c in TIDY.items() if c in MASTER_REQUIRED}
#: tidy-layout columns read past on purpose: the spread of the latency, written by
#: `python -m qutiflow.hostbench` for readers of the file (the analysis uses the median)
TIDY_IGNORED = {"latency_compute_q1_ms", "latency_compute_q3_ms", "repetitions"}

#: per-run log header → library column (batch and op mode come from the config cell)
RUN_LOG = {
    "net": "topology",
    "model": "platform",
    "quantization": "datatype",
    "pruning": "pruning",
    "lat-system": "latency_system_ms",
    "lat-comp": "latency_compute_ms",
    "fps-system": "throughput_system_fps",
    "fps-comp": "throughput_compute_fps",
}
RUN_LOG_IGNORED = {"tp-system", "tp-comp", "chip", "batch_size", "lat-comp-per-image"}
RUN_LOG_REQUIRED = ["config", "net", "model", "quantization", "pruning", "lat-comp"]


def read_measurement_file(path: str, name: str) -> tuple[pd.DataFrame, list[str]]:
    """The whole of one measurement file at once; see :func:`iter_measurement_file`."""
    chunks, notes = iter_measurement_file(path, name)
    parts = list(chunks)
    frame = pd.concat(parts) if len(parts) > 1 else parts[0]
    frame.attrs["labels"] = parts[0].attrs["labels"]
    return frame, notes


def iter_measurement_file(
    path: str, name: str, *, chunk_rows: int | None = None
) -> tuple[Iterator[pd.DataFrame], list[str]]:
    """Read one measurement file in any of the three layouts, in chunks of ``chunk_rows``
    lines.

    Returns an iterator of text frames (``TEXT_COLUMNS``, then those of ``ORIGIN_COLUMNS``
    the file has, then ``LINE``; ``attrs["labels"]`` maps each library column to the
    file's own header name) and notes for the log (header columns that are not read).
    Raises :class:`InputError` for a file in no known layout, with a column named twice (the same name, or two synonyms such as Datatype and
    Precision) or with missing required columns; the iterator raises it for malformed lines.
    """
    raw_header = read_header(path, name)[0]
    convert, labels, notes = measurement_layout(name, raw_header)

    def frames() -> Iterator[pd.DataFrame]:
        for text in iter_csv_text(path, name, chunk_rows=chunk_rows):
            out = convert(text)
            out.attrs["labels"] = labels
            yield out

    return frames(), notes


def measurement_layout(name: str, raw_header: list[str]):
    """The converter of one file's text rows, chosen by its header.

    Returns ``(convert, labels, notes)``: ``convert`` turns a :class:`~qutiflow.io.CsvText`
    chunk into the text frame described in :func:`iter_measurement_file`; ``labels`` maps
    each library column to the file's own header name; ``notes`` lists header columns
    that are not read. Raises :class:`InputError` for a header in no known layout, with a
    column named twice or with a required column missing.
    """
    header = [h.strip() for h in raw_header]
    hits = {
        "master": sum(h in MASTER or h in MASTER_IGNORED for h in header),
        "tidy": sum(h in TIDY for h in header),
        "run_log": sum(h in RUN_LOG or h in RUN_LOG_IGNORED or h == "config" for h in header),
    }
    if not any(hits.values()):
        raise InputError(
            [
                Problem(
                    name,
                    1,
                    None,
                    None,  # the file may be anything (a host file): nothing of it is shown
                    f"not a measurement file: its first line ({len(raw_header)} fields) has none "
                    "of the known columns (its content is not shown)" + _separator_hint(raw_header),
                    "use the tidy layout (topology, pruning_pct, platform, op_mode, datatype, batch, "
                    "latency_compute_ms, ...), the master-table layout (NN_Topology, HWType, "
                    "Datatype, Op mode, batch/thread/stream, lat-comp, PruningFactor, ...) or the "
                    "per-run log layout",
                )
            ]
        )
    layout = max(hits, key=hits.get)  # ties: master before tidy before run_log
    if layout == "master":
        return _master_layout(name, raw_header, MASTER, MASTER_REQUIRED_LABELS, ignored=MASTER_IGNORED)
    if layout == "tidy":
        return _master_layout(name, raw_header, TIDY, TIDY_REQUIRED_LABELS, ignored=TIDY_IGNORED)
    return _run_log_layout(name, raw_header)


def _missing(name: str, header: list[str], required: list[str], labels: dict[str, str]) -> None:
    problems = [
        Problem(
            name,
            1,
            labels.get(c, c),
            None,
            "required column is missing",
            f"add the column {labels.get(c, c)!r} to the header row",
        )
        for c in required
        if c not in header
    ]
    if problems:
        raise InputError(problems)


def _separator_hint(raw_header: list[str]) -> str:
    """A word on the separator when the first line looks separated by another character.

    >>> _separator_hint(["a;b;c"]), _separator_hint(["a", "b"])
    ("; it looks separated by ';': measurement files are separated by commas", '')
    """
    line = ",".join(raw_header)
    for sep, name in ((";", "';'"), ("\t", "tabs")):
        if line.count(sep) >= 2:
            return f"; it looks separated by {name}: measurement files are separated by commas"
    return ""


def _master_layout(
    name: str,
    raw_header: list[str],
    names: dict[str, str],
    required_labels: dict[str, str],
    *,
    ignored: set[str],
):
    """The master-table and the tidy layout: one column per library column, by name."""

    def target(header_name: str) -> str | None:
        return names.get(header_name) or (header_name if header_name in ORIGIN_COLUMNS else None)

    index = column_index(name, raw_header, target=target)
    mapped = {names[h]: i for h, i in index.items() if h in names}
    label = {names[h]: h for h in index if h in names}
    _missing(name, list(mapped), MASTER_REQUIRED, required_labels)
    origin = [c for c in ORIGIN_COLUMNS if c in index]
    notes = [
        f"{name}: column {shown(h)} is not part of the layout and was not read"
        for h in index
        if h not in names and h not in ignored and h not in origin
    ]
    labels = {c: label.get(c, c) for c in TEXT_COLUMNS + origin}

    def convert(text: CsvText) -> pd.DataFrame:
        out = pd.DataFrame(
            {c: (text.rows[mapped[c]] if c in mapped else "") for c in TEXT_COLUMNS}, index=text.rows.index
        )
        for c in origin:
            out[c] = text.rows[index[c]]
        out[LINE] = text.rows[LINE]
        return out

    return convert, labels, notes


def _run_log_layout(name: str, raw_header: list[str]):
    col = column_index(name, raw_header)
    _missing(name, list(col), RUN_LOG_REQUIRED, {})
    labels = {c: c for c in TEXT_COLUMNS}
    labels.update({c: h for h, c in RUN_LOG.items()})
    labels.update({"batch": "config", "op_mode": "config"})
    notes = [
        f"{name}: column {shown(h)} is not part of the per-run log layout and was not read"
        for h in col
        if h not in RUN_LOG and h not in RUN_LOG_IGNORED and h != "config"
    ]

    def convert(text: CsvText) -> pd.DataFrame:
        out = pd.DataFrame({c: "" for c in TEXT_COLUMNS}, index=text.rows.index)
        for h, c in RUN_LOG.items():
            if h in col:
                out[c] = text.rows[col[h]]
        config = text.rows[col["config"]].str.split(",")
        out["batch"] = config.str[-1].str.strip().str.removeprefix("b")
        out["op_mode"] = config.map(lambda parts: parts[0].strip() if len(parts) == 3 else "")
        out[LINE] = text.rows[LINE]
        return out

    return convert, labels, notes
