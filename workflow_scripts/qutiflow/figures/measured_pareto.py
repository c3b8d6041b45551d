"""Pareto charts of the measured analysis: the design space (measured fps against top-1,
with the measured front) and the measured and predicted fronts overlapped."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .measured import hardware_colour
from .scales import in_order, log_axis, log_extent, shown, stacked, toggles
from .theme import DATATYPES, FAMILY_COLOURS, MEASURED_COLOUR, PREDICTED_COLOUR

PARETO_SIZE = (600, 480)


def design_pareto_chart(
    points: pd.DataFrame, front: pd.DataFrame, *, title: str, order: list[str] | None = None
) -> alt.LayerChart:
    """Measured fps (log) against top-1 for every configuration's best point, coloured by
    platform and shaped by datatype, with the strict pareto front as a blue line. The x
    axis ends just past the data; points that coincide are drawn as rings around each
    other.

    ``points`` and ``front`` need config_key, platform_label, datatype, batch,
    throughput_compute_fps and top1_pct (topology and pruning_pct may be present; they
    are not drawn). ``front`` is the subset on the front. ``order``
    (:func:`qutiflow.figures.theme.hardware_order`) fixes each platform's colour."""
    cols = ["config_key", "platform_label", "datatype", "batch", "throughput_compute_fps", "top1_pct"]
    pts, fr = points[cols], front[cols]
    domain = log_extent(pts["throughput_compute_fps"])
    x = (
        alt.X("throughput_compute_fps:Q")
        .scale(type="log", domain=domain, nice=False)
        .axis(log_axis(domain))
        .title("Measured throughput [fps]")
    )
    y = alt.Y("top1_pct:Q").scale(zero=False).title("Top-1 accuracy [%]")
    tooltip = [
        alt.Tooltip("config_key:N", title="config"),
        alt.Tooltip("batch:Q"),
        alt.Tooltip("throughput_compute_fps:Q", title="throughput [fps]", format=",.1f"),
        alt.Tooltip("top1_pct:Q", title="top-1 [%]"),
    ]
    dtypes = in_order(pts["datatype"], DATATYPES)
    dots = (
        alt.Chart(stacked(pts, ["throughput_compute_fps", "top1_pct"], size=70, step=110))
        .mark_point(filled=True, opacity=0.85)
        .encode(
            x=x,
            y=y,
            color=hardware_colour(pts["platform_label"], order),
            shape=alt.Shape("datatype:N").sort(dtypes).scale(domain=dtypes).title("Datatype"),
            size=alt.Size("size:Q").scale(None),
            tooltip=tooltip,
        )
    )
    line = (
        alt.Chart(fr)
        .mark_line(
            color=MEASURED_COLOUR,
            strokeWidth=2,
            point=alt.OverlayMarkDef(filled=False, color=MEASURED_COLOUR, size=140, strokeWidth=2),
        )
        .encode(x=x, y=y, order="throughput_compute_fps:Q", tooltip=tooltip)
    )
    return alt.layer(dots, line).properties(width=PARETO_SIZE[0], height=PARETO_SIZE[1], title=title)


def overlapped_pareto_chart(
    points: pd.DataFrame, *, title: str, order: list[str] | None = None
) -> alt.LayerChart:
    """Measured (crosses) and predicted (circles) points of the paired configurations,
    coloured by platform, with each type's pareto front as a line (measured blue,
    predicted orange); one checkbox per hardware family hides and restores its points.
    The x axis ends just past the data.

    ``points`` needs config_key, platform_label, family, type ('measured' or
    'predicted'), fps, top1_pct and is_front (on the front of its own type). The family
    must not be missing (a row whose family has no checkbox is never shown). ``order``
    (:func:`qutiflow.figures.theme.hardware_order`) fixes each platform's colour."""
    pts = points[["config_key", "platform_label", "family", "type", "fps", "top1_pct", "is_front"]]
    fam = toggles(in_order(pts["family"], FAMILY_COLOURS), "show")
    domain = log_extent(pts["fps"])
    x = (
        alt.X("fps:Q")
        .scale(type="log", domain=domain, nice=False)
        .axis(log_axis(domain))
        .title("Throughput [fps]")
    )
    y = alt.Y("top1_pct:Q").scale(zero=False).title("Top-1 accuracy [%]")
    base = alt.Chart(pts).encode(x=x, y=y)
    dots = base.mark_point(filled=True, size=100, opacity=0.85).encode(
        color=hardware_colour(pts["platform_label"], order),
        shape=alt.Shape("type:N")
        .scale(domain=["measured", "predicted"], range=["cross", "circle"])
        .title("Point type"),
        tooltip=[
            alt.Tooltip("config_key:N", title="config"),
            alt.Tooltip("platform_label:N", title="hardware"),
            alt.Tooltip("type:N"),
            alt.Tooltip("fps:Q", title="throughput [fps]", format=",.1f"),
            alt.Tooltip("top1_pct:Q", title="top-1 [%]"),
        ],
    )
    if fam:
        dots = dots.transform_filter(shown("family", fam))
    lines = (
        base.mark_line(strokeWidth=2)
        .encode(
            color=alt.Color("type:N")
            .scale(domain=["measured", "predicted"], range=[MEASURED_COLOUR, PREDICTED_COLOUR])
            .title("Pareto front"),
            order="fps:Q",
        )
        .transform_filter("datum.is_front === true")
    )
    return (
        alt.layer(lines, dots)
        .resolve_scale(color="independent")
        .add_params(*fam.values())
        .properties(width=PARETO_SIZE[0], height=PARETO_SIZE[1], title=title)
    )
