"""Box plots of the measured analysis, drawn from pre-aggregated statistics
(:func:`qutiflow.measured.boxplot_stats`): a panel per network, in it a group of boxes
per hardware, one box per pruning level."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .scales import log_axis, log_extent, ordered
from .theme import colours_for

#: box plots: the width of one box [px] and of its slot, the panels' height and the width
#: a row of panels fills before the next row starts
BOX_PX = 12
BOX_SLOT_PX = 17
BOX_HEIGHT = 220
BOX_ROW_PX = 1100
#: panels of a box plot: each its own slots (x), one shared log axis (y)
_X_INDEPENDENT = alt.Resolve(scale=alt.ScaleResolveMap(x="independent"))


def boxplot_chart(
    stats: pd.DataFrame, *, value_title: str, title: str, order: list[str] | None = None
) -> alt.VConcatChart:
    """Box plots drawn from pre-aggregated statistics: a whisker from min to max, a box
    from q1 to q3 and a tick at the median, a panel per network (so that a box never
    mixes networks), in it a group per hardware (platform and datatype) of one box per
    pruning level it was measured at, coloured by pruning and labelled under its middle;
    one log axis shared by every panel, each panel only as wide as its boxes, panels
    packed into rows.

    The chart holds one table (:func:`box_rows`: the boxes and the group names of every
    panel); each panel draws its network's rows by a filter, so that the spec and the
    work of building it do not grow with a copy of the data per panel.

    ``stats`` (:func:`qutiflow.measured.boxplot_stats`) needs topology, hardware
    ('TX2-maxn FP16'), pruning_pct, min, q1, median, q3, max and n. Networks appear in row
    order; hardware in ``order`` (:func:`qutiflow.figures.theme.hardware_order`: the
    platform part of the label), then row order; prunings in ascending numeric order."""
    s = stats[["topology", "hardware", "pruning_pct", "min", "q1", "median", "q3", "max", "n"]]
    prunings = sorted(ordered(s["pruning_pct"]))
    hardware = ordered(s["hardware"])
    if order is not None:
        rank = {h: i for i, h in enumerate(order)}
        hardware = sorted(
            hardware, key=lambda h: (rank.get(h.rsplit(" ", 1)[0], len(rank)), hardware.index(h))
        )
    table, slots = box_rows(s, hardware)
    y_dom = log_extent(pd.concat([s["min"], s["max"]]), pad=1.2)
    colour = (
        alt.Color("pruning_pct:O")
        .scale(colours_for(prunings))
        .sort(prunings)
        .title(["Pruning", "[% of channels kept]"])
        .legend(symbolType="square")
    )
    y_scale = alt.Scale(type="log", domain=y_dom, nice=False)
    y_axis = log_axis(y_dom, length=BOX_HEIGHT)
    rows: list[list[alt.LayerChart]] = []
    used = 0.0
    for topology, mine in slots.items():
        width = BOX_SLOT_PX * len(mine) + 60  # boxes, gaps, the axis
        if not rows or used + width > BOX_ROW_PX:
            rows.append([])
            used = 0.0
        # the value axis is titled once per row, on its first panel
        rows[-1].append(
            _box_panel(topology, mine, colour, y_scale, y_axis, value_title if not rows[-1] else None)
        )
        used += width
    return alt.VConcatChart(
        data=table,
        spacing=24,
        resolve=_X_INDEPENDENT,
        title=title,
        vconcat=[alt.HConcatChart(hconcat=row, spacing=16, resolve=_X_INDEPENDENT) for row in rows],
    )


def box_rows(stats: pd.DataFrame, hardware: list[str]) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """The rows a box plot draws, and each network's slots in order.

    Per network (topology, in row order) a slot per hardware × pruning measured
    ('TX2-maxn FP16 · 100%'), the groups of one hardware in the order of ``hardware``,
    prunings ascending, a blank slot (one space more per gap) between groups. Rows:
    ``kind`` 'box' (the statistics of one slot, in the order of ``stats``) and 'name'
    (a group's name: ``slot`` is the group's middle slot, ``even`` whether the group has
    an even number of boxes, so that the name sits on the slot's left edge rather than
    its centre).

    >>> s = pd.DataFrame({"topology": ["N", "N", "N"], "hardware": ["A", "B", "A"],
    ...                   "pruning_pct": [100.0, 100.0, 50.0], "min": 1.0, "q1": 2.0,
    ...                   "median": 3.0, "q3": 4.0, "max": 5.0, "n": 3})
    >>> table, slots = box_rows(s, ["B", "A"])
    >>> slots
    {'N': ['B · 100%', ' ', 'A · 50%', 'A · 100%']}
    >>> table.loc[table["kind"] == "name", ["hardware", "slot", "even"]].values.tolist()
    [['B', 'B · 100%', False], ['A', 'A · 100%', True]]
    """
    boxes, names = [], []
    slots: dict[str, list[str]] = {}
    for topology in ordered(stats["topology"]):
        part = stats.loc[stats["topology"] == topology]
        part = part.assign(slot=part["hardware"] + " · " + part["pruning_pct"].map(lambda p: f"{p:g}%"))
        mine, group_names = _network_slots(topology, part, hardware)
        names += group_names
        boxes.append(part)  # in row order: the order the marks are drawn in
        slots[str(topology)] = mine
    return _box_table(boxes, names), slots


def _network_slots(topology, part: pd.DataFrame, hardware: list[str]) -> tuple[list[str], list[dict]]:
    """One network's slots (its hardware groups in the order of ``hardware``, prunings
    ascending, a blank slot between groups) and a 'name' row per group."""
    mine: list[str] = []
    names = []
    for i, h in enumerate(h for h in hardware if h in set(part["hardware"])):
        if i:
            mine.append(" " * i)  # a gap between groups, a slot no box fills
        group = part.loc[part["hardware"] == h].sort_values("pruning_pct", kind="stable")
        k = len(group)
        # the name sits under the group's middle: a slot's centre (odd) or left edge (even)
        names.append(
            {
                "topology": topology,
                "kind": "name",
                "hardware": h,
                "slot": group["slot"].iloc[k // 2],
                "even": k % 2 == 0,
            }
        )
        mine.extend(group["slot"])
    return mine, names


#: the columns of :func:`box_rows`'s table
BOX_COLUMNS = [
    "topology",
    "kind",
    "hardware",
    "slot",
    "pruning_pct",
    "min",
    "q1",
    "median",
    "q3",
    "max",
    "n",
    "even",
]


def _box_table(boxes: list[pd.DataFrame], names: list[dict]) -> pd.DataFrame:
    """The 'box' rows (each network's statistics) then the 'name' rows, as one typed table."""
    parts = [b.assign(kind="box") for b in boxes] + [pd.DataFrame(names)]
    parts = [p for p in parts if len(p)] or [pd.DataFrame(columns=BOX_COLUMNS)]
    table = pd.concat(parts, ignore_index=True).reindex(columns=BOX_COLUMNS)
    return table.astype(
        {
            "topology": "string",
            "kind": "string",
            "hardware": "string",
            "slot": "string",
            "n": "Int64",
            "even": "boolean",
        }
    )


def _box_panel(
    topology: str,
    slots: list[str],
    colour: alt.Color,
    y_scale: alt.Scale,
    y_axis: alt.Axis,
    value_title: str | None,
) -> alt.LayerChart:
    """One network's boxes and group names, from the rows of ``topology``."""
    x = alt.X("slot:N").scale(domain=slots, paddingInner=0.15, paddingOuter=0.3).axis(None)
    y = dict(scale=y_scale, axis=y_axis, title=value_title)
    mine = alt.datum.topology == topology
    base = alt.Chart().encode(x=x).transform_filter(mine & (alt.datum.kind == "box"))
    whisker = base.mark_rule(strokeWidth=1.5).encode(y=alt.Y("min:Q", **y), y2=alt.Y2("max"), color=colour)
    box = base.mark_bar(size=BOX_PX, stroke="#444444", strokeWidth=0.5).encode(
        y=alt.Y("q1:Q", **y),
        y2=alt.Y2("q3"),
        color=colour,
        tooltip=[
            alt.Tooltip("hardware:N"),
            alt.Tooltip("pruning_pct:O", title="pruning [%]"),
            alt.Tooltip("n:Q", title="measurements"),
            alt.Tooltip("min:Q", format=".4~g"),
            alt.Tooltip("q1:Q", format=".4~g"),
            alt.Tooltip("median:Q", format=".4~g"),
            alt.Tooltip("q3:Q", format=".4~g"),
            alt.Tooltip("max:Q", format=".4~g"),
        ],
    )
    median = base.mark_tick(color="black", size=BOX_PX, thickness=2).encode(y=alt.Y("median:Q", **y))
    text = dict(angle=320, align="right", baseline="middle", fontSize=11, color="#333333")
    labels = [
        alt.Chart()
        .mark_text(**text)
        .encode(
            x=alt.X("slot:N", bandPosition=0.0 if even else 0.5).scale(domain=slots),
            y=alt.YValue(BOX_HEIGHT + 8),
            text=alt.Text("hardware:N"),
        )
        .transform_filter(mine & (alt.datum.kind == "name") & (alt.datum.even == even))
        for even in (False, True)
    ]
    return alt.LayerChart(
        layer=[whisker, box, median, *labels],
        width=alt.Step(BOX_SLOT_PX),
        height=BOX_HEIGHT,
        title=alt.TitleParams(topology, fontSize=12, anchor="middle"),
    )
