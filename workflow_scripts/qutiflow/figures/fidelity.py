"""Charts of prediction fidelity: how close level 0 (QuTiBench's roofline), level 1 (the
layer-wise model, physics only) and level 1 calibrated come to what was measured.

Builders take the tidy tables of rule ``score_fidelity``
(``fidelity/predictions_vs_measured.parquet``, ``fidelity/summary.parquet``), plus a
``family`` column for the platform shapes, and return Altair charts. Each platform keeps
one colour and one shape in all three charts: pass them the same ``order``
(:func:`platform_order`).
"""
from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from .. import fidelity
from ..labels import error_factor, hardware_label, network_label
from .scales import decade_ceil, decade_floor, in_order, ordered
from .theme import FAMILY_COLOURS, PREDICTED_COLOUR, colours_for, network_colours

MODELS = ("level0", "level1", "level1_calibrated")
#: panel titles of the scatter and legend labels of the error chart
MODEL_NAMES = {"level0": "Level 0: QuTiBench roofline",
               "level1": "Level 1: layer-wise, physics only",
               "level1_calibrated": "Level 1 calibrated on each platform's anchors"}
#: level 0 keeps the orange of the roofline predictions on every other chart
MODEL_COLOURS = {"level0": PREDICTED_COLOUR, "level1": "#b07aa1", "level1_calibrated": "#2e8b57"}
#: a platform's marker shape follows its hardware family (its colour is its own)
FAMILY_SHAPES = {"FPGA": "circle", "GPU": "square", "TPU": "diamond", "VPU": "triangle-up",
                 "CPU": "triangle-down", "other": "cross"}
#: the shaded band around predicted = measured: within this factor
BAND = 2.0
SCORED, ANCHOR = "scored", "anchor: fitted on, never scored"
#: area of the ring drawn around each anchor [px²]
RING_SIZE = 240
OVERALL = "all platforms"
#: the error chart's x axis ticks (factors), kept where they fall inside the domain
FACTOR_TICKS = [1, 1.25, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]
SCATTER_PX = 290
#: pixels per platform row of the error chart (three models)
ERROR_ROW_PX = 36
BATCH_PANEL = (215, 150)
BATCH_COLUMNS = 4
#: the batch chart's two line types: measured solid, calibrated prediction dashed
BATCH_TYPES = ["measured", "level1_calibrated"]


def platform_order(frame: pd.DataFrame) -> list[str]:
    """Platforms by hardware family (FPGA, GPU, TPU, VPU, CPU, other), then in order of
    first appearance: the one order that gives each platform its colour in every chart.

    >>> platform_order(pd.DataFrame({"platform": ["TX2", "NCS2", "ZCU104-FINN", "TX2"],
    ...                              "family": ["GPU", "VPU", "FPGA", "GPU"]}))
    ['ZCU104-FINN', 'TX2', 'NCS2']
    """
    first = frame.drop_duplicates("platform")
    rank = {f: i for i, f in enumerate(in_order(first["family"], FAMILY_COLOURS))}
    pairs = sorted(enumerate(zip(first["platform"], first["family"])),
                   key=lambda t: (rank[t[1][1]], t[0]))
    return [str(p) for _, (p, _) in pairs]


def _platform_encodings(frame: pd.DataFrame, order: list[str]) -> dict:
    """Colour (fill and stroke) and shape of each platform, one merged legend."""
    fam = dict(zip(frame["platform"], frame["family"]))
    colours = colours_for(order)
    shapes = [FAMILY_SHAPES.get(fam.get(p, "other"), "cross") for p in order]
    title = "Platform (shape: family)"
    return {
        "color": alt.Color("platform:N").scale(colours).sort(order).title(title),
        "stroke": alt.Stroke("platform:N").scale(colours).sort(order).title(title),
        "shape": alt.Shape("platform:N").scale(domain=order, range=shapes).sort(order).title(title),
    }


def config_label(frame: pd.DataFrame) -> pd.Series:
    """'TX2-maxn FP16 ResNet-50 100%': platform and op mode, datatype, network, pruning."""
    return (hardware_label(frame) + " " + network_label(frame)).astype("string")


