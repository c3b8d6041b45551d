"""Bad measurement files as a whole: not CSV, not UTF-8, empty, another layout, lines with
more fields than the header; physical line numbers kept; no output left behind.

Every test builds tiny CSV files in pytest's ``tmp_path`` and runs the entry script
``validate_measurements.main`` on them with the real reference tables under ``config/``
(tests/unit/measurement_files.py). Bad input must raise :class:`qutiflow.errors.InputError`
whose problems point at the file (relative to ``raw_data``), the physical line (header = 1),
the file's own column label and the offending text, with a fix a person can act on.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import validate_measurements
from qutiflow import io, schemas
from qutiflow.errors import InputError

from .measurement_files import (
    ALIASES,
    HEADER,
    NAME,
    OP_COUNTS,
    TOPOLOGIES,
    csv_text,
    master,
    problems_of,
    row,
    the_problem,
    validate,
    write,
)


def test_missing_required_column_is_named_with_its_header_label(tmp_path):
    header = [h for h in HEADER if h != "lat-comp"]
    path = master(tmp_path, [row(header)], header=header)
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == (NAME, 1, "lat-comp", None)
    assert p.message == "required column is missing"
    assert "'lat-comp'" in p.fix and "header" in p.fix


def test_line_with_more_fields_than_the_header(tmp_path):
    lines = csv_text([row(), row(), row()]).splitlines()
    lines[2] += ",surplus"  # physical line 3
    path = write(tmp_path, "\n".join(lines) + "\n")
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == (NAME, 3, None, None)
    assert "more fields than the header (22)" in p.message
    assert "extra commas" in p.fix and "quote" in p.fix
    assert p.where() == f"{NAME}:3"


def test_extra_fields_on_the_first_data_line_are_reported(tmp_path):
    lines = csv_text([row(), row()]).splitlines()
    lines[1] += ",surplus"  # physical line 2, one field too many
    path = write(tmp_path, "\n".join(lines) + "\n")
    problems = problems_of(tmp_path, path)
    assert [(p.file, p.line, p.message) for p in problems] == [
        (NAME, 2, "line has more fields than the header (22)")
    ]


def test_a_trailing_empty_field_is_accepted(tmp_path):
    lines = csv_text([row(), row()]).splitlines()
    lines[1] += ","  # a trailing comma adds an empty field and loses nothing
    path = write(tmp_path, "\n".join(lines) + "\n")
    out = tmp_path / "out.parquet"
    validate_measurements.main(
        measurements=[str(path)],
        aliases=str(ALIASES),
        topologies=str(TOPOLOGIES),
        op_counts=str(OP_COUNTS),
        output=str(out),
        raw_data=str(tmp_path),
    )
    assert len(io.read_parquet(out)) == 2


def test_extra_fields_line_counts_quoted_line_breaks(tmp_path):
    header = HEADER + ["comment"]
    text = csv_text([row(header, comment="first\nsecond"), row(header)], header=header)
    lines = text.splitlines()  # the first data row spans physical lines 2 and 3
    lines[3] += ",surplus"  # physical line 4
    path = write(tmp_path, "\n".join(lines) + "\n")
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line) == (NAME, 4)


def test_quoted_line_break_keeps_physical_lines_of_later_cells(tmp_path):
    header = HEADER + ["comment"]
    path = master(tmp_path, [row(header, comment="first\nsecond"), row(header, lat_comp="x")], header=header)
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == (NAME, 4, "lat-comp", "x")


@pytest.mark.parametrize("content", [b"", b"\n\n  \r\n"], ids=["zero-bytes", "blank-lines"])
def test_empty_file(tmp_path, content):
    path = write(tmp_path, content)
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == (NAME, None, None, None)
    assert p.message == "file is empty"
    assert "comma-separated" in p.fix and "header" in p.fix


def test_binary_file_is_not_csv(tmp_path):
    path = write(tmp_path, b"PK\x03\x04\x00\x00\x08\x00binary\xff\xfe\x00", "measurements/m.xlsx")
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == ("measurements/m.xlsx", None, None, None)
    assert "not CSV" in p.message and "NUL" in p.message
    assert "comma-separated UTF-8 text" in p.fix


def test_non_utf8_text_names_the_line_column_and_byte_offset(tmp_path):
    text = csv_text([row(), row(NN_Topology="Réseau")]).encode("latin-1")
    p = the_problem(problems_of(tmp_path, write(tmp_path, text)))
    # the header line, then line 2 (a valid row), then line 3: "R" then é, 0xE9 in Latin-1
    header, line2 = (",".join(HEADER) + "\n").encode(), (",".join(row()) + "\n").encode()
    offset = len(header) + len(line2) + 1
    assert (p.file, p.line, p.column, p.value) == (NAME, 3, "NN_Topology", "R\\xe9seau")
    assert (
        p.message
        == f"file is not UTF-8 text: byte 0xE9 at byte offset {offset} (0-based, from the file's start)"
    )
    assert "UTF-8" in p.fix and "Latin-1" in p.fix


def test_text_file_with_no_known_column_is_not_a_measurement_file(tmp_path):
    path = write(tmp_path, "name,colour,size\napple,red,3\n", "measurements/fruit.csv")
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == ("measurements/fruit.csv", 1, None, None)
    assert p.message == (
        "not a measurement file: its first line (3 fields) has none of the known columns (its content is not shown)"
    )
    assert "NN_Topology" in p.fix and "lat-comp" in p.fix and "per-run log" in p.fix


@pytest.mark.parametrize("sep", ["\t", ";"], ids=["tab", "semicolon"])
def test_other_separator_is_not_a_measurement_file(tmp_path, sep):
    path = write(tmp_path, csv_text([row()]).replace(",", sep))
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == (NAME, 1, None, None)
    assert "not a measurement file" in p.message and "NN_Topology" not in p.message
    assert p.message.endswith(
        f"it looks separated by {'tabs' if sep == chr(9) else repr(sep)}: measurement files are separated by commas"
    )


def test_bom_and_crlf_keep_physical_line_numbers(tmp_path):
    text = csv_text([row(), row(), row(lat_comp="abc")]).replace("\n", "\r\n")
    path = write(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8"))
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == (NAME, 4, "lat-comp", "abc")


def test_problems_in_several_files_are_reported_together(tmp_path):
    a = master(tmp_path, [row(lat_comp="abc")], "measurements/a.csv")
    b = master(tmp_path, [row(), row(top1="101")], "measurements/b.csv")
    problems = problems_of(tmp_path, a, b)
    assert [(p.file, p.line, p.column) for p in problems] == [
        ("measurements/a.csv", 2, "lat-comp"),
        ("measurements/b.csv", 3, "top1 [%]"),
    ]


def test_no_output_is_left_behind_after_a_failure(tmp_path):
    path = master(tmp_path, [row(), row(lat_comp="abc")])
    with pytest.raises(InputError):
        validate(tmp_path, path)
    assert not (tmp_path / "out.parquet").exists()
    assert list(tmp_path.glob(".out.parquet.*")) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["measurements"]


def test_no_output_is_left_behind_when_writing_fails(tmp_path, monkeypatch):
    """A failure half-way through writing leaves neither the output nor its temporary."""

    def broken_write(table, where, **kwargs):
        Path(where).write_bytes(b"PAR1 half a file")
        raise OSError("disk full")

    monkeypatch.setattr(io.pq, "write_table", broken_write)
    path = master(tmp_path, [row()])
    with pytest.raises(OSError, match="disk full"):
        validate(tmp_path, path)
    assert not (tmp_path / "out.parquet").exists()
    assert list(tmp_path.glob(".out.parquet.*")) == []


def test_empty_measurement_set_writes_zero_rows_with_every_column(tmp_path):
    output = validate(tmp_path)
    table = io.read_parquet(output)
    assert len(table) == 0
    assert list(table.columns) == [c.name for c in schemas.VALIDATED_MEASUREMENTS]
    units = io.parquet_units(output)
    assert units["latency_compute_ms"] == "ms" and units["pruning_pct"] == "%"
    assert list(tmp_path.glob(".out.parquet.*")) == []


def test_header_only_file_gives_zero_rows(tmp_path):
    path = master(tmp_path, [])
    table = io.read_parquet(validate(tmp_path, path))
    assert len(table) == 0
    assert list(table.columns) == [c.name for c in schemas.VALIDATED_MEASUREMENTS]
