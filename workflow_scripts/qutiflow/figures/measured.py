"""Charts of the measured analysis: design-space pareto, overlapped measured-vs-predicted
pareto, efficiency bars, latency versus throughput, box plots, per-config bars and power
traces. Builders take tidy frames (empty ones included), return Altair charts."""
from __future__ import annotations

import altair as alt
import pandas as pd

from ..tasks import pruning_label
from .scales import decade_floor, in_order, log_axis, log_extent, ordered, shown, stacked, toggles
from .theme import DATATYPE_DASHES, DATATYPES, FAMILY_COLOURS, MEASURED_COLOUR, PREDICTED_COLOUR, colours_for

PARETO_SIZE = (600, 480)
#: the efficiency chart's bars, top to bottom within a config, and their colours
BAR_TYPES = ["predicted", "measured", "peak"]
BAR_COLOURS = [PREDICTED_COLOUR, MEASURED_COLOUR, "#9e9e9e"]
#: pixels per config in the efficiency chart (three bars) and per bar in the bar chart
EFFICIENCY_ROW_PX = 30
BAR_ROW_PX = 18
#: legend entries per column before the latency chart's legend wraps
LEGEND_ROWS = 26


def _in_order(labels: list[str], order: list[str] | None) -> list[str]:
    """``labels`` in the place they have in ``order`` (the unknown ones after)."""
    if order is None:
        return labels
    present = set(labels)
    return [v for v in order if v in present] + [v for v in labels if v not in set(order)]


def design_pareto_chart(points: pd.DataFrame, front: pd.DataFrame, *, title: str,
                        order: list[str] | None = None) -> alt.LayerChart:
    """Measured fps (log) against top-1 for every configuration's best point, coloured by
    platform and shaped by datatype, with the strict pareto front as a blue line. The x
    axis ends just past the data; points that coincide are drawn as rings around each
    other.

    ``points`` and ``front`` need config_key, platform_label, datatype, batch,
    throughput_compute_fps and top1_pct (topology and pruning_pct may be present; they
    are not drawn). ``front`` is the subset on the front. ``order``
    (:func:`qutiflow.figures.theme.hardware_order`) fixes each platform's colour."""
    cols = ["config_key", "platform_label", "datatype", "batch", "throughput_compute_fps",
            "top1_pct"]
    pts, fr = points[cols], front[cols]
    domain = log_extent(pts["throughput_compute_fps"])
    x = alt.X("throughput_compute_fps:Q").scale(type="log", domain=domain, nice=False).axis(
        log_axis(domain)).title("Measured throughput [fps]")
    y = alt.Y("top1_pct:Q").scale(zero=False).title("Top-1 accuracy [%]")
    tooltip = [alt.Tooltip("config_key:N", title="config"), alt.Tooltip("batch:Q"),
               alt.Tooltip("throughput_compute_fps:Q", title="throughput [fps]", format=",.1f"),
               alt.Tooltip("top1_pct:Q", title="top-1 [%]")]
    hardware = _in_order(ordered(pts["platform_label"]), order)
    dtypes = in_order(pts["datatype"], DATATYPES)
    dots = alt.Chart(stacked(pts, ["throughput_compute_fps", "top1_pct"], size=70, step=110)
                     ).mark_point(filled=True, opacity=0.85).encode(
        x=x, y=y,
        color=alt.Color("platform_label:N").scale(colours_for(hardware, order)).sort(hardware)
        .title("Hardware"),
        shape=alt.Shape("datatype:N").sort(dtypes).scale(domain=dtypes).title("Datatype"),
        size=alt.Size("size:Q").scale(None), tooltip=tooltip)
    line = alt.Chart(fr).mark_line(
        color=MEASURED_COLOUR, strokeWidth=2,
        point=alt.OverlayMarkDef(filled=False, color=MEASURED_COLOUR, size=140, strokeWidth=2),
    ).encode(x=x, y=y, order="throughput_compute_fps:Q", tooltip=tooltip)
    return alt.layer(dots, line).properties(width=PARETO_SIZE[0], height=PARETO_SIZE[1],
                                            title=title)


