"""Bar charts of the measured analysis, a row per configuration: the efficiency chart
(predicted, measured and peak fps) and the bars of one value (mean power, energy per
inference, fps per watt)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .measured import hardware_colour
from .scales import decade_floor, log_axis, log_extent, ordered
from .theme import MEASURED_COLOUR, PREDICTED_COLOUR

#: the efficiency chart's bars, top to bottom within a config, and their colours
BAR_TYPES = ["predicted", "measured", "peak"]
BAR_COLOURS = [PREDICTED_COLOUR, MEASURED_COLOUR, "#9e9e9e"]
#: pixels per config in the efficiency chart (three bars) and per bar in the bar chart
EFFICIENCY_ROW_PX = 30
BAR_ROW_PX = 18
#: a bar chart whose values span more than this ratio gets a log axis (energy per inference:
#: 0.007 to 240 mJ), so that the small bars stay visible
BAR_LOG_RATIO = 100.0


def _log_bar_domain(values: pd.Series) -> list[float]:
    """A log axis for bars of positive ``values``: from the decade below the data to just
    past the longest bar and its label."""
    lo, hi = log_extent(values, pad=1.0)
    return [decade_floor(lo * 0.9), hi * 2.5]


def _config_axis(keys: list[str]) -> alt.Y:
    """A row per configuration, in the order of ``keys``."""
    return alt.Y("config_key:N").sort(keys).title(None).axis(labelLimit=320, grid=False)


def efficiency_chart(eff: pd.DataFrame, *, title: str) -> alt.LayerChart:
    """Per configuration, horizontal log bars of predicted, measured and theoretical peak
    fps, with the efficiency (measured ÷ predicted) printed after the measured bar.

    ``eff`` needs config_key, measured_fps, predicted_fps, peak_fps and efficiency_pct
    (platform_label and family may be present; they are not drawn). Configs are drawn in
    row order; a missing or non-positive fps has no bar, a missing efficiency no label."""
    keys = ordered(eff["config_key"])
    long = eff[["config_key", "predicted_fps", "measured_fps", "peak_fps"]].melt(
        id_vars="config_key", var_name="type", value_name="fps"
    )
    long["type"] = long["type"].str.removesuffix("_fps")
    labels = {
        k: (f"{round(float(v), 1)}%" if pd.notna(v) else None)
        for k, v in zip(eff["config_key"], eff["efficiency_pct"])
    }
    long["label"] = [labels[k] if t == "measured" else None for k, t in zip(long["config_key"], long["type"])]
    long = long[long["fps"].notna() & (long["fps"] > 0)].reset_index(drop=True)
    domain = _log_bar_domain(long["fps"])
    base = alt.Chart(long).encode(
        y=_config_axis(keys),
        yOffset=alt.YOffset("type:N").sort(BAR_TYPES).scale(domain=BAR_TYPES),
        x=alt.X("fps:Q")
        .scale(type="log", domain=domain, nice=False)
        .axis(log_axis(domain))
        .title("Throughput [fps]"),
    )
    bars = base.mark_bar().encode(
        x2=alt.datum(domain[0]),  # log bars need an explicit base
        color=alt.Color("type:N").scale(domain=BAR_TYPES, range=BAR_COLOURS).title("Throughput"),
        tooltip=[
            alt.Tooltip("config_key:N", title="config"),
            alt.Tooltip("type:N"),
            alt.Tooltip("fps:Q", title="throughput [fps]", format=",.1f"),
        ],
    )
    text = (
        base.mark_text(align="left", baseline="middle", dx=3, fontSize=9)
        .encode(text="label:N")
        .transform_filter("isValid(datum.label)")
    )
    return alt.layer(bars, text).properties(
        width=560, height=max(60, EFFICIENCY_ROW_PX * len(keys)), title=title
    )


def bar_chart(
    values: pd.DataFrame, *, value_title: str, title: str, fmt: str, order: list[str] | None = None
) -> alt.LayerChart:
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
        domain = _log_bar_domain(positive)
        x = x.scale(type="log", domain=domain, nice=False).axis(log_axis(domain))
        extra = {"x2": alt.datum(domain[0])}  # log bars need an explicit base
    elif len(positive):
        x = x.scale(domain=[0, float(positive.max()) * 1.15])
    base = alt.Chart(v).encode(y=_config_axis(keys), x=x)
    bars = base.mark_bar(size=BAR_ROW_PX - 4).encode(
        color=hardware_colour(v["platform_label"], order),
        tooltip=[
            alt.Tooltip("config_key:N", title="config"),
            alt.Tooltip("platform_label:N", title="hardware"),
            alt.Tooltip("value:Q", title=value_title, format=fmt),
        ],
        **extra,
    )
    text = base.mark_text(align="left", baseline="middle", dx=3, fontSize=9).encode(
        text=alt.Text("value:Q", format=fmt)
    )
    return alt.layer(bars, text).properties(width=520, height=max(60, BAR_ROW_PX * len(keys)), title=title)
