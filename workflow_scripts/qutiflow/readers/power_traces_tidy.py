"""Power traces in the tidy layout (:func:`tidy_power_trace`); the quantities both layouts
share (:data:`VOLTS`, :data:`AMPS`, :data:`WATTS`, the :data:`IDLE` series).

The tidy layout: one row per sample, columns ``op_mode, series, sample, time_s, voltage_v,
current_a, power_w`` and, for a converted file, ``origin_file, origin_line`` (see
``docs/contributing.md``). A sample has a voltage and a current (power = their product) or
a recorded power alone.
"""

from __future__ import annotations

import pandas as pd

from ..errors import InputError, Problem
from ..headers import column_index
from ..io import LINE, CsvText
from ..parse import Rule, parse_column
from ..vocabulary import Vocabulary

VOLTS = Rule("a non-negative number of volts", minimum=0)
AMPS = Rule("a non-negative number of amperes", minimum=0)
WATTS = Rule("a non-negative number of watts", minimum=0)
IDLE = "idle"

#: tidy layout: header name → what it holds (for messages)
TIDY = {
    "op_mode": "operating mode",
    "series": "network or idle",
    "sample": "0-based sample index",
    "time_s": "time in seconds",
    "voltage_v": "volts",
    "current_a": "amperes",
    "power_w": "watts",
    "origin_file": "original file",
    "origin_line": "original line",
}
TIDY_REQUIRED = ["op_mode", "series", "sample", "time_s"]
SAMPLE = Rule("a whole number of at least 0", minimum=0, integer=True)
SECONDS = Rule("a non-negative number of seconds", minimum=0)
LINE_NUMBER = Rule("a line number, a whole number of at least 1", minimum=1, integer=True)


def tidy_power_trace(text: CsvText, vocab: Vocabulary, *, platform: str) -> pd.DataFrame:
    """The tidy layout as the long table of
    :func:`~qutiflow.readers.power_traces.read_power_trace`, rows in file order.

    ``series`` is a network (any spelling of ``config/aliases.csv``) or ``idle``; a sample
    has ``voltage_v`` and ``current_a`` (``power_w`` is then their product and its cell
    stays empty) or ``power_w`` alone. ``source_file``/``source_line`` are the origin
    columns where a row has them, else the file's own name and line.
    """
    name = text.name
    index = column_index(name, text.header[0])
    problems = _header_problems(name, index)
    if problems:
        raise InputError(problems)
    c = _Columns(text, index, problems)
    lines = c.lines
    mode = vocab.resolve("op_mode", c.cells("op_mode"))
    problems += vocab.unknown_problems(
        "op_mode", c.cells("op_mode"), mode.unknown, lines, file=name, column="op_mode"
    )
    c.empty("op_mode", "operating mode")
    series_text = c.cells("series").str.strip()
    is_idle = series_text.str.casefold() == IDLE
    net = vocab.resolve("topology", series_text.where(~is_idle, ""))
    problems += vocab.unknown_problems(
        "topology", series_text, net.unknown & ~is_idle, lines, file=name, column="series"
    )
    c.empty("series", "series (a network or idle)")
    sample = c.number("sample", SAMPLE)
    c.empty("sample", "sample index")
    time_s = c.number("time_s", SECONDS)
    c.empty("time_s", "time in seconds")
    volt, amp, power = _electrical(c)
    origin_file, origin_line = _origin(c)
    if problems:
        raise InputError(problems)
    has_origin = origin_file != ""
    pair = volt.notna() & amp.notna()
    return pd.DataFrame(
        {
            "series": net.canonical.astype(object).where(~is_idle, IDLE).astype(str),
            "voltage_v": volt,
            "current_a": amp,
            "power_w": power.where(~pair, volt * amp),
            "sample": sample.astype("int64"),
            "source_line": lines.where(~has_origin, origin_line).astype("int64"),
            "time_s": time_s.astype("float64"),
            "platform": platform,
            "op_mode": mode.canonical.astype(str),
            "source_file": origin_file.where(has_origin, name),
        }
    ).reset_index(drop=True)


def _header_problems(name: str, index: dict[str, int]) -> list[Problem]:
    """A problem per required column missing and per column not of the tidy layout."""
    return [
        Problem(
            name,
            1,
            c,
            None,
            "required column is missing",
            f"add the column {c!r} ({TIDY[c]}) to the header row",
        )
        for c in TIDY_REQUIRED
        if c not in index
    ] + [
        Problem(
            name,
            1,
            h,
            None,
            "not a column of the tidy power-trace layout",
            f"use the columns {', '.join(TIDY)}",
        )
        for h in index
        if h not in TIDY
    ]


class _Columns:
    """The cells of a tidy file by column name (an absent optional column: empty cells),
    parsed and checked; every problem goes to ``problems``."""

    def __init__(self, text: CsvText, index: dict[str, int], problems: list[Problem]) -> None:
        self.name, self.index, self.rows, self.lines = text.name, index, text.rows, text.rows[LINE]
        self.problems = problems

    def cells(self, column: str) -> pd.Series:
        return self.rows[self.index[column]] if column in self.index else pd.Series("", index=self.rows.index)

    def number(self, column: str, rule: Rule) -> pd.Series:
        values, found = parse_column(self.cells(column), self.lines, rule, file=self.name, column=column)
        self.problems.extend(found)
        return values

    def empty(self, column: str, label: str) -> None:
        blank = self.cells(column).str.strip() == ""
        self.problems.extend(
            Problem(self.name, int(ln), column, "", f"{label} is empty", f"write the {label}")
            for ln in self.lines[blank]
        )


def _electrical(c: _Columns) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Voltage, current and power, with a problem per sample that has neither a voltage
    and a current (and no power) nor a power alone."""
    volt, amp, power = c.number("voltage_v", VOLTS), c.number("current_a", AMPS), c.number("power_w", WATTS)
    pair = volt.notna() & amp.notna()
    ok = (pair & power.isna()) | (volt.isna() & amp.isna() & power.notna())
    for ln, v, a, p in zip(
        c.lines[~ok], c.cells("voltage_v")[~ok], c.cells("current_a")[~ok], c.cells("power_w")[~ok]
    ):
        c.problems.append(
            Problem(
                c.name,
                int(ln),
                "voltage_v/current_a/power_w",
                f"{v},{a},{p}",
                "a sample has a voltage and a current, or a power alone",
                "fill voltage_v and current_a (power_w empty: it is their product), or power_w alone",
            )
        )
    return volt, amp, power


def _origin(c: _Columns) -> tuple[pd.Series, pd.Series]:
    """The origin file (stripped, empty where none) and line of each row, with a problem per
    row that fills one of the two only."""
    origin_file = c.cells("origin_file").str.strip()
    origin_line = c.number("origin_line", LINE_NUMBER)
    half = (origin_file != "") != (c.cells("origin_line").str.strip() != "")
    c.problems.extend(
        Problem(
            c.name,
            int(ln),
            "origin_file/origin_line",
            None,
            "a row names its origin file or its origin line, not both",
            "fill both origin_file and origin_line, or empty both",
        )
        for ln in c.lines[half]
    )
    return origin_file, origin_line
