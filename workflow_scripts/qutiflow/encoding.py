"""The text encoding of the CSV files :mod:`qutiflow.io` reads: cells of any size, and
where a file stops being UTF-8 (the line, column, cell and byte offset of its first bad
byte) for the error it raises."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import InputError, Problem


@contextmanager
def any_field_size() -> Iterator[None]:
    """Let the csv module read cells of any size (its default limit is 128 KiB, where
    pandas has none): a huge cell is then reported like any other, not a traceback."""
    old = csv.field_size_limit(2**31 - 1)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def not_utf8(path: Path, name: str, fix_csv: str) -> InputError:
    """The error for a file that is not UTF-8: the line, column, cell and byte offset of
    its first bad byte."""
    found = _first_bad_byte(path)
    if found is None:  # the file changed while it was read
        return InputError([Problem(name, None, None, None, "file is not UTF-8 text", fix_csv)])
    offset, line, byte = found
    column, cell = _bad_cell(path)
    message = (
        f"file is not UTF-8 text: byte 0x{byte:02X} at byte offset {offset} (0-based, from the file's start)"
    )
    fix = (
        f"{fix_csv} (a spreadsheet's 'CSV UTF-8'); 0x{byte:02X} is a character of another "
        "encoding such as Latin-1 or Windows-1252 (é is 0xE9 there)"
    )
    return InputError([Problem(name, line, column, cell, message, fix)])


def _first_bad_byte(path: Path) -> tuple[int, int, int] | None:
    """(byte offset, 1-based line, byte) of the first byte of ``path`` that is not UTF-8;
    None when every byte is. Reads 1 MiB at a time."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    start, line = 0, 1
    with path.open("rb") as fh:
        while True:
            block = fh.read(1 << 20)
            pending = len(decoder.getstate()[0])  # an unfinished character of the last block
            try:
                decoder.decode(block, final=not block)
            except UnicodeDecodeError as err:
                offset = start - pending + err.start
                return offset, line + block.count(b"\n", 0, max(0, offset - start)), err.object[err.start]
            if not block:
                return None
            start, line = start + len(block), line + block.count(b"\n")


def _bad_cell(path: Path) -> tuple[str | None, str | None]:
    """(header name, cell text) of the first cell holding a byte that is not UTF-8 (the byte
    shown as ``\\xNN``); no header name for a header cell or a cell past the header."""
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as fh, any_field_size():
        reader = csv.reader(fh)
        header: list[str] = []
        for record, cells in enumerate(reader):
            header = header or cells
            for i, cell in enumerate(cells):
                if any("\udc80" <= ch <= "\udcff" for ch in cell):
                    name = header[i] if record > 0 and i < len(header) else None
                    return (None if name is None else _escaped(name).strip()), _escaped(cell)
    return None, None


def _escaped(text: str) -> str:
    """Text read with ``surrogateescape``, its undecodable bytes written as ``\\xNN``."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
