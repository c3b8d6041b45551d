"""Reading and checking the architecture table (``config/platform_architecture.csv``; its
columns and what they mean: :mod:`qutiflow.architecture`)."""

from __future__ import annotations

import pandas as pd

from ..architecture import ONCHIP_KINDS, WEIGHT_LINKS
from ..errors import InputError, Problem, shown
from ..io import LINE, CsvText
from ..parse import Rule, parse_column
from ..vocabulary import Vocabulary
from .catalogue import cells, duplicate_keys, missing_columns, resolve

BOOLEANS = {"true": True, "false": False}

COLUMNS = [
    "platform",
    "onchip_weight_mb",
    "onchip_kind",
    "weight_link",
    "weight_link_gbps",
    "batch_reuse",
    "array_rows",
    "array_cols",
    "source",
]

ONCHIP_MB = Rule("a number of MB (10^6 bytes) from 0 to 100000", minimum=0, maximum=1e5)
LINK_GBPS = Rule(
    "a positive number of GB/s (10^9 bytes per second) up to 10000", minimum=0, strict=True, maximum=1e4
)
ARRAY = Rule("a whole number of channels from 1 to 65536", minimum=1, maximum=65536, integer=True)

#: header names that would make facts differ by op mode or datatype (not supported)
PER_MODE = ("op_mode", "datatype")


def platform_architecture(text: CsvText, vocab: Vocabulary) -> pd.DataFrame:
    """Read and check the architecture table; one row per canonical platform.

    Missing values stay missing (NaN / <NA>): :func:`qutiflow.architecture.architecture_for`
    applies the defaults. Raises :class:`~qutiflow.errors.InputError` with every problem of the file.

    Returns
    -------
    DataFrame
        ``platform, onchip_weight_mb, onchip_kind, weight_link, weight_link_gbps,
        batch_reuse, array_rows, array_cols, source`` (str, float, str, str, float,
        boolean, Int64, Int64, str).
    """
    problems = _header_problems(text)
    if problems:
        raise InputError(problems)
    name, lines = text.name, text.rows[LINE]
    col = {c: cells(text, c).fillna("") for c in COLUMNS}

    plat = resolve(vocab, "platform", col["platform"], text, "platform", problems)
    problems += _op_mode_problems(col["platform"], plat.op_mode, lines, name)
    parsed = _parse_facts(col, lines, name, problems)
    for mask, column, message, fix in _pairs(col, parsed):
        _pair(problems, name, lines, mask, column, col[column], message, fix)

    frame = pd.DataFrame(
        {
            "platform": plat.canonical,
            **parsed,
            "array_rows": parsed["array_rows"].astype("Int64"),
            "array_cols": parsed["array_cols"].astype("Int64"),
            "source": col["source"].astype("string"),
            "_file": name,
            "_line": lines,
        }
    )
    problems += duplicate_keys(frame, ["platform"], file_col="_file", line_col="_line", what="platform")
    if problems:
        raise InputError(problems)
    return frame.drop(columns=["_file", "_line"]).reset_index(drop=True)


def _header_problems(text: CsvText) -> list[Problem]:
    """The header's problems: a missing column, or a column that would make the facts
    differ by op mode or datatype."""
    header = [h.strip() for h in text.header[0]]
    return missing_columns(text, COLUMNS) + [
        Problem(
            text.name,
            1,
            c,
            None,
            "facts per op mode or datatype are not supported: the table has one row per platform",
            f"delete the column {c!r} and keep one row per platform",
        )
        for c in PER_MODE
        if c in header
    ]


def _op_mode_problems(values: pd.Series, op_mode: pd.Series, lines: pd.Series, file: str) -> list[Problem]:
    """A problem per platform name that carries an op mode (the table has one row per
    platform for all its op modes)."""
    moded = op_mode.notna()
    return [
        Problem(
            file,
            int(ln),
            "platform",
            value,
            f"the name carries the op mode {shown(mode)}; the table has "
            "one row per platform for all its op modes",
            "write the platform's name without its op mode",
        )
        for value, ln, mode in zip(values[moded], lines[moded], op_mode[moded])
    ]


