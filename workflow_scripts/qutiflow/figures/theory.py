"""Charts of the theoretical analysis: roofline, prediction heatmap, theoretical pareto,
network requirements and platform peaks. Builders take tidy frames, return Altair charts."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from ..labels import hardware_label, model_label, network_label
from ..roofline import roofline_lines
from ..tasks import platform_label
from .scales import (
    decade_ceil,
    decade_floor,
    in_order,
    log_axis,
    log_domain,
    log_extent,
    ordered,
    shown,
    spread,
    stacked,
    toggles,
)
from .theme import DATATYPE_DASHES, DATATYPES, FAMILY_COLOURS, PREDICTED_COLOUR, colours_for

ROOFLINE_SIZE = (720, 480)
#: the subtitles that say which model these charts show (the fidelity page compares it
#: with level 1); the titles stay those of the original site
LEVEL0_MODEL = "Level 0 model (QuTiBench roofline)"
LEVEL0_PREDICTION = "Level 0 prediction (QuTiBench roofline)"
#: the network lines and their labels: one neutral colour, apart from the hardware's
NETWORK_COLOUR = "#555555"
#: the labels above the plot: at least this many pixels apart (a rotated 9.5 px line of
#: text), on a leader this many pixels long from the top of their line
LABEL_GAP_PX = 11.0
LEADER_PX = 14.0


def roofline_chart(
    platforms: pd.DataFrame, models: pd.DataFrame, *, title: str, order: list[str] | None = None
) -> alt.LayerChart:
    """Log-log roofline (level 0, subtitled so): a line per platform × op mode × datatype
    (colour = platform and mode, dash = datatype) and a vertical grey rule per network
    intensity (dash = datatype), every rule labelled above the plot, the labels spread
    apart on short leaders so that none overlaps; checkboxes per hardware family and per
    datatype hide and restore lines.

    ``platforms`` needs platform, op_mode, datatype, peak_tops, bandwidth_gbps, family;
    ``models`` needs topology, pruning_pct, datatype, arithmetic_intensity_opb. ``order``
    (:func:`qutiflow.figures.theme.hardware_order`) fixes each platform's colour.
    """
    ridges = platforms["peak_tops"] * 1000 / platforms["bandwidth_gbps"]
    xs = pd.concat([ridges, models["arithmetic_intensity_opb"]]).dropna()
    x_min = decade_floor(xs.min() / 3) if len(xs) else 0.1
    x_max = decade_ceil(xs.max() * 3) if len(xs) else 1e4
    lines = roofline_lines(platforms, x_min=x_min, x_max=x_max)
    lines["hardware"] = platform_label(lines["platform"], lines["op_mode"])
    lines = lines.merge(
        platforms[["platform", "op_mode", "datatype", "family", "peak_tops", "bandwidth_gbps"]],
        on=["platform", "op_mode", "datatype"],
    )
    lines = lines[
        [
            "hardware",
            "family",
            "datatype",
            "point",
            "intensity_opb",
            "performance_tops",
            "ridge_opb",
            "peak_tops",
            "bandwidth_gbps",
        ]
    ]
    # identical roofs (the same peak and bandwidth at the same datatype: ZCU104-FINN and
    # -BISMO) are drawn as a wider line under a narrower one, so that neither hides
    rank = lines.groupby(
        ["datatype", "peak_tops", "bandwidth_gbps", "point"], sort=False, observed=True
    ).cumcount()
    lines = (
        lines.assign(stroke_px=2.0 + 3.0 * rank.astype(float))
        .sort_values("stroke_px", ascending=False, kind="stable")
        .reset_index(drop=True)
    )
    y_min = decade_floor(lines["peak_tops"].min() / 20)
    y_max = decade_ceil(lines["performance_tops"].max() * 2)
    lines = _cut_below(lines, y_min)
    nets = _network_rules(models, x_domain=(x_min, x_max), width=ROOFLINE_SIZE[0])
    families = in_order(lines["family"], FAMILY_COLOURS)
    dtypes = in_order(pd.concat([lines["datatype"], nets["datatype"]]), DATATYPES)
    fam, dt = toggles(families, "show"), toggles(dtypes, "show")
    hardware = ordered(lines["hardware"])
    if order is not None:
        hardware = [h for h in order if h in set(hardware)] + [h for h in hardware if h not in set(order)]
    x_domain, y_domain = [x_min, x_max], [y_min, y_max]
    x = (
        alt.X("intensity_opb:Q")
        .scale(type="log", domain=x_domain, nice=False)
        .axis(log_axis(x_domain))
        .title("Arithmetic intensity [op/B]")
    )
    y = (
        alt.Y("performance_tops:Q")
        .scale(type="log", domain=y_domain, nice=False)
        .axis(log_axis(y_domain))
        .title("Performance [TOP/s]")
    )
    dash = (
        alt.StrokeDash("datatype:N")
        .scale(domain=dtypes, range=[DATATYPE_DASHES[d] for d in dtypes])
        .title("Datatype")
        .legend(symbolStrokeColor="#333333", symbolStrokeWidth=2, symbolSize=600)
    )
    hw = (
        alt.Chart(lines)
        .mark_line()
        .encode(
            x=x,
            y=y,
            order="point:Q",
            strokeWidth=alt.StrokeWidth("stroke_px:Q").scale(None),
            color=alt.Color("hardware:N")
            .scale(colours_for(hardware, order))
            .sort(hardware)
            .title("Hardware")
            .legend(symbolStrokeWidth=3),
            strokeDash=dash,
            detail="datatype:N",
            tooltip=[
                alt.Tooltip("hardware:N"),
                alt.Tooltip("datatype:N"),
                alt.Tooltip("peak_tops:Q", title="peak [TOP/s]"),
                alt.Tooltip("bandwidth_gbps:Q", title="bandwidth [GB/s]"),
                alt.Tooltip("ridge_opb:Q", title="ridge [op/B]", format=".2f"),
            ],
        )
        .transform_filter(shown("family", fam))
        .transform_filter(shown("datatype", dt))
    )
    rule_base = alt.Chart(nets).transform_filter(shown("datatype", dt))
    rules = rule_base.mark_rule(strokeWidth=1.3, color=NETWORK_COLOUR, opacity=0.85).encode(
        x=alt.X("arithmetic_intensity_opb:Q").scale(type="log", domain=x_domain, nice=False),
        strokeDash=dash,
        tooltip=[
            alt.Tooltip("network:N"),
            alt.Tooltip("datatype:N"),
            alt.Tooltip("arithmetic_intensity_opb:Q", title="intensity [op/B]", format=".2f"),
        ],
    )
    # the labels sit above the plot, spread apart (at label_opb, on the same axis, so
    # that they keep apart at any width from the designed one up), each on a leader from
    # its own line's top
    lx = alt.X("label_opb:Q").scale(type="log", domain=x_domain, nice=False)
    leaders = rule_base.mark_rule(strokeWidth=0.8, color=NETWORK_COLOUR).encode(
        x=alt.X("arithmetic_intensity_opb:Q").scale(type="log", domain=x_domain, nice=False),
        x2=alt.X2("label_opb:Q"),
        y=alt.value(0),
        y2=alt.value(-LEADER_PX),
    )
    labels = rule_base.mark_text(
        angle=270, align="left", baseline="middle", fontSize=9.5, color="#333333"
    ).encode(x=lx, y=alt.value(-LEADER_PX - 3), text="label:N")
    return (
        alt.layer(rules, leaders, labels, hw)
        .add_params(*fam.values(), *dt.values())
        .properties(
            width=ROOFLINE_SIZE[0],
            height=ROOFLINE_SIZE[1],
            title=alt.TitleParams(title, subtitle=LEVEL0_MODEL),
        )
    )


def _cut_below(lines: pd.DataFrame, y_min: float) -> pd.DataFrame:
    """The roofs with each memory roof starting where it enters the plot (``y_min``)
    rather than below it: the same lines inside the plot, and nothing to clip (a clipped
    line costs the PNG renderer a full-size mask per line, 1.5 s for a roofline chart).
    Roofs stay inside the plot elsewhere: x within its domain, y at most the peak."""
    low = (lines["point"] == 0) & (lines["performance_tops"] < y_min)
    x = y_min * 1000 / lines["bandwidth_gbps"]
    return lines.assign(
        intensity_opb=lines["intensity_opb"].where(~low, x),
        performance_tops=lines["performance_tops"].where(~low, y_min),
    )


#: network lines closer than this ratio share one line (the MLP's prunings: 8.0 to 8.1 op/B)
SAME_INTENSITY = 1.03


def _network_rules(models: pd.DataFrame, *, x_domain: tuple[float, float], width: float) -> pd.DataFrame:
    """One vertical line per topology × datatype × cluster of intensities: prunings whose
    intensities lie within 3 % of each other share a line whose label lists them. Each
    label's place on the axis (``label_opb``): on a log axis over ``x_domain`` ``width``
    pixels wide, :data:`LABEL_GAP_PX` apart from its neighbours
    (:func:`qutiflow.figures.scales.spread`), as near its line as that allows."""
    rows = []
    m = models.sort_values("arithmetic_intensity_opb", kind="stable")
    for (topology, datatype), part in m.groupby(["topology", "datatype"], sort=False, observed=True):
        clusters: list[list[tuple[float, float]]] = []
        for intensity, pruning in zip(part["arithmetic_intensity_opb"], part["pruning_pct"]):
            if clusters and intensity <= clusters[-1][0][0] * SAME_INTENSITY:
                clusters[-1].append((intensity, pruning))
            else:
                clusters.append([(intensity, pruning)])
        for cluster in clusters:
            prunings = "/".join(f"{p:g}" for p in sorted((p for _, p in cluster), reverse=True))
            rows.append(
                {
                    "network": f"{topology} {prunings}%",
                    "topology": topology,
                    "datatype": datatype,
                    "label": f"{topology} {prunings}% {datatype}",
                    "arithmetic_intensity_opb": float(cluster[0][0]),
                }
            )
    out = pd.DataFrame(rows, columns=["network", "topology", "datatype", "label", "arithmetic_intensity_opb"])
    lo, hi = (math.log10(v) for v in x_domain)
    line_px = [round(width * (math.log10(v) - lo) / (hi - lo), 3) for v in out["arithmetic_intensity_opb"]]
    label_px = spread(line_px, gap=LABEL_GAP_PX, lo=0.0, hi=float(width))
    return out.assign(label_opb=[float(f"{10 ** (lo + p / width * (hi - lo)):.6g}") for p in label_px])


#: the heatmap's cell size [px] (across × down) and above how many model columns it turns
#: models into rows (the grid over all networks: 52 models, 20 platforms)
HEATMAP_CELL = (44, 22)
HEATMAP_MAX_COLUMNS = 24


def heatmap_chart(predictions: pd.DataFrame, *, title: str) -> alt.LayerChart:
    """Level-0 predicted fps per hardware row × model column, log colour, values printed;
    the full grid is drawn so that empty cells (no model of that datatype) stay visible.
    With more than :data:`HEATMAP_MAX_COLUMNS` models, and more models than platforms,
    models are the rows instead: the grid then reads down the page, not off its side."""
    p = predictions.assign(hardware=hardware_label(predictions), model=model_label(predictions))
    hardware = ordered(p["hardware"])
    models = ordered(p["model"])
    grid = pd.MultiIndex.from_product([hardware, models], names=["hardware", "model"]).to_frame(index=False)
    cells = grid.merge(
        p[["hardware", "model", "predicted_fps", "bound"]], how="left", on=["hardware", "model"]
    )
    across = alt.X("model:N").sort(models).title("Models")
    down = alt.Y("hardware:N").sort(hardware).title("Hardware platforms")
    n_across, n_down = len(models), len(hardware)
    if n_across > max(HEATMAP_MAX_COLUMNS, n_down):
        across = alt.X("hardware:N").sort(hardware).title("Hardware platforms")
        down = alt.Y("model:N").sort(models).title("Models")
        n_across, n_down = n_down, n_across
    base = alt.Chart(cells).encode(x=across.axis(labelAngle=-50, grid=False), y=down.axis(grid=False))
    empty = base.mark_rect(fill="#f7f7f7", stroke="#444444", strokeWidth=0.5)
    filled = (
        base.mark_rect(stroke="#444444", strokeWidth=0.5)
        .encode(
            color=alt.Color("predicted_fps:Q")
            .scale(type="log", scheme="lightmulti")
            .title("Inputs/s")
            .legend(format="~s"),
            tooltip=[
                alt.Tooltip("hardware:N"),
                alt.Tooltip("model:N"),
                alt.Tooltip("predicted_fps:Q", title="predicted [fps]", format=",.1f"),
                alt.Tooltip("bound:N"),
            ],
        )
        .transform_filter("isValid(datum.predicted_fps)")
    )
    text = (
        base.mark_text(fontSize=9, color="black")
        .encode(text=alt.Text("predicted_fps:Q", format=".3~s"))
        .transform_filter("isValid(datum.predicted_fps)")
    )
    return alt.layer(empty, filled, text).properties(
        width=max(300, HEATMAP_CELL[0] * n_across),
        height=max(200, HEATMAP_CELL[1] * n_down),
        title=alt.TitleParams(title, subtitle=LEVEL0_PREDICTION),
    )


def pareto_chart(
    points: pd.DataFrame, front: pd.DataFrame, *, title: str, order: list[str] | None = None
) -> alt.LayerChart:
    """Level-0 predicted fps (log) against reference top-1 for every platform × model, with the
    strict pareto front (both maximised) as an orange line. Axes end just past the data;
    points that coincide (memory-bound platforms of equal bandwidth) are drawn as rings
    around each other (:func:`qutiflow.figures.scales.stacked`). ``order``
    (:func:`qutiflow.figures.theme.hardware_order`) fixes each platform's colour."""
    cols = ["hardware", "model", "datatype", "predicted_fps", "top1_pct"]
    pts = points.assign(
        hardware=platform_label(points["platform"], points["op_mode"]), model=model_label(points)
    )[cols]
    fr = front.assign(hardware=platform_label(front["platform"], front["op_mode"]), model=model_label(front))[
        cols
    ]
    hardware = ordered(pts["hardware"])
    domain = log_extent(pts["predicted_fps"])
    x = (
        alt.X("predicted_fps:Q")
        .scale(type="log", domain=domain, nice=False)
        .axis(log_axis(domain))
        .title("Predicted throughput [fps]")
    )
    y = alt.Y("top1_pct:Q").scale(zero=False).title("Top-1 accuracy [%]")
    tooltip = [
        alt.Tooltip("hardware:N"),
        alt.Tooltip("model:N"),
        alt.Tooltip("predicted_fps:Q", title="predicted [fps]", format=",.1f"),
        alt.Tooltip("top1_pct:Q", title="top-1 [%]"),
    ]
    dtypes = in_order(pts["datatype"], DATATYPES)
    dots = (
        alt.Chart(stacked(pts, ["predicted_fps", "top1_pct"], size=70, step=110))
        .mark_point(filled=True, opacity=0.85)
        .encode(
            x=x,
            y=y,
            color=alt.Color("hardware:N").scale(colours_for(hardware, order)).title("Hardware"),
            shape=alt.Shape("datatype:N").sort(dtypes).scale(domain=dtypes).title("Datatype"),
            size=alt.Size("size:Q").scale(None),
            tooltip=tooltip,
        )
    )
    line = (
        alt.Chart(fr)
        .mark_line(
            color=PREDICTED_COLOUR,
            strokeWidth=2,
            point=alt.OverlayMarkDef(filled=False, color=PREDICTED_COLOUR, size=140, strokeWidth=2),
        )
        .encode(x=x, y=y, order="predicted_fps:Q", tooltip=tooltip)
    )
    return alt.layer(dots, line).properties(
        width=600, height=480, title=alt.TitleParams(title, subtitle=LEVEL0_PREDICTION)
    )