def overlapped_pareto_chart(points: pd.DataFrame, *, title: str,
                            order: list[str] | None = None) -> alt.LayerChart:
    """Measured (crosses) and predicted (circles) points of the paired configurations,
    coloured by platform, with each type's pareto front as a line (measured blue,
    predicted orange); one checkbox per hardware family hides and restores its points.
    The x axis ends just past the data.

    ``points`` needs config_key, platform_label, family, type ('measured' or
    'predicted'), fps, top1_pct and is_front (on the front of its own type). The family
    must not be missing (a row whose family has no checkbox is never shown). ``order``
    (:func:`qutiflow.figures.theme.hardware_order`) fixes each platform's colour."""
    pts = points[["config_key", "platform_label", "family", "type", "fps", "top1_pct",
                  "is_front"]]
    fam = toggles(in_order(pts["family"], FAMILY_COLOURS), "show")
    domain = log_extent(pts["fps"])
    x = alt.X("fps:Q").scale(type="log", domain=domain, nice=False).axis(log_axis(domain)).title(
        "Throughput [fps]")
    y = alt.Y("top1_pct:Q").scale(zero=False).title("Top-1 accuracy [%]")
    base = alt.Chart(pts).encode(x=x, y=y)
    hardware = _in_order(ordered(pts["platform_label"]), order)
    dots = base.mark_point(filled=True, size=100, opacity=0.85).encode(
        color=alt.Color("platform_label:N").scale(colours_for(hardware, order)).sort(hardware)
        .title("Hardware"),
        shape=alt.Shape("type:N").scale(domain=["measured", "predicted"],
                                        range=["cross", "circle"]).title("Point type"),
        tooltip=[alt.Tooltip("config_key:N", title="config"), alt.Tooltip("platform_label:N",
                                                                          title="hardware"),
                 alt.Tooltip("type:N"), alt.Tooltip("fps:Q", title="throughput [fps]",
                                                    format=",.1f"),
                 alt.Tooltip("top1_pct:Q", title="top-1 [%]")])
    if fam:
        dots = dots.transform_filter(shown("family", fam))
    lines = base.mark_line(strokeWidth=2).encode(
        color=alt.Color("type:N").scale(domain=["measured", "predicted"],
                                        range=[MEASURED_COLOUR, PREDICTED_COLOUR])
        .title("Pareto front"),
        order="fps:Q",
    ).transform_filter("datum.is_front === true")
    return alt.layer(lines, dots).resolve_scale(color="independent").add_params(
        *fam.values()).properties(width=PARETO_SIZE[0], height=PARETO_SIZE[1], title=title)


def efficiency_chart(eff: pd.DataFrame, *, title: str) -> alt.LayerChart:
    """Per configuration, horizontal log bars of predicted, measured and theoretical peak
    fps, with the efficiency (measured ÷ predicted) printed after the measured bar.

    ``eff`` needs config_key, measured_fps, predicted_fps, peak_fps and efficiency_pct
    (platform_label and family may be present; they are not drawn). Configs are drawn in
    row order; a missing or non-positive fps has no bar, a missing efficiency no label."""
    keys = ordered(eff["config_key"])
    long = eff[["config_key", "predicted_fps", "measured_fps", "peak_fps"]].melt(
        id_vars="config_key", var_name="type", value_name="fps")
    long["type"] = long["type"].str.removesuffix("_fps")
    labels = {k: (f"{round(float(v), 1)}%" if pd.notna(v) else None)
              for k, v in zip(eff["config_key"], eff["efficiency_pct"])}
    long["label"] = [labels[k] if t == "measured" else None
                     for k, t in zip(long["config_key"], long["type"])]
    long = long[long["fps"].notna() & (long["fps"] > 0)].reset_index(drop=True)
    # from the decade below the data to just past the longest bar and its label
    lo, hi = log_extent(long["fps"], pad=1.0)
    domain = [decade_floor(lo * 0.9), hi * 2.5]
    base = alt.Chart(long).encode(
        y=alt.Y("config_key:N").sort(keys).title(None).axis(labelLimit=320, grid=False),
        yOffset=alt.YOffset("type:N").sort(BAR_TYPES).scale(domain=BAR_TYPES),
        x=alt.X("fps:Q").scale(type="log", domain=domain, nice=False).axis(log_axis(domain))
        .title("Throughput [fps]"))
    bars = base.mark_bar().encode(
        x2=alt.datum(domain[0]),  # log bars need an explicit base
        color=alt.Color("type:N").scale(domain=BAR_TYPES, range=BAR_COLOURS).title("Throughput"),
        tooltip=[alt.Tooltip("config_key:N", title="config"), alt.Tooltip("type:N"),
                 alt.Tooltip("fps:Q", title="throughput [fps]", format=",.1f")])
    text = base.mark_text(align="left", baseline="middle", dx=3, fontSize=9).encode(
        text="label:N").transform_filter("isValid(datum.label)")
    return alt.layer(bars, text).properties(
        width=560, height=max(60, EFFICIENCY_ROW_PX * len(keys)), title=title)


