"""The roofline chart of the theoretical analysis (level 0): a line per platform × op mode
× datatype and a labelled vertical line per network intensity."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from ..roofline import roofline_lines
from ..tasks import platform_label
from .scales import decade_ceil, decade_floor, in_order, log_axis, ordered, shown, spread, toggles
from .theme import DATATYPE_DASHES, DATATYPES, FAMILY_COLOURS, colours_for
from .theory import LEVEL0_MODEL

ROOFLINE_SIZE = (720, 480)
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
    lines = _roofs(platforms, x_min=x_min, x_max=x_max)
    y_min = decade_floor(lines["peak_tops"].min() / 20)
    y_max = decade_ceil(lines["performance_tops"].max() * 2)
    lines = _cut_below(lines, y_min)
    nets = _network_rules(models, x_domain=(x_min, x_max), width=ROOFLINE_SIZE[0])
    families = in_order(lines["family"], FAMILY_COLOURS)
    dtypes = in_order(pd.concat([lines["datatype"], nets["datatype"]]), DATATYPES)
    fam, dt = toggles(families, "show"), toggles(dtypes, "show")
    x_domain, y_domain = [x_min, x_max], [y_min, y_max]
    dash = (
        alt.StrokeDash("datatype:N")
        .scale(domain=dtypes, range=[DATATYPE_DASHES[d] for d in dtypes])
        .title("Datatype")
        .legend(symbolStrokeColor="#333333", symbolStrokeWidth=2, symbolSize=600)
    )
    hw = (
        _roof_layer(lines, x_domain, y_domain, dash, order)
        .transform_filter(shown("family", fam))
        .transform_filter(shown("datatype", dt))
    )
    rules, leaders, labels = _network_layers(
        alt.Chart(nets).transform_filter(shown("datatype", dt)), x_domain, dash
    )
    return (
        alt.layer(rules, leaders, labels, hw)
        .add_params(*fam.values(), *dt.values())
        .properties(
            width=ROOFLINE_SIZE[0],
            height=ROOFLINE_SIZE[1],
            title=alt.TitleParams(title, subtitle=LEVEL0_MODEL),
        )
    )


def _roofs(platforms: pd.DataFrame, *, x_min: float, x_max: float) -> pd.DataFrame:
    """The roof lines over ``x_min`` to ``x_max`` with each line's hardware label, family,
    peak and bandwidth, and its width (``stroke_px``): identical roofs (the same peak and
    bandwidth at the same datatype: ZCU104-FINN and -BISMO) are drawn as a wider line under
    a narrower one, so that neither hides."""
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
    rank = lines.groupby(
        ["datatype", "peak_tops", "bandwidth_gbps", "point"], sort=False, observed=True
    ).cumcount()
    return (
        lines.assign(stroke_px=2.0 + 3.0 * rank.astype(float))
        .sort_values("stroke_px", ascending=False, kind="stable")
        .reset_index(drop=True)
    )


def _log_x(field: str, x_domain: list[float]) -> alt.X:
    """The log x encoding of ``field`` over ``x_domain`` (not niced)."""
    return alt.X(field).scale(type="log", domain=x_domain, nice=False)


def _roof_layer(
    lines: pd.DataFrame,
    x_domain: list[float],
    y_domain: list[float],
    dash: alt.StrokeDash,
    order: list[str] | None,
) -> alt.Chart:
    """The hardware's roofs: a line each, coloured by hardware (in ``order`` where given),
    dashed by datatype, on log axes over ``x_domain`` and ``y_domain``."""
    hardware = ordered(lines["hardware"])
    if order is not None:
        hardware = [h for h in order if h in set(hardware)] + [h for h in hardware if h not in set(order)]
    x = _log_x("intensity_opb:Q", x_domain).axis(log_axis(x_domain)).title("Arithmetic intensity [op/B]")
    y = (
        alt.Y("performance_tops:Q")
        .scale(type="log", domain=y_domain, nice=False)
        .axis(log_axis(y_domain))
        .title("Performance [TOP/s]")
    )
    return (
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
    )


def _network_layers(
    rule_base: alt.Chart, x_domain: list[float], dash: alt.StrokeDash
) -> tuple[alt.Chart, alt.Chart, alt.Chart]:
    """The networks' vertical rules (dashed by datatype), and their labels above the plot,
    spread apart (at label_opb, on the same axis, so that they keep apart at any width from
    the designed one up), each on a leader from its own line's top."""
    rules = rule_base.mark_rule(strokeWidth=1.3, color=NETWORK_COLOUR, opacity=0.85).encode(
        x=_log_x("arithmetic_intensity_opb:Q", x_domain),
        strokeDash=dash,
        tooltip=[
            alt.Tooltip("network:N"),
            alt.Tooltip("datatype:N"),
            alt.Tooltip("arithmetic_intensity_opb:Q", title="intensity [op/B]", format=".2f"),
        ],
    )
    leaders = rule_base.mark_rule(strokeWidth=0.8, color=NETWORK_COLOUR).encode(
        x=_log_x("arithmetic_intensity_opb:Q", x_domain),
        x2=alt.X2("label_opb:Q"),
        y=alt.value(0),
        y2=alt.value(-LEADER_PX),
    )
    labels = rule_base.mark_text(
        angle=270, align="left", baseline="middle", fontSize=9.5, color="#333333"
    ).encode(x=_log_x("label_opb:Q", x_domain), y=alt.value(-LEADER_PX - 3), text="label:N")
    return rules, leaders, labels


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
