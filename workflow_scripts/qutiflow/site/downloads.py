"""Data downloads: a table as CSV text, and the list of links a page shows."""

from __future__ import annotations

import csv
import io
import os

import pyarrow as pa
import pyarrow.csv as pacsv

from .. import atomic
from .contents import Download
from .escape import text


def csv_bytes(table: pa.Table) -> bytes:
    """``table`` as UTF-8 CSV: a header row, then one line per row; text quoted only where
    needed, a missing value as an empty field, an empty string as ``""``, floats in their
    shortest exact form (reading the file back gives the same numbers).

    >>> t = pa.table({"name": ["a,b", None, ""], "fps": [1.5, None, 0.1], "ok": [True, False, None]})
    >>> print(csv_bytes(t).decode(), end="")
    name,fps,ok
    "a,b",1.5,true
    ,,false
    "",0.1,
    """
    sink = pa.BufferOutputStream()
    _write_csv(table, sink)
    return sink.getvalue().to_pybytes()


def write_csv(table: pa.Table, path: str | os.PathLike) -> None:
    """:func:`csv_bytes` written straight to ``path`` (temporary name, then renamed), one
    batch at a time: a million-row table is never held as one CSV string in memory."""
    with atomic.replacing(path) as tmp, pa.OSFile(tmp, "wb") as sink:
        _write_csv(table, sink)


def _write_csv(table: pa.Table, sink) -> None:
    plain = table.replace_schema_metadata(None)
    columns = []
    for column in plain.columns:
        if pa.types.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        columns.append(column)
    plain = pa.table(columns, names=plain.column_names)
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow(plain.column_names)
    sink.write(header.getvalue().encode("utf-8"))
    options = pacsv.WriteOptions(include_header=False, quoting_style="needed")
    for batch in plain.to_batches(max_chunksize=65536):
        pacsv.write_csv(pa.Table.from_batches([batch], schema=plain.schema), sink, options)


def links(
    names: list[str], catalogue: dict[str, Download], *, describe: dict[str, str], rows: dict[str, int]
) -> str:
    """A table of data sets: name, content, rows, and the CSV and Parquet links (relative)."""
    lines = []
    for name in names:
        csv_, parquet = catalogue[name].files()
        lines.append(
            f"<tr><td><code>{text(name)}</code></td><td>{text(describe.get(name, ''))}</td>"
            f'<td class="num">{rows.get(name, 0)}</td>'
            f'<td><a href="{text(csv_)}" download>CSV</a></td>'
            f'<td><a href="{text(parquet)}" download>Parquet</a></td></tr>'
        )
    return (
        '<div class="table-wrap"><table class="downloads"><thead><tr><th scope="col">data set</th>'
        '<th scope="col">content</th><th scope="col">rows</th><th scope="col" colspan="2">files</th>'
        "</tr></thead>\n<tbody>\n" + "\n".join(lines) + "\n</tbody></table></div>"
    )