def best_batch_points(rows: pd.DataFrame) -> pd.DataFrame:
    """Per model, each configuration at its best measured batch (highest measured
    throughput, ties: the smallest batch; the rule of the summary's ``best_batch`` scope),
    with its ``config`` label. Rows without a prediction are kept (``predicted_fps`` null).
    """
    parts = [fidelity.best_batches(rows.loc[rows["model"] == m]) for m in MODELS]
    out = pd.concat(parts, ignore_index=True)
    return out.assign(config=config_label(out))


def _log_domain(values: pd.Series) -> list[float]:
    v = values[values > 0]
    if v.empty:
        return [1.0, 10.0]
    return [decade_floor(float(v.min())), decade_ceil(float(v.max()) * 1.0001)]


def _band(domain: list[float]) -> pd.DataFrame:
    """The diagonal (``fps``) and the band within a factor of :data:`BAND` around it
    (``low`` to ``high``), cut to the square ``domain`` × ``domain``: points where a side
    of the band meets the frame, between which every line is straight on log axes. Nothing
    is left to clip (a clipped mark costs the PNG renderer a full-size mask).

    >>> _band([1.0, 100.0]).values.tolist()
    [[1.0, 1.0, 2.0], [2.0, 1.0, 4.0], [50.0, 25.0, 100.0], [100.0, 50.0, 100.0]]
    """
    lo, hi = domain
    xs = sorted({x for x in (lo, lo * BAND, hi / BAND, hi) if lo <= x <= hi})
    return pd.DataFrame({"fps": xs, "low": [max(x / BAND, lo) for x in xs],
                         "high": [min(x * BAND, hi) for x in xs]})


def fidelity_scatter(points: pd.DataFrame, summary: pd.DataFrame, *, order: list[str],
                     title: str) -> alt.HConcatChart:
    """Predicted against measured throughput on log-log axes, a panel per model, each
    configuration at its best measured batch: the dashed line is predicted = measured, the
    grey band within a factor of :data:`BAND`. Colour and shape mark the platform; anchors
    (the calibration's configurations, left out of every score) are ringed, in every panel.

    ``points`` (:func:`best_batch_points`) needs config, task, platform, family, batch,
    measured_fps, model, predicted_fps, bound and is_anchor; rows without a prediction
    are not drawn. Each panel's subtitle gives the model's overall score from ``summary``
    (``fidelity/summary.parquet``, scope best_batch), the numbers of the error chart."""
    cols = ["config", "task", "platform", "family", "batch", "measured_fps", "model",
            "predicted_fps", "bound", "is_anchor"]
    p = points.loc[points["predicted_fps"].gt(0) & points["measured_fps"].gt(0), cols]
    p = p.assign(point=np.where(p["is_anchor"].astype(bool), ANCHOR, SCORED),
                 ratio=p["measured_fps"] / p["predicted_fps"],
                 bound=p["bound"].astype("object").where(p["bound"].notna(), "not given"))
    p = p.drop(columns=["is_anchor", "family"]).reset_index(drop=True)
    domain = _log_domain(pd.concat([p["measured_fps"], p["predicted_fps"]]))
    line = _band(domain)
    x = alt.X("measured_fps:Q").scale(type="log", domain=domain, nice=False).title(
        "Measured throughput [fps]").axis(format="~s")
    y = alt.Y("predicted_fps:Q").scale(type="log", domain=domain, nice=False).title(
        "Predicted throughput [fps]").axis(format="~s")
    lx = alt.X("fps:Q").scale(type="log", domain=domain, nice=False)
    band = alt.Chart(line).mark_area(color="#9e9e9e", opacity=0.18).encode(
        x=lx, y=alt.Y("low:Q").scale(type="log", domain=domain, nice=False), y2="high:Q")
    # the diagonal stays clipped: its stroke would widen the panel past the frame
    diagonal = alt.Chart(line).mark_line(color="#555555", strokeDash=[5, 4], strokeWidth=1.2,
                                         clip=True).encode(
        x=lx, y=alt.Y("fps:Q").scale(type="log", domain=domain, nice=False))
    enc = _platform_encodings(points.drop_duplicates("platform"), order)
    tooltip = [alt.Tooltip("config:N", title="configuration"), alt.Tooltip("task:N"),
               alt.Tooltip("batch:Q", title="best batch"),
               alt.Tooltip("measured_fps:Q", title="measured [fps]", format=",.4~g"),
               alt.Tooltip("predicted_fps:Q", title="predicted [fps]", format=",.4~g"),
               alt.Tooltip("ratio:Q", title="measured ÷ predicted", format=".3~g"),
               alt.Tooltip("bound:N", title="bound by"), alt.Tooltip("point:N")]
    dots = alt.Chart(p).mark_point(filled=True, size=60, opacity=0.8, clip=True).encode(
        x=x, y=y, tooltip=tooltip, **enc)
    # a ring around each anchor; Vega draws no legend for a fill opacity, so hollow
    # markers could not be named in the legend: the ring's opacity legend names it
    rings = alt.Chart(p).mark_point(filled=False, shape="circle", size=RING_SIZE,
                                    color="#222222", strokeWidth=1.3, clip=True).encode(
        x=x, y=y, tooltip=tooltip,
        opacity=alt.Opacity("point:N").scale(domain=[ANCHOR], range=[1.0]).title("Calibration"),
    ).transform_filter(alt.datum.point == ANCHOR)
    overall = error_points(summary).set_index("model").query("platform == 'all'")
    panels = []
    for model in MODELS:
        sub = (f"{overall.at[model, 'n']} scored, median error "
               f"{overall.at[model, 'median_error']}" if model in overall.index
               else "nothing scored")
        this = alt.datum.model == model
        panels.append(alt.layer(band, diagonal, dots.transform_filter(this),
                                rings.transform_filter(this)).properties(
            width=SCATTER_PX, height=SCATTER_PX,
            title=alt.TitleParams(MODEL_NAMES[model], subtitle=sub, fontSize=13)))
    return alt.hconcat(*panels, spacing=24).properties(title=alt.TitleParams(
        title, subtitle=f"Each configuration at its best measured batch. Dashed: predicted = "
                        f"measured; grey band: within a factor of {BAND:g}."))


