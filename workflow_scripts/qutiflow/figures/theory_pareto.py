"""The theoretical pareto chart: level-0 predicted fps against reference top-1 accuracy,
with the pareto front."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..labels import model_label
from ..tasks import platform_label
from .scales import in_order, log_axis, log_extent, ordered, stacked
from .theme import DATATYPES, PREDICTED_COLOUR, colours_for
from .theory import LEVEL0_PREDICTION


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