def requirements_chart(topologies: pd.DataFrame) -> alt.HConcatChart:
    """Two bar charts: operations per inference [GOP] and model size [M weights] per
    network × pruning (log axes, values printed)."""
    t = topologies.drop_duplicates(["topology", "pruning_pct"]).assign(network=lambda f: network_label(f))
    t = t[["network", "topology", "gop_per_inference", "params_m"]]
    order = list(t["network"])
    topo_order = ordered(t["topology"])

    def bars(field: str, title: str, axis: str, fmt: str) -> alt.LayerChart:
        domain = log_domain(t[field])
        base = alt.Chart(t).encode(
            x=alt.X("network:N").sort(order).title(None).axis(labelAngle=-50),
            y=alt.Y(f"{field}:Q")
            .scale(type="log", domain=domain, nice=False)
            .axis(log_axis(domain))
            .title(axis),
        )
        bar = base.mark_bar().encode(
            y2=alt.datum(domain[0]),  # log bars need an explicit base
            color=alt.Color("topology:N").scale(colours_for(topo_order)).title("Network"),
            tooltip=["network:N", alt.Tooltip(f"{field}:Q", title=axis)],
        )
        txt = base.mark_text(dy=-6, fontSize=9).encode(text=alt.Text(f"{field}:Q", format=fmt))
        return alt.layer(bar, txt).properties(width=380, height=320, title=title)

    return alt.hconcat(
        bars("gop_per_inference", "Operations per inference", "Operations [GOP]", ".3~g"),
        bars("params_m", "Model size", "Weights [millions]", ".3~g"),
    ).properties(title="Compute and Memory Requirements for All CNNs")


