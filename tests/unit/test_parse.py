"""qutiflow.parse: numbers in text cells (thousands separators, percent signs, missing vs
bad) and the range rules of a column; every expected value by hand."""

from __future__ import annotations

import pandas as pd
from helpers import nan_list
from qutiflow.parse import BATCH, PERCENT, POSITIVE_MS, PRUNING, numbers, parse_column


def test_numbers_thousands_separators_only_in_the_grouped_pattern():
    cells = pd.Series(["1,234.5", "1,234,567", "+1,234", "1,23", "12,34.5", "1234,5", "1,2345"])
    values, bad = numbers(cells, POSITIVE_MS)
    assert nan_list(values) == [1234.5, 1234567.0, 1234.0, None, None, None, None]
    assert bad.tolist() == [False, False, False, True, True, True, True]


def test_numbers_empty_is_missing_not_bad():
    values, bad = numbers(pd.Series(["", "   ", " 7 ", "1e3"]), POSITIVE_MS)
    assert nan_list(values) == [None, None, 7.0, 1000.0]
    assert bad.tolist() == [False, False, False, False]


def test_numbers_infinite_and_nan_text_are_bad():
    values, bad = numbers(pd.Series(["inf", "-inf", "Infinity", "nan", "1e400", "abc"]), POSITIVE_MS)
    assert values.isna().all()
    assert bad.tolist() == [True] * 6


def test_numbers_percent_suffix_only_where_the_rule_allows_it():
    values, bad = numbers(pd.Series(["12.50%", " 12.5 % ", "100%", "30.00%"]), PERCENT)
    assert values.tolist() == [12.5, 12.5, 100.0, 30.0]
    assert not bad.any()
    values, bad = numbers(pd.Series(["12.5%"]), POSITIVE_MS)  # milliseconds take no %
    assert bad.tolist() == [True] and values.isna().all()


def test_numbers_lone_percent_sign_is_bad():
    _, bad = numbers(pd.Series(["%"]), PERCENT)
    assert bad.tolist() == [True]


def test_parse_column_problems_and_values():
    cells = pd.Series(["5", "abc", "", "-1", "101", "1,000"])
    lines = pd.Series([2, 3, 4, 5, 6, 7])
    values, problems = parse_column(cells, lines, PERCENT, file="m.csv", column="top1 [%]")
    assert nan_list(values) == [5.0, None, None, None, None, None]
    rng = "out of range: must be at least 0, must be at most 100"
    fix = "write a percentage from 0 to 100"
    assert [(p.file, p.line, p.column, p.value, p.message, p.fix) for p in problems] == [
        ("m.csv", 3, "top1 [%]", "abc", "is not a number", fix),
        ("m.csv", 5, "top1 [%]", "-1", rng, fix),
        ("m.csv", 6, "top1 [%]", "101", rng, fix),
        ("m.csv", 7, "top1 [%]", "1,000", rng, fix),
    ]


def test_parse_column_whole_number_and_strict_minimum():
    values, problems = parse_column(
        pd.Series(["2.5", "0", "4"]), pd.Series([2, 3, 4]), BATCH, file="m.csv", column="batch"
    )
    assert nan_list(values) == [None, None, 4.0]
    msg = "out of range: must be a whole number, must be at least 1"
    assert [(p.line, p.message) for p in problems] == [(2, msg), (3, msg)]
    values, problems = parse_column(
        pd.Series(["0", "12.5%"]), pd.Series([2, 3]), PRUNING, file="m.csv", column="PruningFactor"
    )
    assert nan_list(values) == [None, 12.5]
    assert [(p.line, p.message) for p in problems] == [
        (2, "out of range: must be above 0, must be at most 100")
    ]
