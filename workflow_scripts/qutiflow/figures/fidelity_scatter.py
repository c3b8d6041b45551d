"""Predicted against measured throughput, a log-log panel per model, each configuration at
its best measured batch (:func:`fidelity_scatter`)."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from .fidelity import BAND, MODEL_NAMES, MODELS, error_points, platform_encodings
from .scales import decade_ceil, decade_floor

SCORED, ANCHOR = "scored", "anchor: fitted on, never scored"
#: area of the ring drawn around each anchor [px²]
RING_SIZE = 240
SCATTER_PX = 290


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
    return pd.DataFrame(
        {"fps": xs, "low": [max(x / BAND, lo) for x in xs], "high": [min(x * BAND, hi) for x in xs]}
    )


def fidelity_scatter(
    points: pd.DataFrame, summary: pd.DataFrame, *, order: list[str], title: str
) -> alt.HConcatChart:
    """Predicted against measured throughput on log-log axes, a panel per model, each
    configuration at its best measured batch: the dashed line is predicted = measured, the
    grey band within a factor of :data:`BAND`. Colour and shape mark the platform; anchors
    (the calibration's configurations, left out of every score) are ringed, in every panel.

    ``points`` (:func:`~qutiflow.figures.fidelity.best_batch_points`) needs config, task,
    platform, family, batch, measured_fps, model, predicted_fps, bound and is_anchor; rows
    without a prediction are not drawn. Each panel's subtitle gives the model's overall score from ``summary``
    (``fidelity/summary.parquet``, scope best_batch), the numbers of the error chart."""
    p = _scatter_points(points)
    domain = _log_domain(pd.concat([p["measured_fps"], p["predicted_fps"]]))
    band, diagonal = _reference_layers(domain)
    dots, rings = _point_layers(p, platform_encodings(points.drop_duplicates("platform"), order), domain)
    overall = error_points(summary).set_index("model").query("platform == 'all'")
    panels = []
    for model in MODELS:
        sub = (
            f"{overall.at[model, 'n']} scored, median error {overall.at[model, 'median_error']}"
            if model in overall.index
            else "nothing scored"
        )
        this = alt.datum.model == model
        panels.append(
            alt.layer(band, diagonal, dots.transform_filter(this), rings.transform_filter(this)).properties(
                width=SCATTER_PX,
                height=SCATTER_PX,
                title=alt.TitleParams(MODEL_NAMES[model], subtitle=sub, fontSize=13),
            )
        )
    return alt.hconcat(*panels, spacing=24).properties(
        title=alt.TitleParams(
            title,
            subtitle=f"Each configuration at its best measured batch. Dashed: predicted = "
            f"measured; grey band: within a factor of {BAND:g}.",
        )
    )


def _scatter_points(points: pd.DataFrame) -> pd.DataFrame:
    """The points with a prediction and a measurement (both positive), each with its
    ``point`` kind (scored or anchor), ``ratio`` (measured ÷ predicted) and bound."""
    cols = [
        "config",
        "task",
        "platform",
        "family",
        "batch",
        "measured_fps",
        "model",
        "predicted_fps",
        "bound",
        "is_anchor",
    ]
    p = points.loc[points["predicted_fps"].gt(0) & points["measured_fps"].gt(0), cols]
    p = p.assign(
        point=np.where(p["is_anchor"].astype(bool), ANCHOR, SCORED),
        ratio=p["measured_fps"] / p["predicted_fps"],
        bound=p["bound"].astype("object").where(p["bound"].notna(), "not given"),
    )
    return p.drop(columns=["is_anchor", "family"]).reset_index(drop=True)


def _log_scale(channel, domain: list[float]):
    """``channel`` on a log scale over ``domain`` (not niced)."""
    return channel.scale(type="log", domain=domain, nice=False)


def _reference_layers(domain: list[float]) -> tuple[alt.Chart, alt.Chart]:
    """The grey band within a factor of :data:`BAND` and the dashed diagonal (predicted =
    measured) over the square ``domain`` × ``domain``."""
    line = _band(domain)
    lx = _log_scale(alt.X("fps:Q"), domain)
    band = (
        alt.Chart(line)
        .mark_area(color="#9e9e9e", opacity=0.18)
        .encode(x=lx, y=_log_scale(alt.Y("low:Q"), domain), y2="high:Q")
    )
    # the diagonal stays clipped: its stroke would widen the panel past the frame
    diagonal = (
        alt.Chart(line)
        .mark_line(color="#555555", strokeDash=[5, 4], strokeWidth=1.2, clip=True)
        .encode(x=lx, y=_log_scale(alt.Y("fps:Q"), domain))
    )
    return band, diagonal


def _point_layers(p: pd.DataFrame, enc: dict, domain: list[float]) -> tuple[alt.Chart, alt.Chart]:
    """The configurations' dots (colour and shape ``enc``: the platform) and a ring around
    each anchor, on log axes over ``domain``."""
    x = _log_scale(alt.X("measured_fps:Q"), domain).title("Measured throughput [fps]").axis(format="~s")
    y = _log_scale(alt.Y("predicted_fps:Q"), domain).title("Predicted throughput [fps]").axis(format="~s")
    tooltip = [
        alt.Tooltip("config:N", title="configuration"),
        alt.Tooltip("task:N"),
        alt.Tooltip("batch:Q", title="best batch"),
        alt.Tooltip("measured_fps:Q", title="measured [fps]", format=",.4~g"),
        alt.Tooltip("predicted_fps:Q", title="predicted [fps]", format=",.4~g"),
        alt.Tooltip("ratio:Q", title="measured ÷ predicted", format=".3~g"),
        alt.Tooltip("bound:N", title="bound by"),
        alt.Tooltip("point:N"),
    ]
    dots = (
        alt.Chart(p)
        .mark_point(filled=True, size=60, opacity=0.8, clip=True)
        .encode(x=x, y=y, tooltip=tooltip, **enc)
    )
    # a ring around each anchor; Vega draws no legend for a fill opacity, so hollow
    # markers could not be named in the legend: the ring's opacity legend names it
    rings = (
        alt.Chart(p)
        .mark_point(filled=False, shape="circle", size=RING_SIZE, color="#222222", strokeWidth=1.3, clip=True)
        .encode(
            x=x,
            y=y,
            tooltip=tooltip,
            opacity=alt.Opacity("point:N").scale(domain=[ANCHOR], range=[1.0]).title("Calibration"),
        )
        .transform_filter(alt.datum.point == ANCHOR)
    )
    return dots, rings