def _parse_facts(
    col: dict[str, pd.Series], lines: pd.Series, file: str, problems: list[Problem]
) -> dict[str, pd.Series]:
    """Each fact column parsed on its own (numbers, choices, booleans), in the table's
    column order; the problems of each cell are added to ``problems``."""

    def number(column: str, rule: Rule) -> pd.Series:
        values, p = parse_column(col[column], lines, rule, file=file, column=column)
        problems.extend(p)
        return values

    return {
        "onchip_weight_mb": number("onchip_weight_mb", ONCHIP_MB),
        "onchip_kind": _choice(col["onchip_kind"], lines, ONCHIP_KINDS, file, "onchip_kind", problems),
        "weight_link": _choice(col["weight_link"], lines, WEIGHT_LINKS, file, "weight_link", problems),
        "weight_link_gbps": number("weight_link_gbps", LINK_GBPS),
        "batch_reuse": _boolean(col["batch_reuse"], lines, file, "batch_reuse", problems),
        "array_rows": number("array_rows", ARRAY),
        "array_cols": number("array_cols", ARRAY),
    }


def _pairs(col: dict[str, pd.Series], parsed: dict[str, pd.Series]) -> list[tuple[pd.Series, str, str, str]]:
    """The checks across columns of a row: (rows that fail, the column blamed, the message,
    the fix), in the order they are reported."""
    onchip, kind, link = parsed["onchip_weight_mb"], parsed["onchip_kind"], parsed["weight_link"]
    given = col["onchip_weight_mb"] != ""
    host_link = (link.notna() & (link != "dram")).fillna(False)
    return [
        (
            (given & (col["onchip_kind"] == "")) | (~given & kind.notna()),
            "onchip_kind",
            "onchip_weight_mb and onchip_kind go together",
            "fill both (0 and none where nothing stays on chip) or leave both empty",
        ),
        (
            (kind == "none").fillna(False) & (onchip > 0).fillna(False),
            "onchip_kind",
            "kind none with a positive onchip_weight_mb",
            "write 0 MB for none, or name the memory that holds the weights",
        ),
        (
            (kind != "none").fillna(False) & (onchip == 0).fillna(False),
            "onchip_kind",
            "a memory kind with 0 MB",
            "write its size in MB, or none where nothing stays on chip",
        ),
        (
            host_link & (col["weight_link_gbps"] == ""),
            "weight_link_gbps",
            "a host link needs its bandwidth (only dram falls back to the catalogue)",
            "write the link's effective bandwidth in GB/s",
        ),
        (
            (col["weight_link"] == "") & (col["weight_link_gbps"] != ""),
            "weight_link",
            "a bandwidth without its link",
            "name the link the bandwidth belongs to (dram, usb3, ...)",
        ),
        (
            (col["array_rows"] == "") != (col["array_cols"] == ""),
            "array_cols",
            "array_rows and array_cols go together",
            "fill both (input × output channels per cycle) or leave both empty",
        ),
        (
            col["source"] == "",
            "source",
            "source is empty",
            "name where the row's values come from (document, page or URL; 'assumption: …' for an assumption)",
        ),
    ]


def _choice(
    values: pd.Series,
    lines: pd.Series,
    allowed: tuple[str, ...],
    file: str,
    column: str,
    problems: list[Problem],
) -> pd.Series:
    """Cells that must be one of ``allowed`` (case-insensitive); empty → <NA>."""
    low = values.str.lower()
    bad = (low != "") & ~low.isin(allowed)
    for value, ln in zip(values[bad], lines[bad]):
        problems.append(
            Problem(file, int(ln), column, value, f"unknown {column}", f"use one of {', '.join(allowed)}")
        )
    return low.where((low != "") & ~bad).astype("string")


def _boolean(
    values: pd.Series, lines: pd.Series, file: str, column: str, problems: list[Problem]
) -> pd.Series:
    """``true``/``false`` cells (case-insensitive); empty → <NA>."""
    low = values.str.lower()
    bad = (low != "") & ~low.isin(list(BOOLEANS))
    for value, ln in zip(values[bad], lines[bad]):
        problems.append(
            Problem(
                file,
                int(ln),
                column,
                value,
                "is not true or false",
                "write true or false (empty: the default, true)",
            )
        )
    return low.map(BOOLEANS).astype("boolean")


def _pair(
    problems: list[Problem],
    file: str,
    lines: pd.Series,
    mask: pd.Series,
    column: str,
    values: pd.Series,
    message: str,
    fix: str,
) -> None:
    for value, ln in zip(values[mask], lines[mask]):
        problems.append(Problem(file, int(ln), column, value, message, fix))
