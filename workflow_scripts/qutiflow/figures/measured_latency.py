"""The latency-versus-throughput chart of the measured analysis: a panel per network, a
line per configuration over its batch sizes."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..tasks import pruning_label
from .measured import hardware_colour
from .scales import in_order, log_axis, log_extent, ordered
from .theme import DATATYPE_DASHES, DATATYPES

#: datatypes keep one point shape and line dash in the latency chart
DATATYPE_SHAPES = {
    "INT2": "circle",
    "INT4": "square",
    "INT8": "diamond",
    "FP16": "triangle-up",
    "FP32": "cross",
}
LATENCY_PANEL = (260, 200)
LATENCY_COLUMNS = 4


def latency_throughput_chart(
    m: pd.DataFrame, *, title: str, order: list[str] | None = None
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
    d, panels = _latency_rows(m)
    dtypes = in_order(d["datatype"], DATATYPES)
    pick = alt.selection_point(name="pick", fields=["platform_label"], bind="legend")
    colour = hardware_colour(d["platform_label"], order).legend(symbolLimit=0)
    return (
        alt.Chart(d)
        .mark_line(strokeWidth=1.5, point=alt.OverlayMarkDef(filled=True, size=40))
        .encode(
            **_latency_axes(d),
            color=alt.when(pick).then(colour).otherwise(alt.value("lightgray")),
            opacity=alt.when(pick).then(alt.value(1.0)).otherwise(alt.value(0.4)),
            **_datatype_marks(dtypes),
            detail="config_key:N",
            order="batch:Q",
            tooltip=[
                alt.Tooltip("config_key:N", title="config"),
                alt.Tooltip("platform_label:N", title="hardware"),
                alt.Tooltip("batch:Q"),
                alt.Tooltip("latency_compute_ms:Q", title="latency [ms]", format=",.3f"),
                alt.Tooltip("throughput_compute_fps:Q", title="throughput [fps]", format=",.1f"),
            ],
        )
        .add_params(pick)
        .properties(width=LATENCY_PANEL[0], height=LATENCY_PANEL[1])
        .facet(
            facet=alt.Facet("network:N")
            .sort(panels)
            .title(None)
            .header(labelFontSize=12, labelFontWeight="bold"),
            columns=min(LATENCY_COLUMNS, max(1, len(panels))),
        )
        .properties(title=title)
    )


def _latency_rows(m: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The chart's rows, each with its ``network`` (topology and pruning), and the panels:
    networks in order of first appearance, prunings of one topology descending."""
    d = m[
        [
            "config_key",
            "platform_label",
            "datatype",
            "topology",
            "pruning_pct",
            "batch",
            "latency_compute_ms",
            "throughput_compute_fps",
        ]
    ]
    d = d.assign(network=(d["topology"].astype("string") + " " + pruning_label(d["pruning_pct"]) + "%")).drop(
        columns=["topology", "pruning_pct"]
    )
    first = {t: i for i, t in enumerate(ordered(m["topology"].astype("string")))}
    keys = m.assign(t=m["topology"].astype("string").map(first), p=-m["pruning_pct"])
    panels = ordered(
        d.assign(t=keys["t"].to_numpy(), p=keys["p"].to_numpy()).sort_values(["t", "p"], kind="stable")[
            "network"
        ]
    )
    return d, panels


def _latency_axes(d: pd.DataFrame) -> dict:
    """The x (compute latency) and y (compute throughput) encodings: log axes that end
    just past the data."""
    x_dom = log_extent(d["latency_compute_ms"], pad=1.2)
    y_dom = log_extent(d["throughput_compute_fps"], pad=1.2)
    return {
        "x": alt.X("latency_compute_ms:Q")
        .scale(type="log", domain=x_dom, nice=False)
        .axis(log_axis(x_dom, length=LATENCY_PANEL[0]))
        .title("Compute latency [ms]"),
        "y": alt.Y("throughput_compute_fps:Q")
        .scale(type="log", domain=y_dom, nice=False)
        .axis(log_axis(y_dom, length=LATENCY_PANEL[1]))
        .title("Compute throughput [fps]"),
    }


def _datatype_marks(dtypes: list[str]) -> dict:
    """The point shape and line dash per datatype (one legend, "Datatype")."""
    return {
        "shape": alt.Shape("datatype:N")
        .scale(domain=dtypes, range=[DATATYPE_SHAPES.get(t, "circle") for t in dtypes])
        .title("Datatype")
        .legend(symbolFillColor="#444444", symbolStrokeColor="#444444"),
        "strokeDash": alt.StrokeDash("datatype:N")
        .scale(domain=dtypes, range=[DATATYPE_DASHES.get(t, [1, 0]) for t in dtypes])
        .title("Datatype"),
    }
