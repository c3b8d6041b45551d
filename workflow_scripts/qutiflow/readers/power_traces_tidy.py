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
    problems = [
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
    ]
    problems += [
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
    if problems:
        raise InputError(problems)
    rows, lines = text.rows, text.rows[LINE]

    def cells(column: str) -> pd.Series:
        return rows[index[column]] if column in index else pd.Series("", index=rows.index)

    def number(column: str, rule: Rule) -> pd.Series:
        values, found = parse_column(cells(column), lines, rule, file=name, column=column)
        problems.extend(found)
        return values

    def empty(column: str, label: str) -> None:
        blank = cells(column).str.strip() == ""
        problems.extend(
            Problem(name, int(ln), column, "", f"{label} is empty", f"write the {label}")
            for ln in lines[blank]
        )

    mode = vocab.resolve("op_mode", cells("op_mode"))
    problems += vocab.unknown_problems(
        "op_mode", cells("op_mode"), mode.unknown, lines, file=name, column="op_mode"
    )
    empty("op_mode", "operating mode")
    series_text = cells("series").str.strip()
    is_idle = series_text.str.casefold() == IDLE
    net = vocab.resolve("topology", series_text.where(~is_idle, ""))
    problems += vocab.unknown_problems(
        "topology", series_text, net.unknown & ~is_idle, lines, file=name, column="series"
    )
    empty("series", "series (a network or idle)")
    sample = number("sample", SAMPLE)
    empty("sample", "sample index")
    time_s = number("time_s", SECONDS)
    empty("time_s", "time in seconds")
    volt, amp, power = number("voltage_v", VOLTS), number("current_a", AMPS), number("power_w", WATTS)
    pair = volt.notna() & amp.notna()
    ok = (pair & power.isna()) | (volt.isna() & amp.isna() & power.notna())
    for ln, v, a, p in zip(
        lines[~ok], cells("voltage_v")[~ok], cells("current_a")[~ok], cells("power_w")[~ok]
    ):
        problems.append(
            Problem(
                name,
                int(ln),
                "voltage_v/current_a/power_w",
                f"{v},{a},{p}",
                "a sample has a voltage and a current, or a power alone",
                "fill voltage_v and current_a (power_w empty: it is their product), or power_w alone",
            )
        )
    origin_file = cells("origin_file").str.strip()
    origin_line = number("origin_line", LINE_NUMBER)
    half = (origin_file != "") != (cells("origin_line").str.strip() != "")
    problems += [
        Problem(
            name,
            int(ln),
            "origin_file/origin_line",
            None,
            "a row names its origin file or its origin line, not both",
            "fill both origin_file and origin_line, or empty both",
        )
        for ln in lines[half]
    ]
    if problems:
        raise InputError(problems)
    has_origin = origin_file != ""
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
