"""Orders, log domains and checkbox toggles shared by the chart builders."""
from __future__ import annotations

import math
from collections.abc import Iterable

import altair as alt
import pandas as pd


def ordered(values: pd.Series) -> list:
    """Distinct non-missing values in order of first appearance (the catalogue order).

    >>> ordered(pd.Series(["TX2-maxn", "NCS2", None, "TX2-maxn"]))
    ['TX2-maxn', 'NCS2']
    """
    return list(dict.fromkeys(values.dropna().tolist()))


def in_order(values: pd.Series, order: Iterable[str]) -> list[str]:
    """The distinct values present, in a fixed ``order``, unknown ones after them.

    >>> in_order(pd.Series(["FP16", "X", "INT8"]), ["INT8", "FP16"])
    ['INT8', 'FP16', 'X']
    """
    present = ordered(values.astype("string"))
    order = list(order)
    return [v for v in order if v in present] + [v for v in present if v not in order]


def decade_floor(v: float) -> float:
    return 10.0 ** math.floor(math.log10(v))


def decade_ceil(v: float) -> float:
    return 10.0 ** math.ceil(math.log10(v))


def log_domain(values: pd.Series, *, headroom: float = 1.5) -> list[float]:
    """Whole decades around the positive values, with ``headroom`` × the maximum inside
    (room for a label after the longest bar); [1, 10] when there is nothing to show. Also
    the base of log-scale bars, which Vega-Lite needs explicitly.

    >>> log_domain(pd.Series([76.0, 100.0, 300.0]), headroom=5)
    [10.0, 10000.0]
    >>> log_domain(pd.Series([], dtype=float))
    [1.0, 10.0]
    """
    v = values[values > 0]
    if v.empty:
        return [1.0, 10.0]
    return [decade_floor(float(v.min()) * 0.9), decade_ceil(float(v.max()) * headroom)]


def toggles(values: list[str], prefix: str) -> dict[str, alt.Parameter]:
    """One checkbox per value, checked by default; unchecking hides, checking restores."""
    return {v: alt.param(name=f"{prefix}_{v.lower().replace('-', '_')}", value=True,
                         bind=alt.binding_checkbox(name=f"{v} "))
            for v in values}


def shown(field: str, checks: dict[str, alt.Parameter]) -> str:
    """A filter expression that keeps rows whose ``field`` has its checkbox checked."""
    return " || ".join(f"(datum.{field} == '{v}' && {p.name})" for v, p in checks.items())
