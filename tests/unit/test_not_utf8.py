"""A CSV file that is not UTF-8, read by qutiflow.io.read_csv_text (every reader's way in):
the problem names the line, the column and the cell of the first bad byte and its byte
offset from the start of the file; the offsets and lines are counted by hand in each test."""

from __future__ import annotations

import pytest
from helpers import write
from qutiflow import io
from qutiflow.errors import InputError


def the_problem(tmp_path, data: bytes):
    path = write(tmp_path, "t.csv", data)
    with pytest.raises(InputError) as info:
        io.read_csv_text(path, "t.csv")
    [p] = info.value.problems
    return p


def message(byte: str, offset: int) -> str:
    return f"file is not UTF-8 text: byte {byte} at byte offset {offset} (0-based, from the file's start)"


def test_bad_byte_in_the_header(tmp_path):
    # a , b 0xFF: the bad byte is byte 3 of line 1; a header cell has no column name
    p = the_problem(tmp_path, b"a,b\xff\n1,2\n")
    assert (p.file, p.line, p.column, p.value) == ("t.csv", 1, None, "b\\xff")
    assert p.message == message("0xFF", 3)


def test_bad_byte_past_the_first_64_kib(tmp_path):
    # header "a,b\n" (4 bytes), 20000 lines "1,2\n" (80000 bytes, lines 2-20001), then
    # line 20002 "3," and 0xE9: offset 4 + 80000 + 2
    p = the_problem(tmp_path, b"a,b\n" + b"1,2\n" * 20000 + b"3,\xe94\n")
    assert (p.line, p.column, p.value) == (20002, "b", "\\xe94")
    assert p.message == message("0xE9", 80006)


def test_a_character_cut_at_the_end_of_the_file(tmp_path):
    # 0xC3 starts a two-byte character that never ends: offset 4 + 2
    p = the_problem(tmp_path, b"a,b\n1,\xc3")
    assert (p.line, p.column, p.value) == (2, "b", "\\xc3")
    assert p.message == message("0xC3", 6)


def test_a_quoted_line_break_before_the_bad_byte(tmp_path):
    # record 2 spans lines 2-3: '"x' newline 'y",z' then 0xE9 on line 3, in column b;
    # offset 4 + len('"x\ny",z') = 4 + 7
    p = the_problem(tmp_path, b'a,b\n"x\ny",z\xe9\n')
    assert (p.line, p.column, p.value) == (3, "b", "z\\xe9")
    assert p.message == message("0xE9", 11)
