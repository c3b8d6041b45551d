"""Builders of the prediction-fidelity figures (job plot_fidelity)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..figures.fidelity import error_points
from ..figures.fidelity_batches import fidelity_batches as batches_chart
from ..figures.fidelity_error import fidelity_error as error_chart
from ..figures.fidelity_scatter import fidelity_scatter as scatter_chart
from . import Plan


@dataclass(frozen=True)
class Fidelity:
    """What plot_fidelity loads."""

    #: predictions against measurements, with the hardware family
    rows: pd.DataFrame
    #: the scores per model, scope and platform
    scores: pd.DataFrame
    #: each configuration at its best batch (figures.fidelity.best_batch_points)
    points: pd.DataFrame
    #: throughput over batch size per configuration (figures.fidelity_batches.batch_lines)
    lines: pd.DataFrame
    #: platforms in drawing order
    order: list[str]
    #: platforms with nothing to score
    unscored: list[str]


def fidelity_scatter(d: Fidelity) -> Plan:
    title = "Predicted Versus Measured Throughput"
    return Plan(
        d.points.loc[d.points["predicted_fps"].gt(0)],
        lambda f: scatter_chart(d.points, d.scores, order=d.order, title=title),
        title,
        "No measured configuration has a prediction",
    )


def fidelity_error(d: Fidelity) -> Plan:
    title = "Prediction Error per Platform"
    return Plan(
        error_points(d.scores),
        lambda f: error_chart(d.scores, order=d.order, unscored=d.unscored, title=title),
        title,
        "Nothing scored: every configuration is an anchor or has no prediction",
    )


def fidelity_batches(d: Fidelity) -> Plan:
    title = "Measured and Predicted Throughput over Batch Size"
    return Plan(
        d.lines.loc[d.lines["n_batches"] > 1],
        lambda f: batches_chart(d.rows, order=d.order, title=title),
        title,
        "No platform was measured at more than one batch size",
    )
