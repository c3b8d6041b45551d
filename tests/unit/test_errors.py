"""qutiflow.errors: problems grouped by file, column and fix, capped at five lines each."""

from __future__ import annotations

import pytest
from qutiflow.errors import InputError, Problem, format_problems, raise_if_any


def p(file, line, column, value, message="is not a number", fix="write ms"):
    return Problem(file, line, column, value, message, fix)


def test_format_problems_groups_and_caps_at_five_lines():
    problems = [
        p("m.csv", 2, "lat-comp", "a"),
        p("m.csv", 3, "lat-comp", "b"),
        p("m.csv", 4, "lat-comp", "c"),
        p("t.csv", 4, "top1", "101", "out of range", "write %"),
        p("m.csv", 5, "lat-comp", "d"),
        p("m.csv", 6, "lat-comp", "e"),
        p("m.csv", 7, "lat-comp", "f"),
        p("m.csv", 8, "lat-comp", "g"),
        p("m.csv", None, None, None, "file is empty", "save it"),
        p("x.csv", None, "col", "v", "bad value", "fix it"),
        p("y.csv", 3, None, None, "line has more fields", "remove"),
    ]
    assert format_problems(problems) == "\n".join(
        [
            "11 input problems:",
            "m.csv, column 'lat-comp': is not a number",
            "  line 2: 'a'",
            "  line 3: 'b'",
            "  line 4: 'c'",
            "  line 5: 'd'",
            "  line 6: 'e'",
            "  ... and 2 more in this file and column",
            "  fix: write ms",
            "t.csv, column 'top1': out of range",
            "  line 4: '101'",
            "  fix: write %",
            "m.csv: file is empty",
            "  fix: save it",
            "x.csv, column 'col': bad value",
            "  value: 'v'",
            "  fix: fix it",
            "y.csv: line has more fields",
            "  line 3",
            "  fix: remove",
        ]
    )


def test_format_problems_exactly_five_has_no_more_line():
    text = format_problems([p("m.csv", i, "c", str(i)) for i in range(2, 7)])
    assert "more in this file" not in text
    assert text.splitlines()[0] == "5 input problems:"
    assert text.count("  line ") == 5


def test_same_column_other_fix_is_another_group():
    text = format_problems([p("m.csv", 2, "c", "x", fix="one"), p("m.csv", 3, "c", "y", fix="two")])
    assert text.count("m.csv, column 'c': is not a number") == 2


def test_input_error_carries_problems_and_formatted_message():
    problems = [p("m.csv", 2, "c", "x")]
    err = InputError(problems)
    assert err.problems == problems
    assert str(err) == format_problems(problems)
    raise_if_any([])  # nothing to raise
    with pytest.raises(InputError):
        raise_if_any(problems)


def test_problem_where():
    assert p("m.csv", 4, "c", "x").where() == "m.csv:4"
    assert p("m.csv", None, "c", "x").where() == "m.csv"