def error_points(summary: pd.DataFrame, *, scope: str = "best_batch") -> pd.DataFrame:
    """The summary rows of one ``scope`` with the errors as factors: ``median_factor`` =
    10^median |log10|, ``p90_factor``, a readable ``median_error`` ('×1.23 (0.091)') and
    ``row``, the platform or :data:`OVERALL`."""
    s = summary.loc[summary["scope"] == scope, ["model", "platform", "n", "median_abs_log10",
                                                 "p90_abs_log10", "within_25_pct",
                                                 "within_2x_pct"]]
    s = s.loc[s["median_abs_log10"].notna()].reset_index(drop=True)
    return s.assign(
        row=s["platform"].where(s["platform"] != "all", OVERALL),
        model_name=s["model"].map(MODEL_NAMES),
        median_factor=10 ** s["median_abs_log10"], p90_factor=10 ** s["p90_abs_log10"],
        median_error=s["median_abs_log10"].map(error_factor),
        p90_error=s["p90_abs_log10"].map(error_factor))


def fidelity_error(summary: pd.DataFrame, *, order: list[str], title: str,
                   unscored: list[str] | tuple[str, ...] = ()) -> alt.LayerChart:
    """The median error of each model per platform (anchors left out), each configuration
    at its best measured batch, as a factor on a log axis (×1 = exact): a dot at the median
    and a line on to the 90th percentile, a row per platform with the overall value on top,
    dotted guides at ±25 % and ×2.

    ``summary`` is ``fidelity/summary.parquet``; ``unscored`` names the platforms with
    nothing to score (said in the subtitle; :func:`qutiflow.labels.unscored_platforms`)."""
    e = error_points(summary)
    rows = [OVERALL] + [p for p in order if p in set(e["row"])] + sorted(
        set(e["row"]) - set(order) - {OVERALL})
    top = float(e["p90_factor"].max()) if len(e) else 10.0
    domain = [1.0, decade_ceil(max(top, 2.5) * 1.0001)]
    ticks = [t for t in FACTOR_TICKS if domain[0] <= t <= domain[1]]
    x_axis = alt.Axis(values=ticks, labelExpr="'×' + format(datum.value, '~g')", grid=True)
    y = alt.Y("row:N").sort(rows).scale(domain=rows).title(None).axis(
        grid=False, labelFontWeight=alt.ExprRef(
            expr=f"datum.value == '{OVERALL}' ? 'bold' : 'normal'"))
    offset = alt.YOffset("model:N").sort(list(MODELS)).scale(domain=list(MODELS),
                                                              paddingOuter=0.4)
    names = [MODEL_NAMES[m] for m in MODELS]
    colour = alt.Color("model_name:N").scale(domain=names, range=[MODEL_COLOURS[m] for m in MODELS]
                                             ).sort(names).title("Model")
    tooltip = [alt.Tooltip("row:N", title="platform"), alt.Tooltip("model_name:N", title="model"),
               alt.Tooltip("n:Q", title="configurations scored"),
               alt.Tooltip("median_error:N", title="median error, factor (|log10|)"),
               alt.Tooltip("p90_error:N", title="90th percentile"),
               alt.Tooltip("within_25_pct:Q", title="within ±25 % [%]", format=".0f"),
               alt.Tooltip("within_2x_pct:Q", title="within ×2 [%]", format=".0f")]
    base = alt.Chart(e).encode(y=y, yOffset=offset)
    x = alt.X("median_factor:Q").scale(type="log", domain=domain, nice=False).axis(x_axis).title(
        "Median error, factor (measured ÷ predicted or its inverse)")
    whisker = base.mark_rule(strokeWidth=1.5, strokeOpacity=0.45).encode(
        x=x, x2="p90_factor:Q", color=colour, tooltip=tooltip)
    dots = base.mark_point(filled=True, size=70, opacity=1).encode(
        x=x, color=colour, tooltip=tooltip)
    guides = alt.Chart(pd.DataFrame({"factor": [1.25, BAND], "label": ["±25 %", f"×{BAND:g}"]}))
    guide_x = alt.X("factor:Q").scale(type="log", domain=domain, nice=False)
    rules = guides.mark_rule(color="#777777", strokeDash=[2, 3]).encode(x=guide_x)
    # above the plot, ±25 % ending at its line and ×2 starting at its own: apart
    labels = [guides.mark_text(align=align, baseline="bottom", dx=dx, dy=-3, fontSize=10,
                               color="#555555").encode(x=guide_x, y=alt.value(0), text="label:N")
              .transform_filter(alt.datum.factor == factor)
              for factor, align, dx in ((1.25, "right", 2), (BAND, "left", -2))]
    sub = [("Anchors left out; each configuration at its best measured batch. "
            "Dot: median; line: on to the 90th percentile.")]
    if unscored:
        sub.append(f"Not shown, nothing scored (anchors only, or no prediction): "
                   f"{', '.join(unscored)}.")
    return alt.layer(rules, *labels, whisker, dots).properties(
        width=520, height=ERROR_ROW_PX * len(rows), title=alt.TitleParams(title, subtitle=sub))


