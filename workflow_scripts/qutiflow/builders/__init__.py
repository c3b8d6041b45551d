"""The figure builders the artifact catalogue names (config/artifacts.yaml, ``builder``).

A builder takes the data its job loaded (one dataclass per job: :mod:`.measured`,
:mod:`.theory`, :mod:`.fidelity`, :mod:`.traces`) and returns a :class:`Plan`: the rows to
draw, how to draw them, the title, and the note shown instead when there are no rows.
:func:`draw` runs the builders of a job's figures and saves each chart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import altair as alt
import pandas as pd

from ..artifacts import import_builder
from ..figures.empty import or_note
from ..figures.save import save_chart


@dataclass(frozen=True)
class Plan:
    rows: pd.DataFrame
    #: the chart of the rows (called only when there are rows)
    chart: Callable[[pd.DataFrame], alt.TopLevelMixin]
    title: str | alt.TitleParams
    #: the note drawn instead when there are no rows
    message: str


def draw(figures: dict[str, list[str]], data, *, bundle: str, log, label: str = "", **save_options) -> None:
    """Each figure of ``figures`` (name: [path without extension, builder]) built from
    ``data`` and saved in every format; a figure with no rows is its note, logged as a
    warning. ``save_options`` go to :func:`~qutiflow.figures.save.save_chart`."""
    for name, (stem, builder) in figures.items():
        plan = import_builder(builder)(data)
        chart, is_note = or_note(plan.rows, plan.chart, title=plan.title, message=plan.message)
        if is_note:
            log.warning("%s%s: %s; drawn as a note", label, name, plan.message)
        save_chart(chart, stem, bundle=bundle, **save_options)
        log.info("wrote %s.{vl.json,svg,png,html} (%d rows)", stem, len(plan.rows))
