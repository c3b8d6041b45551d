"""Data downloads: a table as CSV text, and its two files under the site.

The CSV of a table is neutralised against CSV injection: a spreadsheet program that opens
it runs a cell starting with ``=``, ``+``, ``-`` or ``@`` as a formula (tab and carriage
return too: some programs strip them first), so a source cell ``=HYPERLINK(...)`` of a
catalogue or an ``origin_file`` ``+cmd|' /C calc'!A0`` of a measurement would be a link or
a command on the reader's machine. As OWASP's CSV-injection guidance says, every text cell
(and column name) starting with one of those characters is written with a leading ``'``,
which spreadsheets read as "text". Numeric columns are numbers and are never changed (a
float ``-1.5`` stays ``-1.5``); a text cell ``-5`` is text and gets the quote. The Parquet
download (:func:`publish`) is the table byte for byte: its values are the original ones.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .. import atomic


def csv_bytes(table: pa.Table) -> bytes:
    """``table`` as UTF-8 CSV: a header row, then one line per row; text in double quotes, a
    missing value as an empty field, an empty string as ``""``, floats in their shortest
    exact form (reading the file back gives the same numbers); column names quoted only
    where needed.

    >>> t = pa.table({"name": ["a,b", None, ""], "fps": [1.5, None, 0.1], "ok": [True, False, None]})
    >>> print(csv_bytes(t).decode(), end="")
    name,fps,ok
    "a,b",1.5,true
    ,,false
    "",0.1,

    A text cell that a spreadsheet would run as a formula gets a leading ``'``; numbers
    do not:

    >>> t = pa.table({"source": ["=1+2", "-5", "a=b"], "x": [-1.5, 2.0, None]})
    >>> print(csv_bytes(t).decode(), end="")
    source,x
    "'=1+2",-1.5
    "'-5",2
    "a=b",
    """
    sink = pa.BufferOutputStream()
    _write_csv(table, sink)
    return sink.getvalue().to_pybytes()


def write_csv(table: pa.Table, path: str | os.PathLike) -> None:
    """:func:`csv_bytes` written straight to ``path`` (temporary name, then renamed), one
    batch at a time: a million-row table is never held as one CSV string in memory."""
    with atomic.replacing(path) as tmp, pa.OSFile(tmp, "wb") as sink:
        _write_csv(table, sink)


#: a text cell starting with one of these is run as a formula by spreadsheet programs
FORMULA_START = "=+-@\t\r"
_FORMULA = "^([" + FORMULA_START.replace("-", "\\-") + "])"


def neutralise(value: str) -> str:
    r"""``value`` as a spreadsheet shows it as text: a leading ``'`` before a formula start.

    >>> [neutralise(v) for v in ["=SUM(1)", "+1", "-5", "@x", "\tx", "a=b", ""]]
    ["'=SUM(1)", "'+1", "'-5", "'@x", "'\tx", 'a=b', '']
    """
    return "'" + value if value[:1] and value[0] in FORMULA_START else value


def _neutralised(column: pa.Array) -> pa.Array:
    """A text column with :func:`neutralise` applied to each value (missing stay missing);
    any other column as it is."""
    if pa.types.is_dictionary(column.type):
        column = column.cast(column.type.value_type)
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        return pc.replace_substring_regex(column, pattern=_FORMULA, replacement="'\\1")
    return column


def _write_csv(table: pa.Table, sink) -> None:
    plain = table.replace_schema_metadata(None)
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow([neutralise(n) for n in plain.column_names])
    sink.write(header.getvalue().encode("utf-8"))
    options = pacsv.WriteOptions(include_header=False, quoting_style="needed")
    for batch in plain.to_batches(max_chunksize=65536):
        columns = [_neutralised(c) for c in batch.columns]
        pacsv.write_csv(pa.RecordBatch.from_arrays(columns, names=plain.column_names), sink, options)


def publish(source: str | os.PathLike, site: str | os.PathLike, name: str) -> pa.Table:
    """The two downloads ``data/<name>.{parquet,csv}`` under ``site`` of the table at
    ``source``: the Parquet copied byte for byte (its values as they are, units in its
    metadata), the CSV written from it by :func:`write_csv` (neutralised). Returns the table.

    Memory follows the table: the file's bytes are let go before the CSV is written."""
    raw = Path(source).read_bytes()
    atomic.write_bytes(raw, Path(site) / f"data/{name}.parquet")
    table = pq.read_table(pa.BufferReader(raw))
    del raw
    write_csv(table, Path(site) / f"data/{name}.csv")
    return table
