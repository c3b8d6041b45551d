"""The house look: one theme, fixed colour orders, display names."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..tasks import platform_label
from ..vocabulary import DATATYPES as VOCABULARY_DATATYPES

#: fixed categorical palette: Tableau 10, then ten more distinct colours; colours are
#: assigned in catalogue order, never at random
PALETTE = [
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
    "#1b1b1b",
    "#17becf",
    "#a0cbe8",
    "#b6992d",
    "#d37295",
    "#8cd17d",
    "#79706e",
    "#ffbe7d",
    "#499894",
    "#d4a6c8",
]
FAMILY_COLOURS = {
    "FPGA": "#4e79a7",
    "GPU": "#59a14f",
    "TPU": "#f28e2b",
    "VPU": "#b07aa1",
    "CPU": "#e15759",
    "other": "#7f7f7f",
}
DATATYPES = list(VOCABULARY_DATATYPES)
#: line dash per datatype: the most common (INT8) solid, the others clearly apart even
#: in thin lines
DATATYPE_DASHES = {"INT2": [4, 2], "INT4": [9, 3], "INT8": [1, 0], "FP16": [8, 3, 2, 3], "FP32": [2, 2]}
#: one hue per network topology, dark to light for its pruning levels (100 % darkest), so
#: that a topology's prunings read as one family and still differ
NETWORK_RAMPS = [
    ["#1f4e79", "#2e75b6", "#6fa8dc", "#a9cce3"],
    ["#a0522d", "#e6730f", "#f5a35c", "#f9c99a"],
    ["#8b1a1a", "#d62728", "#ec7063", "#f5b7b1"],
    ["#145a32", "#27ae60", "#7dcea0", "#b9e4c9"],
    ["#4a235a", "#8e44ad", "#bb8fce", "#d7bde2"],
    ["#0e6655", "#17a589", "#76d7c4", "#a3e4d7"],
    ["#7d6608", "#b7950b", "#f1c40f", "#f7dc6f"],
    ["#4e342e", "#8d6e63", "#bcaaa4", "#d7ccc8"],
    ["#222222", "#555555", "#888888", "#bbbbbb"],
]
PREDICTED_COLOUR = "#FFA500"
MEASURED_COLOUR = "#0066CC"
THEME = "qutiflow"


@alt.theme.register(THEME, enable=True)
def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            # Liberation Sans is built into vl-convert (metric-compatible with Arial, which
            # browsers without it use): measured, figure jobs 46.6 -> 29.4 s CPU against
            # DejaVu Sans, which vl-convert 1.9 reopens from disk for every glyph
            "font": "Liberation Sans, Arial, Helvetica, sans-serif",
            "title": {"fontSize": 15, "anchor": "start", "offset": 12},
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "grid": True, "gridColor": "#e6e6e6"},
            # numbers that would touch are dropped (greedy), never drawn run together
            # ('2,0003,000'); names on a discrete axis all stay
            "axisQuantitative": {"labelOverlap": "greedy", "labelSeparation": 6},
            "legend": {"labelFontSize": 11, "titleFontSize": 12, "labelLimit": 260},
            "view": {"stroke": "#bbbbbb"},
        }
    }


def colours_for(labels: list[str], order: list[str] | None = None) -> alt.Scale:
    """A colour scale that gives ``labels`` (in this order) fixed palette colours.

    With ``order`` (e.g. :func:`hardware_order` of the whole catalogue), a label takes
    the colour of its place in ``order``, so that it keeps one colour in every chart
    whichever other labels a chart shows; labels missing from ``order`` come after it."""
    return alt.Scale(domain=list(labels), range=palette_for(labels, order))


def palette_for(labels: list[str], order: list[str] | None = None) -> list[str]:
    """The colours of :func:`colours_for`. A label whose colour another label of the same
    chart already has (``order`` longer than the palette) takes the next free one; only a
    chart with more labels than :data:`PALETTE` has colours repeats one.

    >>> palette_for(["b", "a"], ["a", "b"]) == [PALETTE[1], PALETTE[0]]
    True
    >>> len(set(palette_for(["x0", "x20"], [f"x{i}" for i in range(21)])))
    2
    """
    order = list(labels) if order is None else list(order)
    known = set(order)
    order += [v for v in labels if v not in known]
    place = {v: i for i, v in enumerate(order)}
    taken: set[int] = set()
    out = []
    for v in labels:
        slot = place[v] % len(PALETTE)
        if len(taken) < len(PALETTE):
            while slot in taken:
                slot = (slot + 1) % len(PALETTE)
        taken.add(slot)
        out.append(PALETTE[slot])
    return out


def hardware_order(platforms: pd.DataFrame) -> list[str]:
    """Every hardware label ('TX2-maxn': platform and op mode) of a catalogue, by family
    (FPGA, GPU, TPU, VPU, CPU, other), then in catalogue order: the order that gives each
    platform its colour in every chart of a run.

    ``platforms`` needs platform, op_mode and family.

    >>> hardware_order(pd.DataFrame({"platform": ["TX2", "NCS2", "ZCU104-FINN", "TX2"],
    ...                              "op_mode": ["maxn", None, None, "maxq"],
    ...                              "family": ["GPU", "VPU", "FPGA", "GPU"]}))
    ['ZCU104-FINN', 'TX2-maxn', 'TX2-maxq', 'NCS2']
    """
    labels = platform_label(platforms["platform"], platforms["op_mode"])
    first = pd.DataFrame({"label": labels, "family": platforms["family"].astype("string")}).drop_duplicates(
        "label"
    )
    rank = {f: i for i, f in enumerate(FAMILY_COLOURS)}
    key = first["family"].map(lambda f: rank.get(f, len(rank))).astype(int)
    return [str(v) for v in first.assign(rank=key).sort_values("rank", kind="stable")["label"]]


def network_colours(topologies: list[str], prunings: list[list[float]]) -> tuple[list[str], list[str]]:
    """Labels ('ResNet-50 80%') and colours of networks: topology ``i`` takes ramp ``i``
    of :data:`NETWORK_RAMPS`, its prunings (``prunings[i]``) its shades from the least
    pruned down. A topology with more prunings than shades reuses the lightest.

    >>> network_colours(["CNV", "MLP"], [[100.0, 50.0], [12.5]])[0]
    ['CNV 100%', 'CNV 50%', 'MLP 12.5%']
    """
    labels, colours = [], []
    for i, (topology, levels) in enumerate(zip(topologies, prunings)):
        ramp = NETWORK_RAMPS[i % len(NETWORK_RAMPS)]
        for j, p in enumerate(sorted(levels, reverse=True)):
            labels.append(f"{topology} {p:g}%")
            colours.append(ramp[min(j, len(ramp) - 1)])
    return labels, colours
