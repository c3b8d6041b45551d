"""Which rows of the inputs changed between two runs, by configuration and by line.

Each run keeps what it read in its validated tables (``validated/*.parquet``); rows of the
measurements name the file and line they came from (``source_file``, ``source_line``).
:func:`table_changes` compares two versions of such a table row by row, matched by the
columns that name a row (:data:`KEYS`: a measurement's configuration, a catalogue entry),
so an edit in place is found even when the old file is gone. :func:`row_changes` compares
two versions of a raw file line by line (:mod:`difflib`) where both are at hand.
"""

from __future__ import annotations

import difflib
from pathlib import Path

VALIDATED = "validated/measurements.parquet"
CONFIG_COLUMNS = ("platform", "op_mode", "datatype", "topology", "pruning_pct", "batch")


def _text(value) -> str | None:
    if value is None or value != value:  # NaN
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def configuration(row: dict) -> str:
    """A measurement's configuration as one label.

    >>> configuration({"platform": "TX2", "op_mode": "maxn", "datatype": "FP16",
    ...                "topology": "MLP", "pruning_pct": 50.0, "batch": 4})
    'TX2 maxn FP16 MLP 50% batch 4'
    >>> configuration({"platform": "ZCU104-FINN", "op_mode": None, "datatype": "INT2",
    ...                "topology": "CNV", "pruning_pct": 100.0, "batch": 1})
    'ZCU104-FINN INT2 CNV 100% batch 1'
    """
    parts = [_text(row.get(c)) for c in ("platform", "op_mode", "datatype", "topology")]
    pruning, batch = _text(row.get("pruning_pct")), _text(row.get("batch"))
    label = " ".join(p for p in parts if p)
    if pruning is not None:
        label += f" {pruning}%"
    if batch is not None:
        label += f" batch {batch}"
    return label


#: validated table → the columns that name a row (a configuration, a catalogue entry)
KEYS = {
    "validated/measurements.parquet": CONFIG_COLUMNS,
    "validated/platforms.parquet": ("platform", "op_mode", "datatype"),
    "validated/topologies.parquet": ("topology", "pruning_pct", "datatype"),
}


class TableError(ValueError):
    """A validated table that cannot be read; the message names the file and the fault."""


def read_rows(results: Path, table: str, *, source_file: str | None = None) -> list[dict] | None:
    """Rows of a validated table of a run (only those read from ``source_file``, a path
    relative to the raw-data folder, when given); None when the table is not there."""
    path = Path(results) / table
    if not path.is_file():
        return None
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        found = pq.read_table(path).to_pylist()
    except (pa.ArrowException, OSError) as err:
        reason = str(err).replace(f"'{path}': ", "")
        raise TableError(
            f"cannot read {path}: not a Parquet table ({reason}); it was cut short or edited: "
            "run the pipeline again to rewrite it, or put the folder back from a good copy"
        ) from None
    if source_file is not None:
        found = [r for r in found if r.get("source_file") == source_file]
    return found


def _label(row: dict, keys) -> str:
    if tuple(keys) == CONFIG_COLUMNS:
        return configuration(row)
    return " ".join(t for t in (_text(row.get(k)) for k in keys) if t)


def _same(a, b) -> bool:
    return a == b or (a != a and b != b)  # NaN equals NaN here


