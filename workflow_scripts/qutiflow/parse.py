"""Vectorised parsing of text cells into checked numbers, collecting every problem."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import Problem

_THOUSANDS = r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$"

#: the largest value of a whole-number column (batch, a line number, a sample index):
#: every cell is read as float64, which holds each whole number up to 2^53 exactly and
#: merges neighbours above it (9007199254740993 reads as ...992); well inside int64
WHOLE_MAX = 2**53 - 1
_TOO_LARGE = (
    f"out of range: must be at most {WHOLE_MAX} (2^53 - 1: larger whole numbers are not read exactly)"
)
_TOO_LARGE_FIX = "a value this large is a slip (a misplaced exponent, another column's value): check the cell"


@dataclass(frozen=True)
class Rule:
    """What a numeric column must hold. ``what`` names the unit for the fix text."""

    what: str
    minimum: float | None = None  # inclusive unless strict
    strict: bool = False
    maximum: float | None = None  # inclusive
    integer: bool = False
    percent_sign: bool = False  # accept a trailing % (the value is then the number before it)


POSITIVE_MS = Rule("a positive number of milliseconds", minimum=0, strict=True)
POSITIVE_FPS = Rule("a positive number of frames per second", minimum=0, strict=True)
PERCENT = Rule("a percentage from 0 to 100", minimum=0, maximum=100, percent_sign=True)
WATTS = Rule("a non-negative number of watts", minimum=0)
POSITIVE_GOP = Rule("a positive number of GOP", minimum=0, strict=True)
BATCH = Rule("a whole number of at least 1", minimum=1, integer=True)
PRUNING = Rule(
    "a share of channels kept, above 0 and at most 100 (e.g. 12.5 or 12.5%)",
    minimum=0,
    strict=True,
    maximum=100,
    percent_sign=True,
)


def numbers(cells: pd.Series, rule: Rule) -> tuple[pd.Series, pd.Series]:
    """Parse text cells into float64; return (values, bad-text mask). Empty → NaN, not bad.

    >>> v, bad = numbers(pd.Series(["1,234.5", "12.50%", "", "x"]), PERCENT)
    >>> v.tolist()[:2], bad.tolist()
    ([1234.5, 12.5], [False, False, False, True])
    """
    text = cells.astype("string").str.strip()
    lone_sign = pd.Series(False, index=text.index)
    if rule.percent_sign:
        lone_sign = (text == "%").fillna(False).astype(bool)
        text = text.str.removesuffix("%").str.strip().where(~lone_sign, "%")
    thousands = text.str.match(_THOUSANDS).fillna(False).astype(bool)
    text = text.where(~thousands, text.str.replace(",", "", regex=False))
    empty = text.fillna("") == ""
    values = pd.to_numeric(text.where(~empty, None), errors="coerce").astype("float64")
    bad = (~empty & (values.isna() | ~np.isfinite(values.fillna(0)))).astype(bool)
    return values.where(~bad, np.nan), bad


def out_of_range(values: pd.Series, rule: Rule) -> pd.Series:
    """Mask of present values that break the rule's bounds or integrality."""
    v = values
    mask = pd.Series(False, index=v.index)
    present = v.notna()
    if rule.minimum is not None:
        mask |= present & ((v <= rule.minimum) if rule.strict else (v < rule.minimum))
    if rule.maximum is not None:
        mask |= present & (v > rule.maximum)
    if rule.integer:
        mask |= present & (v != np.floor(v.fillna(0)))
    return mask


def too_large(values: pd.Series, rule: Rule) -> pd.Series:
    """Mask of the values of a whole-number rule beyond :data:`WHOLE_MAX` either way.

    >>> too_large(pd.Series([2.0**53 - 1, 2.0**53, -1e30, 1e30]), BATCH).tolist()
    [False, True, True, True]
    """
    if not rule.integer:
        return pd.Series(False, index=values.index)
    return (values.abs() > WHOLE_MAX).fillna(False).astype(bool)


def parse_column(
    cells: pd.Series, lines: pd.Series, rule: Rule, *, file: str, column: str
) -> tuple[pd.Series, list[Problem]]:
    """Parse and range-check one column; problems name file, line, column and value."""
    values, bad = numbers(cells, rule)
    problems = [
        Problem(file, int(ln), column, v, "is not a number", f"write {rule.what}")
        for v, ln in zip(cells[bad], lines[bad])
    ]
    off = out_of_range(values, rule)
    for v, ln in zip(cells[off], lines[off]):
        problems.append(Problem(file, int(ln), column, v, _range_message(rule), f"write {rule.what}"))
    big = too_large(values, rule) & ~off
    for v, ln in zip(cells[big], lines[big]):
        problems.append(Problem(file, int(ln), column, v, _TOO_LARGE, f"write {rule.what}; {_TOO_LARGE_FIX}"))
    return values.where(~(off | big), np.nan), problems


def _range_message(rule: Rule) -> str:
    parts = []
    if rule.integer:
        parts.append("must be a whole number")
    if rule.minimum is not None:
        parts.append(f"must be {'above' if rule.strict else 'at least'} {rule.minimum:g}")
    if rule.maximum is not None:
        parts.append(f"must be at most {rule.maximum:g}")
    return "out of range: " + ", ".join(parts)
