"""The power-trace chart: power over time, a row per series and a column per op mode."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .scales import ordered
from .theme import colours_for


def power_trace_title(platforms) -> str:
    """The power-trace chart's title, naming the platforms the traces were taken on.

    >>> power_trace_title(["EdgeTPU", "EdgeTPU"])
    'ImageNet networks: power over time on EdgeTPU'
    >>> power_trace_title(["NCS2", "EdgeTPU"])
    'ImageNet networks: power over time on EdgeTPU and NCS2'
    >>> power_trace_title([])
    'ImageNet networks: power over time'
    """
    names = sorted(set(platforms))
    if not names:
        return "ImageNet networks: power over time"
    on = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"ImageNet networks: power over time on {on}"


def power_trace_chart(traces: pd.DataFrame, *, title: str) -> alt.FacetChart:
    """Power over time as areas, a row per series (idle or a network, in row order) and a
    column per op mode, each 100 px high with its own time axis.

    ``traces`` needs op_mode, series, time_s and power_w."""
    t = traces[["op_mode", "series", "time_s", "power_w"]]
    series, modes = ordered(t["series"]), ordered(t["op_mode"])
    return (
        alt.Chart(t)
        .mark_area(interpolate="basis", line=True, fillOpacity=0.4)
        .encode(
            x=alt.X("time_s:Q").title("Time [s]"),
            y=alt.Y("power_w:Q").title("Power [W]"),
            color=alt.Color("series:N").scale(colours_for(series)).legend(None),
            tooltip=[
                alt.Tooltip("series:N"),
                alt.Tooltip("op_mode:N", title="op mode"),
                alt.Tooltip("time_s:Q", title="time [s]"),
                alt.Tooltip("power_w:Q", title="power [W]", format=".3f"),
            ],
        )
        .properties(width=300, height=100)
        .facet(
            row=alt.Row("series:N").sort(series).title(None).header(labelAngle=0, labelAlign="left"),
            column=alt.Column("op_mode:N").sort(modes).title("Op mode"),
        )
        .resolve_scale(x="independent")
        .properties(title=title)
    )
