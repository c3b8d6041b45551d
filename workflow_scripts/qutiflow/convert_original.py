"""The original QuTiBench data in this project's tidy layouts: measurements and power traces.

The published measurements (the site's master table, ``cleaned_csv/backup.csv``) and the
Edge TPU power traces (``power_measur_{fast,slow}.csv``) are © Xilinx, Inc., under the
Apache License 2.0. These functions turn their values, read and checked by the pipeline's
own readers, into the tidy layouts of ``docs/contributing.md``: canonical names, numbers
without thousands separators or percent signs, units in the column names, and every row
naming its origin (``origin_file``, ``origin_line``: the original file, relative to the
original data folder, and the 1-based line of the row there). The pipeline puts the
origin into ``source_file``/``source_line``, so the normalised tables of the converted
files and of the original layout are the same row for row.

Pure functions: text tables in, frames or text out. The command line that reads the
original folder and writes ``raw_data/`` is ``workflow_scripts/convert_original.py``.
"""

from __future__ import annotations

import csv
import io
import math

import numpy as np
import pandas as pd

from . import clean
from .errors import InputError
from .io import CsvText
from .readers.measurements import measurement_layout
from .readers.power_traces_wide import wide_power_trace
from .vocabulary import Vocabulary

#: the tidy measurement layout (docs/contributing.md), in file order
MEASUREMENT_COLUMNS = [
    "topology",
    "pruning_pct",
    "platform",
    "op_mode",
    "datatype",
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
    "gop_per_batch",
    "origin_file",
    "origin_line",
]
#: the measured values of a row: a row with none of them is a placeholder
MEASURED = [
    "latency_system_ms",
    "latency_compute_ms",
    "throughput_system_fps",
    "throughput_compute_fps",
    "top1_pct",
    "top5_pct",
    "power_base_w",
    "power_idle_w",
    "power_full_w",
]
#: the tidy power-trace layout (docs/contributing.md), in file order
POWER_TRACE_COLUMNS = [
    "op_mode",
    "series",
    "sample",
    "time_s",
    "voltage_v",
    "current_a",
    "power_w",
    "origin_file",
    "origin_line",
]


def measurement_rows(text: CsvText, *, vocab: Vocabulary, topology_tasks: dict[str, str]) -> pd.DataFrame:
    """Every row of one original measurement table that holds a measured value, tidy.

    Parameters
    ----------
    text : CsvText
        The table as read by :func:`qutiflow.io.read_csv_text`; ``text.name`` is its
        path relative to the original data folder (``cleaned_csv/backup.csv``). Any
        measurement layout the pipeline reads (master table, per-run log) is accepted.
    vocab : Vocabulary
        ``config/aliases.csv``: names become canonical ids.
    topology_tasks : dict
        Canonical topology → task (``config/topologies.csv``).

    Returns
    -------
    pandas.DataFrame
        ``task`` (to split the rows into one file per task) and
        :data:`MEASUREMENT_COLUMNS`, in the table's line order: names as canonical ids
        (``op_mode`` null where none), numbers as float64 (``batch`` and ``origin_line``
        as Int64), ``gop_per_batch`` the table's own operations per batch (null where it
        has none), ``origin_file`` = ``text.name``, ``origin_line`` the row's line.
        Placeholder rows (no measured value in :data:`MEASURED`) are left out; rows with
        system values but no compute latency are kept (the pipeline drops and counts them).

    Raises
    ------
    InputError
        Every problem the pipeline's own checks find in the table (file, line, column,
        value), so that nothing is converted that the pipeline would refuse.

    Examples
    --------
    >>> import pandas as pd
    >>> from qutiflow.io import LINE
    >>> vocab = Vocabulary.from_frame(pd.DataFrame({
    ...     "kind": ["platform", "topology", "datatype", "op_mode", "task"],
    ...     "spelling": ["ZCU104-Bismo", "CNV", "INT2", "fast", "cifar10"],
    ...     "canonical": ["ZCU104-BISMO", "CNV", "INT2", "fast", "cifar10"],
    ...     "op_mode": [""] * 5}), source="aliases.csv")
    >>> header = ["NN_Topology", "HWType", "Datatype", "Op mode", "batch/thread/stream",
    ...           "lat-comp", "PruningFactor"]
    >>> rows = pd.DataFrame({0: ["CNV", "CNV"], 1: ["ZCU104-Bismo"] * 2, 2: ["INT2"] * 2,
    ...     3: ["", ""], 4: ["2", "4"], 5: ["1,234.5", ""], 6: ["12.50%", "12.50%"],
    ...     LINE: [2, 3]})
    >>> out = measurement_rows(CsvText("m.csv", [header], rows), vocab=vocab,
    ...                        topology_tasks={"CNV": "cifar10"})
    >>> out[["task", "platform", "pruning_pct", "batch", "latency_compute_ms",
    ...      "origin_file", "origin_line"]].values.tolist()
    [['cifar10', 'ZCU104-BISMO', 12.5, 2, 1234.5, 'm.csv', 2]]
    """
    return _tidy_rows(_checked(text, vocab=vocab, topology_tasks=topology_tasks), text.name)


