"""Power traces: voltage and current over time, in two layouts told apart by header.

The tidy layout: one row per sample, columns ``op_mode, series, sample, time_s, voltage_v,
current_a, power_w`` and, for a converted file, ``origin_file, origin_line`` (see
``raw_data/README.md``). A sample has a voltage and a current (power = their product) or
a recorded power alone.

The original wide layout: one column pair per network, ragged. Header names are ``[<mode>_]<network>_volt`` / ``[<mode>_]<network>_amp`` and ``Idle`` (a
power in W). The op mode is the one prefix the file uses (``fast`` or ``slow``); the
network abbreviation is resolved through the topology aliases (``goo`` → GoogLeNetv1).
Row i is sample i, one sample per second as recorded; columns end at different rows.
Names are matched whatever their case; two columns for the same series and quantity
(``goo_volt`` and ``fast_goo_volt``, or ``goo_volt`` and ``GoogLeNetv1_volt``) are an error.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..errors import InputError, Problem
from ..headers import column_index
from ..io import LINE, CsvText, read_csv_text
from ..parse import Rule, parse_column
from ..vocabulary import Vocabulary

_NAME = re.compile(r"^(?:(?P<mode>[A-Za-z]+)_)?(?P<net>[A-Za-z0-9]+)_(?P<q>volt|amp)$")
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


def read_power_trace(path: str, name: str, vocab: Vocabulary, *, platform: str) -> pd.DataFrame:
    """Long table: platform, op_mode, series, sample, time_s, voltage_v, current_a, power_w,
    source_file, source_line (:data:`qutiflow.schemas.POWER_TRACES`), from a file in
    either layout. Raises :class:`InputError` with every problem of the file."""
    text = read_csv_text(path, name)
    if "series" in {h.strip() for h in text.header[0]}:
        return tidy_power_trace(text, vocab, platform=platform)
    return wide_power_trace(text, vocab, platform=platform)


def wide_power_trace(text: CsvText, vocab: Vocabulary, *, platform: str) -> pd.DataFrame:
    """The original wide layout as the long table of :func:`read_power_trace`.

    Sample i is data row i (line i + 2), at i seconds; samples without a value are left
    out; the network series come in header order, then the idle series.
    """
    name = text.name
    column_index(name, text.header[0], normalise=_folded, target=_quantity(vocab))
    header = [h.strip() for h in text.header[0]]
    problems: list[Problem] = []
    modes, pairs, idle_col = set(), {}, None
    for i, h in enumerate(header):
        if h.lower() == IDLE:
            idle_col = i
            continue
        m = _NAME.match(h)
        if not m:
            problems.append(
                Problem(
                    name,
                    1,
                    h,
                    None,
                    "not a trace column",
                    "name columns <mode>_<network>_volt / _amp, or Idle",
                )
            )
            continue
        if m["mode"]:
            modes.add(m["mode"].lower())
        pairs.setdefault(m["net"], {})[m["q"]] = i
    if len(modes) != 1:
        problems.append(
            Problem(
                name,
                1,
                None,
                ",".join(sorted(modes)) or None,
                "a trace file must use exactly one op-mode prefix",
                "prefix the columns with one mode, e.g. fast_goo_amp",
            )
        )
    mode = vocab.resolve("op_mode", pd.Series(sorted(modes)[:1] or [""]))
    if len(modes) == 1 and mode.unknown.iloc[0]:
        problems += vocab.unknown_problems(
            "op_mode",
            pd.Series(sorted(modes)),
            mode.unknown,
            pd.Series([1]),
            file=name,
            column="(column prefix)",
        )
    lines = text.rows[LINE]
    parts = []
    for net, cols in pairs.items():
        res = vocab.resolve("topology", pd.Series([net]))
        if res.unknown.iloc[0] or set(cols) != {"volt", "amp"}:
            problems.append(
                Problem(
                    name,
                    1,
                    f"{net}_volt/amp",
                    net,
                    "unknown network or unpaired column",
                    "pair <net>_volt with <net>_amp; add the abbreviation to "
                    "config/aliases.csv as a topology spelling",
                )
            )
            continue
        volt, p1 = parse_column(text.rows[cols["volt"]], lines, VOLTS, file=name, column=header[cols["volt"]])
        amp, p2 = parse_column(text.rows[cols["amp"]], lines, AMPS, file=name, column=header[cols["amp"]])
        problems += p1 + p2
        half = volt.isna() != amp.isna()
        problems += [
            Problem(
                name,
                int(ln),
                f"{net}_volt/amp",
                None,
                "a sample has a voltage or a current but not both",
                "fill the missing cell or empty both",
            )
            for ln in lines[half]
        ]
        parts.append(
            pd.DataFrame(
                {
                    "series": res.canonical.iloc[0],
                    "voltage_v": volt,
                    "current_a": amp,
                    "power_w": volt * amp,
                    "sample": text.rows.index,
                    "source_line": lines,
                }
            ).dropna(subset=["power_w"])
        )
    if idle_col is not None:
        power, p = parse_column(text.rows[idle_col], lines, WATTS, file=name, column=header[idle_col])
        problems += p
        parts.append(
            pd.DataFrame(
                {
                    "series": IDLE,
                    "voltage_v": np.nan,
                    "current_a": np.nan,
                    "power_w": power,
                    "sample": text.rows.index,
                    "source_line": lines,
                }
            ).dropna(subset=["power_w"])
        )
    if problems:
        raise InputError(problems)
    out = pd.concat(parts, ignore_index=True)
    out["sample"] = (out["source_line"] - 2).astype("int64")
    out["time_s"] = out["sample"].astype("float64")
    out["platform"] = platform
    out["op_mode"] = mode.canonical.iloc[0]
    out["source_file"] = name
    return out


def tidy_power_trace(text: CsvText, vocab: Vocabulary, *, platform: str) -> pd.DataFrame:
    """The tidy layout as the long table of :func:`read_power_trace`, rows in file order.

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


def _folded(header_name: str) -> str:
    return header_name.strip().casefold()


def _quantity(vocab: Vocabulary):
    """The series and quantity a (case-folded) header name holds, None for no trace column."""

    def target(header_name: str) -> str | None:
        if header_name == IDLE:
            return "idle power"
        m = _NAME.match(header_name)
        if not m:
            return None
        res = vocab.resolve("topology", pd.Series([m["net"]]))
        net = m["net"] if res.unknown.iloc[0] else res.canonical.iloc[0]
        return f"{net} {'voltage' if m['q'] == 'volt' else 'current'}"

    return target
