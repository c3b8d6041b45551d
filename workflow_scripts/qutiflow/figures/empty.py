"""The chart drawn instead of an empty frame: the figure's title and a plain sentence
saying what is missing (e.g. no power measurements for a task)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from . import NO_DATA, USERMETA

NOTE_SIZE = (460, 40)
NOTE_COLOUR = "#57606a"


def no_data_chart(title: str | alt.TitleParams, message: str) -> alt.Chart:
    """A small chart with ``title`` that says ``message`` instead of axes around nothing.
    Its spec carries the message in ``usermeta`` (:func:`qutiflow.figures.no_data_message`)."""
    return (
        alt.Chart(pd.DataFrame({"message": [message]}))
        .mark_text(
            align="left",
            baseline="middle",
            fontSize=14,
            fontStyle="italic",
            color=NOTE_COLOUR,
        )
        .encode(
            x=alt.value(0),
            y=alt.value(NOTE_SIZE[1] / 2),
            text=alt.Text("message:N"),
        )
        .properties(
            width=NOTE_SIZE[0],
            height=NOTE_SIZE[1],
            title=title,
            usermeta={USERMETA: {NO_DATA: message}},
        )
        .configure_view(stroke=None)
    )


def or_note(
    frame: pd.DataFrame, build, *, title: str | alt.TitleParams, message: str
) -> tuple[alt.TopLevelMixin, bool]:
    """``build(frame)``, or :func:`no_data_chart` when ``frame`` has no rows; and whether
    it was the note (for the entry script to log)."""
    if len(frame) == 0:
        return no_data_chart(title, message), True
    return build(frame), False
