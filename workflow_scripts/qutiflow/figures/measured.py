"""Charts of the measured analysis: design-space pareto, overlapped measured-vs-predicted
pareto, efficiency bars, latency versus throughput, box plots, per-config bars and power
traces. Builders take tidy frames (empty ones included), return Altair charts."""
from __future__ import annotations

import math

import altair as alt
import pandas as pd

from .scales import in_order, log_domain, ordered, shown, toggles
from .theme import DATATYPES, FAMILY_COLOURS, MEASURED_COLOUR, PREDICTED_COLOUR, colours_for

PARETO_SIZE = (600, 480)
#: the efficiency chart's bars, top to bottom within a config, and their colours
BAR_TYPES = ["predicted", "measured", "peak"]
BAR_COLOURS = [PREDICTED_COLOUR, MEASURED_COLOUR, "#9e9e9e"]
#: pixels per config in the efficiency chart (three bars) and per bar in the bar chart
EFFICIENCY_ROW_PX = 30
BAR_ROW_PX = 18
#: legend entries per column before the latency chart's legend wraps
LEGEND_ROWS = 26


def design_pareto_chart(points: pd.DataFrame, front: pd.DataFrame, *, title: str
                        ) -> alt.LayerChart:
    """Measured fps (log) against top-1 for every configuration's best point, coloured by
    platform and shaped by datatype, with the strict pareto front as a blue line.

    ``points`` and ``front`` need config_key, platform_label, datatype, batch,
    throughput_compute_fps and top1_pct (topology and pruning_pct may be present; they
    are not drawn). ``front`` is the subset on the front."""
    cols = ["config_key", "platform_label", "datatype", "batch", "throughput_compute_fps",
            "top1_pct"]
    pts, fr = points[cols], front[cols]
    x = alt.X("throughput_compute_fps:Q").scale(type="log").title("Measured throughput [fps]")
    y = alt.Y("top1_pct:Q").scale(zero=False).title("Top-1 accuracy [%]")
    tooltip = [alt.Tooltip("config_key:N", title="config"), alt.Tooltip("batch:Q"),
               alt.Tooltip("throughput_compute_fps:Q", title="throughput [fps]", format=",.1f"),
               alt.Tooltip("top1_pct:Q", title="top-1 [%]")]
    dots = alt.Chart(pts).mark_point(filled=True, size=70, opacity=0.8).encode(
        x=x, y=y,
        color=alt.Color("platform_label:N").scale(colours_for(ordered(pts["platform_label"])))
        .title("Hardware"),
        shape=alt.Shape("datatype:N").sort(in_order(pts["datatype"], DATATYPES)).title("Datatype"),
        tooltip=tooltip)
    line = alt.Chart(fr).mark_line(
        color=MEASURED_COLOUR, strokeWidth=2,
        point=alt.OverlayMarkDef(filled=False, color=MEASURED_COLOUR, size=140, strokeWidth=2),
    ).encode(x=x, y=y, order="throughput_compute_fps:Q", tooltip=tooltip)
    return alt.layer(dots, line).properties(width=PARETO_SIZE[0], height=PARETO_SIZE[1],
                                            title=title)