#: datatypes keep one point shape and line dash in the latency chart
DATATYPE_SHAPES = {"INT2": "circle", "INT4": "square", "INT8": "diamond", "FP16": "triangle-up",
                   "FP32": "cross"}
LATENCY_PANEL = (260, 200)
LATENCY_COLUMNS = 4


def latency_throughput_chart(m: pd.DataFrame, *, title: str, order: list[str] | None = None
                             ) -> alt.FacetChart:
    """Compute latency against compute throughput (log-log, shared axes that end just
    past the data), a panel per network (topology and pruning), in each a line with
    points per configuration over its batch sizes: colour = platform, point shape and
    line dash = datatype, so that no two lines of a panel look alike. Clicking legend
    entries highlights those platforms (shift-click for several), the others turn light
    grey.

    ``m`` needs config_key, platform_label, datatype, topology, pruning_pct, batch,
    latency_compute_ms and throughput_compute_fps. ``order``
    (:func:`qutiflow.figures.theme.hardware_order`) fixes each platform's colour."""
    d = m[["config_key", "platform_label", "datatype", "topology", "pruning_pct", "batch",
           "latency_compute_ms", "throughput_compute_fps"]]
    d = d.assign(network=(d["topology"].astype("string") + " "
                          + pruning_label(d["pruning_pct"]) + "%")).drop(
        columns=["topology", "pruning_pct"])
    # panels: networks in order of first appearance, prunings of one topology descending
    first = {t: i for i, t in enumerate(ordered(m["topology"].astype("string")))}
    keys = m.assign(t=m["topology"].astype("string").map(first), p=-m["pruning_pct"])
    panels = ordered(d.assign(t=keys["t"].to_numpy(), p=keys["p"].to_numpy()).sort_values(
        ["t", "p"], kind="stable")["network"])
    hardware = _in_order(ordered(d["platform_label"]), order)
    dtypes = in_order(d["datatype"], DATATYPES)
    pick = alt.selection_point(name="pick", fields=["platform_label"], bind="legend")
    colour = alt.Color("platform_label:N").scale(colours_for(hardware, order)).sort(hardware) \
        .title("Hardware").legend(symbolLimit=0)
    x_dom = log_extent(d["latency_compute_ms"], pad=1.2)
    y_dom = log_extent(d["throughput_compute_fps"], pad=1.2)
    return alt.Chart(d).mark_line(
        strokeWidth=1.5, point=alt.OverlayMarkDef(filled=True, size=40)).encode(
        x=alt.X("latency_compute_ms:Q").scale(type="log", domain=x_dom, nice=False).axis(
            log_axis(x_dom, length=LATENCY_PANEL[0])).title("Compute latency [ms]"),
        y=alt.Y("throughput_compute_fps:Q").scale(type="log", domain=y_dom, nice=False).axis(
            log_axis(y_dom, length=LATENCY_PANEL[1])).title("Compute throughput [fps]"),
        color=alt.when(pick).then(colour).otherwise(alt.value("lightgray")),
        opacity=alt.when(pick).then(alt.value(1.0)).otherwise(alt.value(0.4)),
        shape=alt.Shape("datatype:N").scale(
            domain=dtypes, range=[DATATYPE_SHAPES.get(t, "circle") for t in dtypes]).title(
            "Datatype").legend(symbolFillColor="#444444", symbolStrokeColor="#444444"),
        strokeDash=alt.StrokeDash("datatype:N").scale(
            domain=dtypes, range=[DATATYPE_DASHES.get(t, [1, 0]) for t in dtypes]).title(
            "Datatype"),
        detail="config_key:N",
        order="batch:Q",
        tooltip=[alt.Tooltip("config_key:N", title="config"),
                 alt.Tooltip("platform_label:N", title="hardware"), alt.Tooltip("batch:Q"),
                 alt.Tooltip("latency_compute_ms:Q", title="latency [ms]", format=",.3f"),
                 alt.Tooltip("throughput_compute_fps:Q", title="throughput [fps]",
                             format=",.1f")],
    ).add_params(pick).properties(width=LATENCY_PANEL[0], height=LATENCY_PANEL[1]).facet(
        facet=alt.Facet("network:N").sort(panels).title(None).header(
            labelFontSize=12, labelFontWeight="bold"),
        columns=min(LATENCY_COLUMNS, max(1, len(panels))),
    ).properties(title=title)


#: box plots: the width of one box [px] and of its slot, the panels' height and the width
#: a row of panels fills before the next row starts
BOX_PX = 12
BOX_SLOT_PX = 17
BOX_HEIGHT = 220
BOX_ROW_PX = 1100
#: panels of a box plot: each its own slots (x), one shared log axis (y)
_X_INDEPENDENT = alt.Resolve(scale=alt.ScaleResolveMap(x="independent"))


