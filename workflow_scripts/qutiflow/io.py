"""All file access of the library: CSV text in, Parquet out (atomically, units in metadata)."""

from __future__ import annotations

import csv
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import atomic
from .encoding import any_field_size, not_utf8
from .errors import InputError, Problem
from .schemas import Column

#: column holding each data row's 1-based physical line number in its file
LINE = "__line__"

_BAD_LINE = re.compile(r"Skipping line (\d+): expected (\d+) fields, saw (\d+)")
_FIX_CSV = "save it as comma-separated UTF-8 text with a header row"
_MORE_FIELDS = "line has more fields than the header ({})"
_FIX_FIELDS = "remove the extra commas or quote the cell that contains a comma"


@dataclass(frozen=True)
class CsvText:
    """A CSV file read as text: its header rows and its data rows (all cells str)."""

    name: str  # the name used in messages and in source columns
    header: list[list[str]]
    rows: pd.DataFrame  # columns 0..n-1 as str, plus LINE


def _problem(name: str, message: str, fix: str, line: int | None = None) -> Problem:
    return Problem(name, line, None, None, message, fix)


def read_csv_text(path: str | Path, name: str, *, header_rows: int = 1) -> CsvText:
    """Read ``path`` as a comma-separated text table, every cell a string ("" when empty).

    Raises :class:`InputError` naming ``name`` when the file is missing, empty, not text,
    or has a line with more fields than its first header row. Blank lines are skipped but
    counted, so ``LINE`` is the physical line number a person sees in an editor. A trailing
    comma (an empty field past the header) is accepted; a non-empty one is an error.
    """
    chunks = list(iter_csv_text(path, name, header_rows=header_rows))
    rows = pd.concat([c.rows for c in chunks], ignore_index=True)
    return CsvText(name=name, header=chunks[0].header, rows=rows)


def read_header(path: str | Path, name: str, *, header_rows: int = 1) -> list[list[str]]:
    """Check that ``path`` is a non-empty UTF-8 text file and return its header rows."""
    path = Path(path)
    if not path.is_file():
        raise InputError([_problem(name, "file not found", "check the path in the config")])
    with path.open("rb") as fh:
        head = fh.read(65536)
    if not head.strip():
        raise InputError([_problem(name, "file is empty", _FIX_CSV)])
    if b"\x00" in head:
        raise InputError([_problem(name, "file is not CSV text (it contains NUL bytes)", _FIX_CSV)])
    try:
        head.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        if not (len(head) == 65536 and err.start > 65530):  # not just a character cut at the end
            raise not_utf8(path, name, _FIX_CSV) from None
    with path.open(encoding="utf-8-sig", newline="") as fh, any_field_size():
        reader = csv.reader(fh)
        header = [row for _, row in zip(range(header_rows), reader)]
    if len(header) < header_rows:
        raise InputError([_problem(name, f"file has fewer than {header_rows} header rows", _FIX_CSV)])
    return header


def iter_csv_text(
    path: str | Path, name: str, *, header_rows: int = 1, chunk_rows: int | None = None
) -> Iterator[CsvText]:
    """Like :func:`read_csv_text`, in chunks of at most ``chunk_rows`` lines (all at once
    when None), so that memory stays bounded on large files.

    Structural problems (lines with too many fields) of every chunk are collected and raised
    together after the last chunk; a consumer that checks values chunk by chunk therefore
    sees the whole file before the error.
    """
    path = Path(path)
    header = read_header(path, name, header_rows=header_rows)
    width = len(header[0])
    problems: list[Problem] = []
    starts: list[int] | None = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            for rows in _chunks(path, width=width, header_rows=header_rows, chunk_rows=chunk_rows):
                skipped = sorted(int(m.group(1)) for w in caught for m in _BAD_LINE.finditer(str(w.message)))
                if starts is None and (skipped or _has_newline(rows)):
                    starts = _record_starts(path)
                # a non-empty cell past the header is an error; an empty one (a trailing comma) is not
                extra = rows.pop(width).fillna("") != ""
                rows = rows.fillna("")
                rows[LINE] = _row_lines(rows, header_rows=header_rows, skipped=skipped, starts=starts)
                problems += [
                    Problem(name, int(ln), None, None, _MORE_FIELDS.format(width), _FIX_FIELDS)
                    for ln in rows.loc[extra, LINE]
                ]
                blank = (rows.drop(columns=LINE) == "").all(axis=1)
                yield CsvText(name=name, header=header, rows=rows.loc[~blank].reset_index(drop=True))
        except UnicodeDecodeError:
            raise not_utf8(path, name, _FIX_CSV) from None
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
            raise InputError([_problem(name, f"file is not valid CSV ({err})", _FIX_CSV)]) from None
    for w in caught:
        for m in _BAD_LINE.finditer(str(w.message)):
            if starts is None:
                starts = _record_starts(path)
            line = _physical_line(starts, int(m.group(1)))
            problems.append(Problem(name, line, None, None, _MORE_FIELDS.format(width), _FIX_FIELDS))
    if problems:
        raise InputError(sorted(problems, key=lambda p: p.line or 0))


