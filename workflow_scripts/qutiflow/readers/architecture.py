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
    problems = missing_columns(text, COLUMNS)
    header = [h.strip() for h in text.header[0]]
    problems += [
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
    if problems:
        raise InputError(problems)
    name, lines = text.name, text.rows[LINE]
    col = {c: cells(text, c).fillna("") for c in COLUMNS}

    plat = resolve(vocab, "platform", col["platform"], text, "platform", problems)
    moded = plat.op_mode.notna()
    for value, ln, mode in zip(col["platform"][moded], lines[moded], plat.op_mode[moded]):
        problems.append(
            Problem(
                name,
                int(ln),
                "platform",
                value,
                f"the name carries the op mode {shown(mode)}; the table has "
                "one row per platform for all its op modes",
                "write the platform's name without its op mode",
            )
        )

    onchip, p = parse_column(col["onchip_weight_mb"], lines, ONCHIP_MB, file=name, column="onchip_weight_mb")
    problems += p
    kind = _choice(col["onchip_kind"], lines, ONCHIP_KINDS, name, "onchip_kind", problems)
    link = _choice(col["weight_link"], lines, WEIGHT_LINKS, name, "weight_link", problems)
    gbps, p = parse_column(col["weight_link_gbps"], lines, LINK_GBPS, file=name, column="weight_link_gbps")
    problems += p
    reuse = _boolean(col["batch_reuse"], lines, name, "batch_reuse", problems)
    rows, p = parse_column(col["array_rows"], lines, ARRAY, file=name, column="array_rows")
    problems += p
    cols, p = parse_column(col["array_cols"], lines, ARRAY, file=name, column="array_cols")
    problems += p

    given = col["onchip_weight_mb"] != ""
    _pair(
        problems,
        name,
        lines,
        (given & (col["onchip_kind"] == "")) | (~given & kind.notna()),
        "onchip_kind",
        col["onchip_kind"],
        "onchip_weight_mb and onchip_kind go together",
        "fill both (0 and none where nothing stays on chip) or leave both empty",
    )
    _pair(
        problems,
        name,
        lines,
        (kind == "none").fillna(False) & (onchip > 0).fillna(False),
        "onchip_kind",
        col["onchip_kind"],
        "kind none with a positive onchip_weight_mb",
        "write 0 MB for none, or name the memory that holds the weights",
    )
    _pair(
        problems,
        name,
        lines,
        (kind != "none").fillna(False) & (onchip == 0).fillna(False),
        "onchip_kind",
        col["onchip_kind"],
        "a memory kind with 0 MB",
        "write its size in MB, or none where nothing stays on chip",
    )
    host_link = (link.notna() & (link != "dram")).fillna(False)
    _pair(
        problems,
        name,
        lines,
        host_link & (col["weight_link_gbps"] == ""),
        "weight_link_gbps",
        col["weight_link_gbps"],
        "a host link needs its bandwidth (only dram falls back to the catalogue)",
        "write the link's effective bandwidth in GB/s",
    )
    _pair(
        problems,
        name,
        lines,
        (col["weight_link"] == "") & (col["weight_link_gbps"] != ""),
        "weight_link",
        col["weight_link"],
        "a bandwidth without its link",
        "name the link the bandwidth belongs to (dram, usb3, ...)",
    )
    _pair(
        problems,
        name,
        lines,
        (col["array_rows"] == "") != (col["array_cols"] == ""),
        "array_cols",
        col["array_cols"],
        "array_rows and array_cols go together",
        "fill both (input × output channels per cycle) or leave both empty",
    )
    _pair(
        problems,
        name,
        lines,
        col["source"] == "",
        "source",
        col["source"],
        "source is empty",
        "name where the row's values come from (document, page or URL; 'assumption: …' for an assumption)",
    )

    frame = pd.DataFrame(
        {
            "platform": plat.canonical,
            "onchip_weight_mb": onchip,
            "onchip_kind": kind,
            "weight_link": link,
            "weight_link_gbps": gbps,
            "batch_reuse": reuse,
            "array_rows": rows.astype("Int64"),
            "array_cols": cols.astype("Int64"),
            "source": col["source"].astype("string"),
            "_file": name,
            "_line": lines,
        }
    )
    problems += duplicate_keys(frame, ["platform"], file_col="_file", line_col="_line", what="platform")
    if problems:
        raise InputError(problems)
    return frame.drop(columns=["_file", "_line"]).reset_index(drop=True)


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