def batch_lines(rows: pd.DataFrame) -> pd.DataFrame:
    """Measured and calibrated-predicted throughput over batch size, for each platform's
    fastest configuration of each network: per platform and network (topology and
    pruning), the op mode and datatype of the highest measured throughput (ties: first in
    configuration order). A row per configuration × batch × ``type``
    (:data:`BATCH_TYPES`) with ``config``, ``network``, ``fps`` and ``n_batches`` (how many
    batch sizes the platform was measured at); repeated measurements of one batch are
    averaged, rows without a value dropped."""
    keys = list(fidelity.CONFIG)
    cal = rows.loc[rows["model"] == "level1_calibrated"]
    best = cal.sort_values(["measured_fps"] + keys, ascending=[False] + [True] * len(keys),
                           kind="stable", na_position="last")
    fastest = best.drop_duplicates(["platform", "topology", "pruning_pct"])[keys]
    cal = cal.merge(fastest, on=keys)
    parts = [cal.assign(type="measured", fps=cal["measured_fps"]),
             cal.assign(type="level1_calibrated", fps=cal["predicted_fps"])]
    long = pd.concat(parts, ignore_index=True)
    long = long.loc[long["fps"].gt(0)]
    out = long.groupby(keys + ["batch", "type"], dropna=False, sort=True, observed=True).agg(
        fps=("fps", "mean")).reset_index()
    n = out.groupby("platform", sort=False)["batch"].transform("nunique")
    return out.assign(config=config_label(out), network=network_label(out), n_batches=n)