def overlapped_pareto_chart(points: pd.DataFrame, *, title: str) -> alt.LayerChart:
    """Measured (crosses) and predicted (circles) points of the paired configurations,
    coloured by platform, with each type's pareto front as a line (measured blue,
    predicted orange); one checkbox per hardware family hides and restores its points.

    ``points`` needs config_key, platform_label, family, type ('measured' or
    'predicted'), fps, top1_pct and is_front (on the front of its own type). The family
    must not be missing (a row whose family has no checkbox is never shown)."""
    pts = points[["config_key", "platform_label", "family", "type", "fps", "top1_pct",
                  "is_front"]]
    fam = toggles(in_order(pts["family"], FAMILY_COLOURS), "show")
    x = alt.X("fps:Q").scale(type="log").title("Throughput [fps]")
    y = alt.Y("top1_pct:Q").scale(zero=False).title("Top-1 accuracy [%]")
    base = alt.Chart(pts).encode(x=x, y=y)
    dots = base.mark_point(filled=True, size=100, opacity=0.85).encode(
        color=alt.Color("platform_label:N").scale(colours_for(ordered(pts["platform_label"])))
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
    domain = log_domain(long["fps"], headroom=5)
    base = alt.Chart(long).encode(
        y=alt.Y("config_key:N").sort(keys).title(None).axis(labelLimit=320, grid=False),
        yOffset=alt.YOffset("type:N").sort(BAR_TYPES).scale(domain=BAR_TYPES),
        x=alt.X("fps:Q").scale(type="log", domain=domain).title("Throughput [fps]"))
    bars = base.mark_bar().encode(
        x2=alt.datum(domain[0]),  # log bars need an explicit base
        color=alt.Color("type:N").scale(domain=BAR_TYPES, range=BAR_COLOURS).title("Throughput"),
        tooltip=[alt.Tooltip("config_key:N", title="config"), alt.Tooltip("type:N"),
                 alt.Tooltip("fps:Q", title="throughput [fps]", format=",.1f")])
    text = base.mark_text(align="left", baseline="middle", dx=3, fontSize=9).encode(
        text="label:N").transform_filter("isValid(datum.label)")
    return alt.layer(bars, text).properties(
        width=560, height=max(60, EFFICIENCY_ROW_PX * len(keys)), title=title)


def latency_throughput_chart(m: pd.DataFrame, *, title: str) -> alt.Chart:
    """Compute latency against compute throughput (log-log), one line with points per
    configuration over its batch sizes; clicking legend entries highlights those series
    (shift-click for several), the others turn light grey.

    ``m`` needs config_key, platform_label, batch, latency_compute_ms and
    throughput_compute_fps."""
    d = m[["config_key", "platform_label", "batch", "latency_compute_ms",
           "throughput_compute_fps"]]
    keys = ordered(d["config_key"])
    pick = alt.selection_point(name="pick", fields=["config_key"], bind="legend")
    colour = alt.Color("config_key:N").scale(colours_for(keys)).title("Configuration").legend(
        symbolLimit=0, columns=max(1, math.ceil(len(keys) / LEGEND_ROWS)))
    return alt.Chart(d).mark_line(point=True, strokeWidth=1.5).encode(
        x=alt.X("latency_compute_ms:Q").scale(type="log").title("Compute latency [ms]"),
        y=alt.Y("throughput_compute_fps:Q").scale(type="log").title("Compute throughput [fps]"),
        color=alt.when(pick).then(colour).otherwise(alt.value("lightgray")),
        opacity=alt.when(pick).then(alt.value(1.0)).otherwise(alt.value(0.4)),
        detail="config_key:N",
        order="batch:Q",
        tooltip=[alt.Tooltip("config_key:N", title="config"),
                 alt.Tooltip("platform_label:N", title="hardware"), alt.Tooltip("batch:Q"),
                 alt.Tooltip("latency_compute_ms:Q", title="latency [ms]", format=",.3f"),
                 alt.Tooltip("throughput_compute_fps:Q", title="throughput [fps]",
                             format=",.1f")],
    ).add_params(pick).properties(width=PARETO_SIZE[0], height=PARETO_SIZE[1], title=title)


def boxplot_chart(stats: pd.DataFrame, *, value_title: str, title: str) -> alt.FacetChart:
    """Box plots drawn from pre-aggregated statistics: a whisker from min to max, a box
    from q1 to q3 and a tick at the median per pruning, one panel per datatype × platform
    (four per row), on a shared log axis.

    ``stats`` needs panel, pruning_pct, min, q1, median, q3, max and n. Panels appear in
    row order; prunings in ascending numeric order (axis and colours)."""
    s = stats[["panel", "pruning_pct", "min", "q1", "median", "q3", "max", "n"]]
    panels = ordered(s["panel"])
    prunings = sorted(ordered(s["pruning_pct"]))
    # two lines: one would overlap its neighbour's under the narrow panels
    x = alt.X("pruning_pct:O").sort(prunings).scale(domain=prunings).title(
        ["Pruning", "[% of channels kept]"]).axis(labelAngle=0)
    y_scale = alt.Scale(type="log")
    colour = alt.Color("pruning_pct:O").scale(colours_for(prunings)).title("Pruning [%]").legend(
        symbolType="square")
    base = alt.Chart().encode(x=x)
    whisker = base.mark_rule(strokeWidth=1.5).encode(
        y=alt.Y("min:Q").scale(y_scale).title(value_title), y2="max:Q", color=colour)
    box = base.mark_bar(size=14, stroke="#444444", strokeWidth=0.5).encode(
        y=alt.Y("q1:Q").scale(y_scale).title(value_title), y2="q3:Q", color=colour,
        tooltip=[alt.Tooltip("panel:N"), alt.Tooltip("pruning_pct:O", title="pruning [%]"),
                 alt.Tooltip("n:Q", title="measurements"),
                 alt.Tooltip("min:Q", format=".4~g"), alt.Tooltip("q1:Q", format=".4~g"),
                 alt.Tooltip("median:Q", format=".4~g"), alt.Tooltip("q3:Q", format=".4~g"),
                 alt.Tooltip("max:Q", format=".4~g")])
    median = base.mark_tick(color="black", size=14, thickness=2).encode(
        y=alt.Y("median:Q").scale(y_scale).title(value_title))
    return alt.layer(whisker, box, median, data=s).properties(
        width=max(140, 28 * len(prunings)), height=180,
    ).facet(
        facet=alt.Facet("panel:N").sort(panels).title("Datatype and platform"), columns=4,
    ).properties(title=title)


def bar_chart(values: pd.DataFrame, *, value_title: str, title: str, fmt: str
              ) -> alt.LayerChart:
    """One horizontal bar per configuration (in row order) coloured by platform, its
    value printed after it with the d3 format ``fmt``; linear axis from zero.

    ``values`` needs config_key, platform_label and value (in the unit of
    ``value_title``, e.g. "Energy per inference [mJ]")."""
    v = values[["config_key", "platform_label", "value"]]
    keys = ordered(v["config_key"])
    top = float(v["value"].max()) if v["value"].notna().any() else float("nan")
    x_scale = alt.Scale(domain=[0, top * 1.15]) if math.isfinite(top) and top > 0 else alt.Scale()
    base = alt.Chart(v).encode(
        y=alt.Y("config_key:N").sort(keys).title(None).axis(labelLimit=320, grid=False),
        x=alt.X("value:Q").scale(x_scale).title(value_title))
    bars = base.mark_bar(size=BAR_ROW_PX - 4).encode(
        color=alt.Color("platform_label:N").scale(colours_for(ordered(v["platform_label"])))
        .title("Hardware"),
        tooltip=[alt.Tooltip("config_key:N", title="config"),
                 alt.Tooltip("platform_label:N", title="hardware"),
                 alt.Tooltip("value:Q", title=value_title, format=fmt)])
    text = base.mark_text(align="left", baseline="middle", dx=3, fontSize=9).encode(
        text=alt.Text("value:Q", format=fmt))
    return alt.layer(bars, text).properties(
        width=520, height=max(60, BAR_ROW_PX * len(keys)), title=title)


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