def table_changes(old_rows: list[dict], new_rows: list[dict], keys) -> dict:
    """Rows added, removed and changed between two versions of a table, matched by
    ``keys``; a changed row names each column that changed, old → new, and the line it
    was read from (``source_line``) where the table has one.

    >>> old = [{"platform": "TX2", "bandwidth_gbps": 59.7}, {"platform": "NCS", "bandwidth_gbps": 12.8}]
    >>> new = [{"platform": "TX2", "bandwidth_gbps": 60.0}, {"platform": "A53", "bandwidth_gbps": 4.26}]
    >>> table_changes(old, new, ["platform"])
    {'changed': ['TX2: bandwidth_gbps 59.7 → 60'], 'added': ['A53'], 'removed': ['NCS']}
    """

    def index(rows):
        out: dict[str, list[dict]] = {}
        for row in rows:
            out.setdefault(_label(row, keys), []).append(row)
        return out

    def where(row):
        return f" (line {row['source_line']})" if row.get("source_line") is not None else ""

    old, new = index(old_rows), index(new_rows)
    changed, added, removed, old_lines, new_lines = [], [], [], [], []

    def line(row, into):
        if row.get("source_line") is not None:
            into.append(int(row["source_line"]))

    for label in sorted(set(old) | set(new)):
        a, b = old.get(label, []), new.get(label, [])
        for i in range(max(len(a), len(b))):
            if i >= len(a):
                added.append(label + where(b[i]))
                line(b[i], new_lines)
            elif i >= len(b):
                removed.append(label + where(a[i]))
                line(a[i], old_lines)
            else:
                diffs = [
                    f"{c} {_text(a[i].get(c))} → {_text(b[i].get(c))}"
                    for c in sorted(set(a[i]) | set(b[i]))
                    if c != "source_line" and not _same(a[i].get(c), b[i].get(c))
                ]
                if diffs:
                    changed.append(f"{label}: {', '.join(diffs)}{where(b[i])}")
                    line(a[i], old_lines)
                    line(b[i], new_lines)
    found = {"changed": changed, "added": added, "removed": removed}
    if old_lines or new_lines:
        found.update(old_lines=spans(sorted(old_lines)), new_lines=spans(sorted(new_lines)))
    return found


def spans(lines: list[int]) -> str:
    """Line numbers as ranges.

    >>> spans([3, 4, 5, 9, 12, 13])
    '3–5, 9, 12–13'
    """
    out, start = [], None
    for i, n in enumerate(lines):
        if start is None:
            start = n
        if i + 1 == len(lines) or lines[i + 1] != n + 1:
            out.append(str(start) if start == n else f"{start}–{n}")
            start = None
    return ", ".join(out)


def row_changes(
    old_text: str,
    new_text: str,
    *,
    old_configs: dict[int, str] | None = None,
    new_configs: dict[int, str] | None = None,
) -> dict:
    """Rows added, removed and changed between two versions of a CSV file.

    A configuration on a removed line and on an added line is *changed*; the others are
    added or removed. Lines are numbered from 1 (the header is line 1).

    >>> old = "h\\na,1\\nb,2\\nc,3\\n"
    >>> new = "h\\na,1\\nb,5\\nd,4\\n"
    >>> r = row_changes(old, new, old_configs={3: "B", 4: "C"}, new_configs={3: "B", 4: "D"})
    >>> r["changed"], r["added"], r["removed"], r["old_lines"], r["new_lines"]
    (['B (line 3)'], ['D (line 4)'], ['C (line 4)'], '3–4', '3–4')
    """
    old_configs, new_configs = old_configs or {}, new_configs or {}
    a, b = old_text.splitlines(), new_text.splitlines()
    removed_lines, added_lines = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            removed_lines += range(i1 + 1, i2 + 1)
        if tag in ("replace", "insert"):
            added_lines += range(j1 + 1, j2 + 1)
    removed = {n: old_configs.get(n) for n in removed_lines}
    added = {n: new_configs.get(n) for n in added_lines}
    both = {c for c in removed.values() if c} & {c for c in added.values() if c}

    def named(lines: dict[int, str | None], keep) -> list[str]:
        return [f"{c} (line {n})" if c else f"line {n}" for n, c in lines.items() if keep(c)]

    return {
        "old_lines": spans(removed_lines),
        "new_lines": spans(added_lines),
        "changed": named(added, lambda c: c in both),
        "added": named(added, lambda c: c not in both),
        "removed": named(removed, lambda c: c not in both),
    }