def fidelity_batches(rows: pd.DataFrame, *, order: list[str], title: str) -> alt.FacetChart:
    """Throughput over batch size, a panel per platform measured at more than one batch
    size (log axes, each panel its own scales), for its fastest configuration of each
    network (:func:`batch_lines`): measured as solid lines with dots, level 1 calibrated
    dashed, coloured by network (a hue per topology, a shade per pruning).

    ``rows`` is ``fidelity/predictions_vs_measured.parquet``."""
    b = batch_lines(rows)
    single = sorted(set(b.loc[b["n_batches"] < 2, "platform"].astype(str)))
    d = b.loc[b["n_batches"] >= 2, ["platform", "config", "topology", "pruning_pct", "network",
                                    "batch", "type", "fps"]]
    panels = [p for p in order if p in set(d["platform"])] + sorted(
        set(d["platform"]) - set(order))
    # hues follow the panels, so that the few topologies of one panel differ most; the
    # prunings of a topology are shades of its hue: no two lines of a panel share a colour
    ranked = d.assign(rank=d["platform"].map({p: i for i, p in enumerate(panels)})).sort_values(
        "rank", kind="stable")
    topologies = ordered(ranked["topology"].astype(str))
    labels, colours = network_colours(topologies, [
        ordered(d.loc[d["topology"].astype(str) == t, "pruning_pct"]) for t in topologies])
    colour = alt.Color("network:N").scale(domain=labels, range=colours).sort(labels).title(
        "Network").legend(columns=1 if len(labels) <= 16 else 2)
    d = d.drop(columns=["topology", "pruning_pct"])
    dash = alt.StrokeDash("type:N").scale(domain=BATCH_TYPES, range=[[1, 0], [5, 3]]).title(
        "Throughput").legend(symbolType="stroke", symbolStrokeColor="#444444",
                             labelExpr="datum.value == 'level1_calibrated' ? "
                                       "'level 1 calibrated' : datum.value")
    tooltip = [alt.Tooltip("config:N", title="configuration"), alt.Tooltip("type:N"),
               alt.Tooltip("batch:Q"), alt.Tooltip("fps:Q", title="throughput [fps]",
                                                   format=",.4~g")]
    base = alt.Chart().encode(
        x=alt.X("batch:Q").scale(type="log", nice=False).title("Batch size").axis(
            format="~s", tickCount=5),
        y=alt.Y("fps:Q").scale(type="log").title("Throughput [fps]").axis(
            format="~s", tickCount=5),
        color=colour, detail="config:N", tooltip=tooltip)
    measured = base.mark_line(strokeWidth=1.6, point=alt.OverlayMarkDef(size=16, filled=True)
                              ).encode(strokeDash=dash).transform_filter(
        alt.datum.type == "measured")
    predicted = base.mark_line(strokeWidth=1.6, opacity=0.9).encode(
        strokeDash=dash).transform_filter(alt.datum.type == "level1_calibrated")
    sub = [("For each platform and network, its fastest op mode and datatype; solid: "
            "measured, dashed: level 1 calibrated.")]
    if single:
        sub.append(f"Measured at one batch size only, not shown: {', '.join(single)}.")
    return alt.layer(predicted, measured, data=d).properties(
        width=BATCH_PANEL[0], height=BATCH_PANEL[1]).facet(
        facet=alt.Facet("platform:N").sort(panels).title(None).header(labelFontSize=12,
                                                                      labelFontWeight="bold"),
        columns=BATCH_COLUMNS,
    ).resolve_scale(x="independent", y="independent").properties(
        title=alt.TitleParams(title, subtitle=sub))
