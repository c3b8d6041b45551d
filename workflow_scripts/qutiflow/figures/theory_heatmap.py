"""The prediction heatmap of the theoretical analysis: level-0 predicted fps per hardware
× model, the full grid drawn."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..labels import hardware_label, model_label
from .scales import ordered
from .theory import LEVEL0_PREDICTION

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
