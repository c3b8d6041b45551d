"""Power traces in QuTiBench's original wide layout (:func:`wide_power_trace`).

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
from ..io import LINE, CsvText
from ..parse import parse_column
from ..vocabulary import Vocabulary
from .power_traces_tidy import AMPS, IDLE, VOLTS, WATTS

_NAME = re.compile(r"^(?:(?P<mode>[A-Za-z]+)_)?(?P<net>[A-Za-z0-9]+)_(?P<q>volt|amp)$")


def wide_power_trace(text: CsvText, vocab: Vocabulary, *, platform: str) -> pd.DataFrame:
    """The original wide layout as the long table of
    :func:`~qutiflow.readers.power_traces.read_power_trace`.

    Sample i is data row i (line i + 2), at i seconds; samples without a value are left
    out; the network series come in header order, then the idle series.
    """
    name = text.name
    column_index(name, text.header[0], normalise=_folded, target=_quantity(vocab))
    header = [h.strip() for h in text.header[0]]
    modes, pairs, idle_col, problems = _trace_columns(header, name)
    mode, p = _op_mode(modes, vocab, name)
    problems += p
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
        parts.append(_series(text, res.canonical.iloc[0], volt, amp, volt * amp))
    if idle_col is not None:
        power, p = parse_column(text.rows[idle_col], lines, WATTS, file=name, column=header[idle_col])
        problems += p
        parts.append(_series(text, IDLE, np.nan, np.nan, power))
    if problems:
        raise InputError(problems)
    out = pd.concat(parts, ignore_index=True)
    out["sample"] = (out["source_line"] - 2).astype("int64")
    out["time_s"] = out["sample"].astype("float64")
    out["platform"] = platform
    out["op_mode"] = mode.canonical.iloc[0]
    out["source_file"] = name
    return out


def _trace_columns(
    header: list[str], file: str
) -> tuple[set[str], dict[str, dict[str, int]], int | None, list[Problem]]:
    """The op-mode prefixes the header uses, each network's volt and amp column (network →
    quantity → position), the Idle column's position, and a problem per other column."""
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
                    file,
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
    return modes, pairs, idle_col, problems


def _op_mode(modes: set[str], vocab: Vocabulary, file: str):
    """The file's op mode resolved (the one prefix), and its problems: not exactly one
    prefix, or an unknown one."""
    problems: list[Problem] = []
    if len(modes) != 1:
        problems.append(
            Problem(
                file,
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
            file=file,
            column="(column prefix)",
        )
    return mode, problems


def _series(text: CsvText, series: str, volt, amp, power: pd.Series) -> pd.DataFrame:
    """One series' samples (a row per data row with a power)."""
    return pd.DataFrame(
        {
            "series": series,
            "voltage_v": volt,
            "current_a": amp,
            "power_w": power,
            "sample": text.rows.index,
            "source_line": text.rows[LINE],
        }
    ).dropna(subset=["power_w"])


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