def _chunks(path: Path, *, width: int, header_rows: int, chunk_rows: int | None) -> Iterator[pd.DataFrame]:
    """The data rows as text, in chunks of at most ``chunk_rows`` (all at once when None),
    with one spare column past the header's ``width`` that catches an extra field on any
    line, the first included; a line with more fields still is warned of and skipped."""
    return pd.read_csv(
        path,
        header=None,
        names=list(range(width + 1)),
        skiprows=header_rows,
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=False,
        on_bad_lines="warn",
        encoding="utf-8-sig",
        engine="c",
        index_col=False,
        chunksize=chunk_rows or 2**62,
    )


def _row_lines(
    rows: pd.DataFrame, *, header_rows: int, skipped: list[int], starts: list[int] | None
) -> np.ndarray | list[int]:
    """Each row's line: its 1-based record, stepping over the records pandas skipped,
    and the physical line that record starts on where ``starts`` is known."""
    record = np.asarray(rows.index, dtype="int64") + header_rows + 1
    for s in skipped:
        record += record >= s
    if starts is None:
        return record
    return [_physical_line(starts, r) for r in record]


def _physical_line(starts: list[int], record: int) -> int:
    """The line a 1-based record starts on (the record itself past the known records)."""
    return starts[record - 1] if record - 1 < len(starts) else record


def _has_newline(rows: pd.DataFrame) -> bool:
    return any(rows[c].str.contains("\n", regex=False).any() for c in rows.columns)


def _record_starts(path: Path) -> list[int]:
    """The physical line on which each CSV record (header rows included) starts."""
    starts = []
    with path.open(encoding="utf-8-sig", newline="") as fh, any_field_size():
        reader = csv.reader(fh)
        previous_end = 0
        for _ in reader:
            starts.append(previous_end + 1)
            previous_end = reader.line_num
    return starts


def write_parquet(frame: pd.DataFrame, path: str | Path, columns: list[Column]) -> None:
    """Write ``frame`` with exactly ``columns`` (order, types, units in field metadata).

    The file is written under a temporary name in the same folder and renamed into place,
    so a failure never leaves a half-written output.
    """
    fields, arrays = [], []
    for col in columns:
        _check_dtype(frame[col.name], col)
        field = pa.field(
            col.name,
            col.arrow_type(),
            nullable=True,
            metadata={"unit": col.unit, "description": col.description},
        )
        fields.append(field)
        series = frame[col.name]
        if isinstance(series.dtype, pd.CategoricalDtype):
            arrays.append(pa.array(series).cast(field.type))
        else:
            arrays.append(pa.Array.from_pandas(series, type=field.type))
    table = pa.Table.from_arrays(arrays, schema=pa.schema(fields))
    with atomic.replacing(path) as tmp:
        pq.write_table(table, tmp, compression="zstd")


_KINDS = {"float": "fiu", "int": "iu", "bool": "b"}


def _check_dtype(series: pd.Series, col: Column) -> None:
    """A contract column must already hold its type: never convert text to numbers here.
    An empty or all-missing column has no type to check."""
    if len(series) == 0 or bool(series.isna().all()):
        return
    if col.dtype == "str":
        ok = series.dtype == object or isinstance(series.dtype, (pd.StringDtype, pd.CategoricalDtype))
        ok = ok or series.isna().all()
    else:
        ok = series.dtype.kind in _KINDS[col.dtype] or (col.dtype == "float" and series.isna().all())
    if not ok:
        raise TypeError(
            f"internal error: column {col.name!r} is {series.dtype}, the contract says {col.dtype}"
        )


def read_parquet(
    path: str | Path, *, categorical: bool = False, columns: list[str] | None = None
) -> pd.DataFrame:
    """Read a table written by :func:`write_parquet` (``columns``: only those, in that order).

    With ``categorical``, text columns become pandas categoricals (dictionary-encoded):
    far less memory for the few distinct names of a large measurement table.
    """
    if categorical:
        names = [f.name for f in pq.read_schema(path) if pa.types.is_string(f.type)]
        return pq.read_table(path, columns=columns, read_dictionary=names).to_pandas()
    return pq.read_table(path, columns=columns).to_pandas()


def parquet_units(path: str | Path) -> dict[str, str]:
    """The unit of each column, from the field metadata."""
    schema = pq.read_schema(path)
    return {f.name: (f.metadata or {}).get(b"unit", b"").decode() for f in schema}


#: write a file whole or not at all (:mod:`qutiflow.atomic`, the one atomic writer)
write_bytes = atomic.write_bytes