def boxplot_chart(stats: pd.DataFrame, *, value_title: str, title: str,
                  order: list[str] | None = None) -> alt.VConcatChart:
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
        hardware = sorted(hardware, key=lambda h: (rank.get(h.rsplit(" ", 1)[0], len(rank)),
                                                   hardware.index(h)))
    table, slots = box_rows(s, hardware)
    y_dom = log_extent(pd.concat([s["min"], s["max"]]), pad=1.2)
    colour = alt.Color("pruning_pct:O").scale(colours_for(prunings)).sort(prunings).title(
        ["Pruning", "[% of channels kept]"]).legend(symbolType="square")
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
        rows[-1].append(_box_panel(topology, mine, colour, y_scale, y_axis,
                                   value_title if not rows[-1] else None))
        used += width
    return alt.VConcatChart(
        data=table, spacing=24, resolve=_X_INDEPENDENT, title=title,
        vconcat=[alt.HConcatChart(hconcat=row, spacing=16, resolve=_X_INDEPENDENT)
                 for row in rows])


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
        part = part.assign(slot=part["hardware"] + " · " + part["pruning_pct"].map(
            lambda p: f"{p:g}%"))
        mine: list[str] = []
        for i, h in enumerate(h for h in hardware if h in set(part["hardware"])):
            if i:
                mine.append(" " * i)  # a gap between groups, a slot no box fills
            group = part.loc[part["hardware"] == h].sort_values("pruning_pct", kind="stable")
            k = len(group)
            # the name sits under the group's middle: a slot's centre (odd) or left edge (even)
            names.append({"topology": topology, "kind": "name", "hardware": h,
                          "slot": group["slot"].iloc[k // 2], "even": k % 2 == 0})
            mine.extend(group["slot"])
        boxes.append(part)  # in row order: the order the marks are drawn in
        slots[str(topology)] = mine
    columns = ["topology", "kind", "hardware", "slot", "pruning_pct", "min", "q1", "median",
               "q3", "max", "n", "even"]
    parts = [b.assign(kind="box") for b in boxes] + [pd.DataFrame(names)]
    parts = [p for p in parts if len(p)] or [pd.DataFrame(columns=columns)]
    table = pd.concat(parts, ignore_index=True).reindex(columns=columns)
    return table.astype({"topology": "string", "kind": "string", "hardware": "string",
                         "slot": "string", "n": "Int64", "even": "boolean"}), slots


def _box_panel(topology: str, slots: list[str], colour: alt.Color, y_scale: alt.Scale,
               y_axis: alt.Axis, value_title: str | None) -> alt.LayerChart:
    """One network's boxes and group names, from the rows of ``topology``."""
    x = alt.X("slot:N").scale(domain=slots, paddingInner=0.15, paddingOuter=0.3).axis(None)
    y = dict(scale=y_scale, axis=y_axis, title=value_title)
    mine = alt.datum.topology == topology
    base = alt.Chart().encode(x=x).transform_filter(mine & (alt.datum.kind == "box"))
    whisker = base.mark_rule(strokeWidth=1.5).encode(y=alt.Y("min:Q", **y), y2=alt.Y2("max"),
                                                     color=colour)
    box = base.mark_bar(size=BOX_PX, stroke="#444444", strokeWidth=0.5).encode(
        y=alt.Y("q1:Q", **y), y2=alt.Y2("q3"), color=colour,
        tooltip=[alt.Tooltip("hardware:N"), alt.Tooltip("pruning_pct:O", title="pruning [%]"),
                 alt.Tooltip("n:Q", title="measurements"),
                 alt.Tooltip("min:Q", format=".4~g"), alt.Tooltip("q1:Q", format=".4~g"),
                 alt.Tooltip("median:Q", format=".4~g"), alt.Tooltip("q3:Q", format=".4~g"),
                 alt.Tooltip("max:Q", format=".4~g")])
    median = base.mark_tick(color="black", size=BOX_PX, thickness=2).encode(y=alt.Y("median:Q", **y))
    text = dict(angle=320, align="right", baseline="middle", fontSize=11, color="#333333")
    labels = [alt.Chart().mark_text(**text).encode(
        x=alt.X("slot:N", bandPosition=0.0 if even else 0.5).scale(domain=slots),
        y=alt.YValue(BOX_HEIGHT + 8), text=alt.Text("hardware:N")).transform_filter(
        mine & (alt.datum.kind == "name") & (alt.datum.even == even)) for even in (False, True)]
    return alt.LayerChart(
        layer=[whisker, box, median, *labels], width=alt.Step(BOX_SLOT_PX), height=BOX_HEIGHT,
        title=alt.TitleParams(topology, fontSize=12, anchor="middle"))


#: a bar chart whose values span more than this ratio gets a log axis (energy per inference:
#: 0.007 to 240 mJ), so that the small bars stay visible
BAR_LOG_RATIO = 100.0


def bar_chart(values: pd.DataFrame, *, value_title: str, title: str, fmt: str,
              order: list[str] | None = None) -> alt.LayerChart:
    """One horizontal bar per configuration (in row order) coloured by platform, its
    value printed after it with the d3 format ``fmt``; a linear axis from zero, or a log
    axis when the values span more than :data:`BAR_LOG_RATIO`.

    ``values`` needs config_key, platform_label and value (in the unit of
    ``value_title``, e.g. "Energy per inference [mJ]"). ``order``
    (:func:`qutiflow.figures.theme.hardware_order`) fixes each platform's colour."""
    v = values[["config_key", "platform_label", "value"]]
    keys = ordered(v["config_key"])
    positive = v["value"][v["value"] > 0]
    is_log = len(positive) > 0 and float(positive.max()) > BAR_LOG_RATIO * float(positive.min())
    x = alt.X("value:Q").title(value_title)
    extra = {}
    if is_log:
        lo, hi = log_extent(positive, pad=1.0)
        domain = [decade_floor(lo * 0.9), hi * 2.5]
        x = x.scale(type="log", domain=domain, nice=False).axis(log_axis(domain))
        extra = {"x2": alt.datum(domain[0])}  # log bars need an explicit base
    elif len(positive):
        x = x.scale(domain=[0, float(positive.max()) * 1.15])
    base = alt.Chart(v).encode(
        y=alt.Y("config_key:N").sort(keys).title(None).axis(labelLimit=320, grid=False), x=x)
    hardware = _in_order(ordered(v["platform_label"]), order)
    bars = base.mark_bar(size=BAR_ROW_PX - 4).encode(
        color=alt.Color("platform_label:N").scale(colours_for(hardware, order)).sort(hardware)
        .title("Hardware"),
        tooltip=[alt.Tooltip("config_key:N", title="config"),
                 alt.Tooltip("platform_label:N", title="hardware"),
                 alt.Tooltip("value:Q", title=value_title, format=fmt)], **extra)
    text = base.mark_text(align="left", baseline="middle", dx=3, fontSize=9).encode(
        text=alt.Text("value:Q", format=fmt))
    return alt.layer(bars, text).properties(
        width=520, height=max(60, BAR_ROW_PX * len(keys)), title=title)


def power_trace_title(platforms) -> str:
    """The power-trace chart's title, naming the platforms the traces were taken on.

    >>> power_trace_title(["EdgeTPU", "EdgeTPU"])
    'ImageNet networks: power over time on EdgeTPU'
    >>> power_trace_title(["NCS2", "EdgeTPU"])
    'ImageNet networks: power over time on EdgeTPU and NCS2'
    >>> power_trace_title([])
    'ImageNet networks: power over time'
    """
    names = sorted(set(platforms))
    if not names:
        return "ImageNet networks: power over time"
    on = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"ImageNet networks: power over time on {on}"


def power_trace_chart(traces: pd.DataFrame, *, title: str) -> alt.FacetChart:
    """Power over time as areas, a row per series (idle or a network, in row order) and a
    column per op mode, each 100 px high with its own time axis.

    ``traces`` needs op_mode, series, time_s and power_w."""
    t = traces[["op_mode", "series", "time_s", "power_w"]]
    series, modes = ordered(t["series"]), ordered(t["op_mode"])
    return alt.Chart(t).mark_area(interpolate="basis", line=True, fillOpacity=0.4).encode(
        x=alt.X("time_s:Q").title("Time [s]"),
        y=alt.Y("power_w:Q").title("Power [W]"),
        color=alt.Color("series:N").scale(colours_for(series)).legend(None),
        tooltip=[alt.Tooltip("series:N"), alt.Tooltip("op_mode:N", title="op mode"),
                 alt.Tooltip("time_s:Q", title="time [s]"),
                 alt.Tooltip("power_w:Q", title="power [W]", format=".3f")],
    ).properties(width=300, height=100).facet(
        row=alt.Row("series:N").sort(series).title(None).header(labelAngle=0, labelAlign="left"),
        column=alt.Column("op_mode:N").sort(modes).title("Op mode"),
    ).resolve_scale(x="independent").properties(title=title)
