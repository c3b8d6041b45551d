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
    return {
        v: alt.param(
            name=f"{prefix}_{v.lower().replace('-', '_')}",
            value=True,
            bind=alt.binding_checkbox(name=f"{v} "),
        )
        for v in values
    }


def shown(field: str, checks: dict[str, alt.Parameter]) -> str:
    """A filter expression that keeps rows whose ``field`` has its checkbox checked."""
    return " || ".join(f"(datum.{field} == '{v}' && {p.name})" for v, p in checks.items())


def log_extent(values: pd.Series, *, pad: float = 1.3) -> list[float]:
    """The positive values' range widened by the factor ``pad`` at both ends: a log axis
    that ends just past the data rather than at the next whole decade; [1, 10] when there
    is nothing to show.

    >>> log_extent(pd.Series([18.0, 560.0]), pad=2)
    [9.0, 1120.0]
    """
    v = values[values > 0]
    if v.empty:
        return [1.0, 10.0]
    return [float(v.min()) / pad, float(v.max()) * pad]


#: mantissas of the ticks of a log axis, by the number of decades it spans (or, given its
#: length, by the pixels per decade: at least the first number)
LOG_MANTISSAS = ((1.5, (1, 2, 3, 5)), (4.5, (1, 2, 5)), (8.5, (1,)))
LOG_MANTISSAS_PX = ((240.0, (1, 2, 3, 5)), (110.0, (1, 2, 5)), (40.0, (1,)))


def log_ticks(lo: float, hi: float, *, length: float | None = None) -> list[float]:
    """Tick values for a log axis from ``lo`` to ``hi``: 1-2-3-5 per decade on a short
    axis, 1-2-5 up to four and a half decades, whole decades up to eight, every other
    decade beyond, so that labels never run together ('2,0003,000'). With the axis'
    ``length`` in pixels the choice follows the pixels per decade instead.

    >>> log_ticks(30, 700)
    [30.0, 50.0, 100.0, 200.0, 300.0, 500.0]
    >>> log_ticks(30, 20000)
    [50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0, 20000.0]
    >>> log_ticks(30, 20000, length=260)
    [100.0, 1000.0, 10000.0]
    >>> log_ticks(0.5, 2e6)
    [1.0, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0]
    >>> log_ticks(1e-3, 1e9)[:3]
    [0.001, 0.1, 10.0]
    """
    if not (lo > 0 and hi > lo):
        return []
    decades = math.log10(hi / lo)
    mantissas, step = (1,), 2
    if length is None:
        table, measure = LOG_MANTISSAS, decades
        fits = lambda limit: measure <= limit  # noqa: E731
    else:
        table, measure = LOG_MANTISSAS_PX, length / decades
        fits = lambda limit: measure >= limit  # noqa: E731
    for limit, m in table:
        if fits(limit):
            mantissas, step = m, 1
            break
    first, last = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    ticks = [
        float(f"{m * 10.0**e:.12g}")
        for e in range(first, last + 1)
        for m in mantissas
        if (e - first) % step == 0
    ]
    return [t for t in ticks if lo * (1 - 1e-9) <= t <= hi * (1 + 1e-9)]


def spread(targets: list[float], *, gap: float, lo: float, hi: float) -> list[float]:
    """Positions as close as possible to ``targets`` (pixels along an axis), at least
    ``gap`` apart and inside [``lo``, ``hi``]: labels that would overlap are pushed apart
    symmetrically around their targets; the result is in the order of ``targets``.
    When they cannot all fit, the gap shrinks to fit.

    >>> spread([10.0, 12.0, 50.0], gap=10, lo=0, hi=100)
    [6.0, 16.0, 50.0]
    >>> spread([0.0, 1.0], gap=10, lo=0, hi=100)
    [0.0, 10.0]
    """
    n = len(targets)
    if n == 0:
        return []
    gap = min(gap, (hi - lo) / max(n - 1, 1))
    order = sorted(range(n), key=lambda i: (targets[i], i))
    groups: list[list[int]] = []  # runs of labels (indices into order) placed side by side

    def start(group: list[int]) -> float:
        centre = sum(targets[order[k]] for k in group) / len(group)
        width = gap * (len(group) - 1)
        return min(max(centre - width / 2, lo), hi - width)

    for k in range(n):
        groups.append([k])
        while len(groups) > 1 and start(groups[-2]) + gap * len(groups[-2]) > start(groups[-1]) + 1e-9:
            last = groups.pop()
            groups[-1].extend(last)
    out = [0.0] * n
    for group in groups:
        s = start(group)
        for j, k in enumerate(group):
            out[order[k]] = round(float(s + j * gap), 3)
    return out


#: tick labels of a log axis: SI suffixes from a thousand on (2k, 10M), plain below (0.05)
LOG_LABELS = "datum.value >= 1000 ? format(datum.value, '~s') : format(datum.value, ',~g')"


def log_axis(domain: list[float], *, length: float | None = None, **kwargs) -> alt.Axis:
    """An axis for a log scale over ``domain`` (``length`` pixels long, if known) with
    :func:`log_ticks` and short labels."""
    return alt.Axis(values=log_ticks(*domain, length=length), labelExpr=LOG_LABELS, **kwargs)


def stacked(frame: pd.DataFrame, keys: list[str], *, size: float, step: float) -> pd.DataFrame:
    """``frame`` with a marker area ``size`` per row: rows that coincide on ``keys`` (the
    same x and y) get ``size``, ``size + step``, … in row order, and come back largest
    first, so that each is drawn as a ring around the ones above it and none hides another.

    >>> f = pd.DataFrame({"x": [1, 1, 2], "y": [5, 5, 5], "p": ["a", "b", "c"]})
    >>> stacked(f, ["x", "y"], size=70, step=90)[["p", "size"]].values.tolist()
    [['b', 160.0], ['a', 70.0], ['c', 70.0]]
    """
    rank = frame.groupby(keys, sort=False, dropna=False).cumcount()
    out = frame.assign(size=size + step * rank.astype(float))
    return out.sort_values("size", ascending=False, kind="stable").reset_index(drop=True)