def platforms_chart(platforms: pd.DataFrame) -> alt.HConcatChart:
    """Peak performance [TOP/s] per datatype and memory bandwidth [GB/s] per platform, on
    separate axes (the two units never share one)."""
    p = platforms.assign(hardware=platform_label(platforms["platform"], platforms["op_mode"]))
    order = ordered(p["hardware"])
    dtypes = in_order(p["datatype"], DATATYPES)
    peaks = p[["hardware", "datatype", "peak_tops"]]
    bw = p.drop_duplicates("hardware")[["hardware", "bandwidth_gbps"]]
    peak_chart = (
        alt.Chart(peaks)
        .mark_bar()
        .encode(
            x=alt.X("hardware:N").sort(order).title(None).axis(labelAngle=-45),
            xOffset=alt.XOffset("datatype:N").sort(dtypes),
            y=alt.Y("peak_tops:Q")
            .scale(type="log", domain=log_domain(peaks["peak_tops"]), nice=False)
            .axis(log_axis(log_domain(peaks["peak_tops"])))
            .title("Peak performance [TOP/s]"),
            y2=alt.datum(log_domain(peaks["peak_tops"])[0]),  # log bars need an explicit base
            color=alt.Color("datatype:N").scale(colours_for(dtypes)).sort(dtypes).title("Datatype"),
            tooltip=["hardware:N", "datatype:N", alt.Tooltip("peak_tops:Q", title="peak [TOP/s]")],
        )
        .properties(width=520, height=320, title="Peak performance per datatype")
    )
    bw_base = alt.Chart(bw).encode(
        x=alt.X("hardware:N").sort(order).title(None).axis(labelAngle=-45),
        y=alt.Y("bandwidth_gbps:Q").title("Memory bandwidth [GB/s]"),
    )
    bw_chart = alt.layer(
        bw_base.mark_bar(color="#7f7f7f").encode(
            tooltip=["hardware:N", alt.Tooltip("bandwidth_gbps:Q", title="bandwidth [GB/s]")]
        ),
        bw_base.mark_text(dy=-6, fontSize=9).encode(text=alt.Text("bandwidth_gbps:Q", format=".3~g")),
    ).properties(width=360, height=320, title="Memory bandwidth")
    return (
        alt.hconcat(peak_chart, bw_chart)
        .resolve_scale(color="independent")
        .properties(title="Peak Performance and Memory Bandwidth for All Hardware Platforms")
    )
