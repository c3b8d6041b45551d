"""Whole-number cells beyond the range a table holds exactly (2^53 - 1): batch and
origin_line of a measurement file (through ``validate_measurements.main``), sample and
origin_line of a tidy power trace (through ``read_power_trace``); each an input problem
naming file, line, column and value, and the largest value accepted kept exactly."""

from __future__ import annotations

import pytest
from helpers import write
from qutiflow import io
from qutiflow.errors import InputError
from qutiflow.readers.power_traces import read_power_trace

from .measurement_files import HEADER, NAME, master, problems_of, row, the_problem, validate

#: the largest whole number an integer column takes: 2^53 - 1, written out by hand
WHOLE_MAX = "9007199254740991"
TOO_LARGE = (
    "out of range: must be at most 9007199254740991 (2^53 - 1: larger whole numbers are not read exactly)"
)
ORIGIN_HEADER = [*HEADER, "origin_file", "origin_line"]


def test_batch_beyond_the_whole_number_range(tmp_path):
    path = master(tmp_path, [row(), row(batch="1e19")])
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == (NAME, 3, "batch/thread/stream", "1e19")
    assert p.message == TOO_LARGE
    assert p.fix == (
        "write a whole number of at least 1; a value this large is a slip "
        "(a misplaced exponent, another column's value): check the cell"
    )


def test_origin_line_beyond_the_whole_number_range(tmp_path):
    rows = [row(ORIGIN_HEADER, origin_file="orig.csv", origin_line="1e30")]
    path = master(tmp_path, rows, header=ORIGIN_HEADER)
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == (NAME, 2, "origin_line", "1e30")
    assert p.message == TOO_LARGE
    assert p.fix.startswith("write a line number, a whole number of at least 1; a value this large")


def test_just_beyond_the_whole_number_range_is_an_error(tmp_path):
    # 2^53 = 9007199254740992: a float64 reads 9007199254740993 as the same number
    path = master(tmp_path, [row(batch="9007199254740992"), row(batch="9007199254740993")])
    problems = problems_of(tmp_path, path)
    assert [(p.line, p.value, p.message) for p in problems] == [
        (2, "9007199254740992", TOO_LARGE),
        (3, "9007199254740993", TOO_LARGE),
    ]


def test_whole_numbers_just_inside_the_range_are_kept_exactly(tmp_path):
    rows = [row(ORIGIN_HEADER, batch=WHOLE_MAX, origin_file="orig.csv", origin_line=WHOLE_MAX)]
    table = io.read_parquet(validate(tmp_path, master(tmp_path, rows, header=ORIGIN_HEADER)))
    assert table["batch"].tolist() == [9007199254740991]
    assert (table["source_file"].tolist(), table["source_line"].tolist()) == (
        ["orig.csv"],
        [9007199254740991],
    )


TIDY_HEADER = "op_mode,series,sample,time_s,voltage_v,current_a,power_w,origin_file,origin_line\n"


def test_tidy_sample_beyond_the_whole_number_range_is_an_error(tmp_path, vocab):
    # line 2 fine; line 3: a sample index of 1e30 (once stored as -9223372036854775808)
    text = TIDY_HEADER + "fast,idle,0,0,,,0.8,,\nfast,idle,1e30,1,,,0.8,,\n"
    path = write(tmp_path, "traces/t.csv", text)
    with pytest.raises(InputError) as info:
        read_power_trace(path, "traces/t.csv", vocab, platform="EdgeTPU")
    [p] = info.value.problems
    assert (p.file, p.line, p.column, p.value) == ("traces/t.csv", 3, "sample", "1e30")
    assert p.message == (
        "out of range: must be at most 9007199254740991 (2^53 - 1: larger whole numbers are not read exactly)"
    )
    assert p.fix.startswith("write a whole number of at least 0; a value this large is a slip")


def test_tidy_origin_line_beyond_the_whole_number_range_is_an_error(tmp_path, vocab):
    text = TIDY_HEADER + "fast,idle,0,0,,,0.8,p.csv,9007199254740992\n"
    path = write(tmp_path, "t.csv", text)
    with pytest.raises(InputError) as info:
        read_power_trace(path, "t.csv", vocab, platform="EdgeTPU")
    [p] = info.value.problems
    assert (p.line, p.column, p.value) == (2, "origin_line", "9007199254740992")


def test_tidy_whole_numbers_just_inside_the_range_are_kept_exactly(tmp_path, vocab):
    text = TIDY_HEADER + "fast,idle,9007199254740991,0,,,0.8,p.csv,9007199254740991\n"
    table = read_power_trace(write(tmp_path, "t.csv", text), "t.csv", vocab, platform="EdgeTPU")
    assert table["sample"].tolist() == [9007199254740991]
    assert table["source_line"].tolist() == [9007199254740991]