def _checked(text: CsvText, *, vocab: Vocabulary, topology_tasks: dict[str, str]) -> pd.DataFrame:
    """The table's rows checked by the pipeline's own checks
    (:func:`qutiflow.clean.check_measurements`); every problem raised at once."""
    convert, labels, _ = measurement_layout(text.name, text.header[0])
    cells = convert(text)
    cells.attrs["labels"] = labels
    checked, problems = clean.check_measurements(
        cells, file=text.name, vocab=vocab, topology_tasks=topology_tasks
    )
    if problems:
        raise InputError(problems)
    return checked


def _tidy_rows(checked: pd.DataFrame, origin_file: str) -> pd.DataFrame:
    """The checked rows that hold a measured value, as ``task`` and
    :data:`MEASUREMENT_COLUMNS` (their origin: ``origin_file`` and each row's line)."""
    kept = checked.loc[checked[MEASURED].notna().any(axis=1)]
    out = pd.DataFrame({"task": kept["task"].astype(object)})
    for col in ("topology", "platform", "op_mode", "datatype"):
        out[col] = kept[col].astype(object).where(kept[col].notna(), None)
    for col in MEASURED + ["pruning_pct"]:
        out[col] = kept[col].astype("float64")
    out["batch"] = kept["batch"].astype("Int64")
    out["gop_per_batch"] = kept["gop_per_batch_reported"].astype("float64")
    out["origin_file"] = origin_file
    out["origin_line"] = kept["source_line"].astype("Int64")
    return out[["task"] + MEASUREMENT_COLUMNS].reset_index(drop=True)


def by_task(rows: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The rows of :func:`measurement_rows` per task (sorted by task), in line order.

    >>> rows = pd.DataFrame({"task": ["mnist", "cifar10", "mnist"], "origin_line": [2, 3, 4]})
    >>> {t: f["origin_line"].tolist() for t, f in by_task(rows).items()}
    {'cifar10': [3], 'mnist': [2, 4]}
    """
    return {
        task: part.drop(columns="task").reset_index(drop=True)
        for task, part in rows.groupby("task", sort=True)
    }


def power_trace_rows(text: CsvText, *, vocab: Vocabulary) -> pd.DataFrame:
    """One original wide power-trace table as tidy rows, one per sample and series.

    Parameters
    ----------
    text : CsvText
        The table (``<mode>_<net>_volt``/``_amp`` column pairs and ``Idle``) as read by
        :func:`qutiflow.io.read_csv_text`; ``text.name`` its path relative to the
        original data folder.
    vocab : Vocabulary
        ``config/aliases.csv``: the network abbreviations (``goo``) and the op mode.

    Returns
    -------
    pandas.DataFrame
        :data:`POWER_TRACE_COLUMNS`, in the order the pipeline's reader gives them (the
        networks in header order, then ``idle``; samples in line order): ``sample``
        (0-based data row), ``time_s`` (one sample per second, as recorded),
        ``voltage_v`` and ``current_a`` for a network, ``power_w`` only for the idle
        series (recorded as a power; a network's power is voltage × current),
        ``origin_file`` = ``text.name`` and ``origin_line``. Samples without a value are
        left out.

    Raises
    ------
    InputError
        Every problem the pipeline's reader finds in the table.
    """
    long = wide_power_trace(text, vocab, platform="")
    has_pair = long["voltage_v"].notna() & long["current_a"].notna()
    out = pd.DataFrame(
        {
            "op_mode": long["op_mode"].astype(object),
            "series": long["series"].astype(object),
            "sample": long["sample"].astype("int64"),
            "time_s": long["time_s"].astype("float64"),
            "voltage_v": long["voltage_v"].astype("float64"),
            "current_a": long["current_a"].astype("float64"),
            "power_w": long["power_w"].where(~has_pair).astype("float64"),
            "origin_file": long["source_file"].astype(object),
            "origin_line": long["source_line"].astype("int64"),
        }
    )
    return out[POWER_TRACE_COLUMNS].reset_index(drop=True)


def number_text(value: object) -> str:
    """A cell's text: empty for a missing value, whole numbers without a decimal point,
    other numbers in the shortest form that reads back as the same float.

    >>> [number_text(v) for v in (None, float("nan"), 100.0, 12.5, 0.1 + 0.2, 7, "fast")]
    ['', '', '100', '12.5', '0.30000000000000004', '7', 'fast']
    >>> number_text(np.float64(1e-05)), number_text(np.int64(3))
    ('1e-05', '3')
    """
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, (float, np.floating)):
        value = float(value)
        if math.isnan(value):
            return ""
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value)
    if isinstance(value, np.integer):
        return str(int(value))
    return str(value)


def csv_text(frame: pd.DataFrame, columns: list[str]) -> str:
    """``frame[columns]`` as CSV text: a header row, then one line per row, ``\\n`` line
    ends, cells by :func:`number_text`, quoted only where needed. The same frame always
    gives the same text.

    >>> f = pd.DataFrame({"a": ["x,y", None], "b": [1.0, float("nan")]})
    >>> print(csv_text(f, ["a", "b"]), end="")
    a,b
    "x,y",1
    ,
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in frame[columns].itertuples(index=False, name=None):
        writer.writerow([number_text(v) for v in row])
    return buf.getvalue()
