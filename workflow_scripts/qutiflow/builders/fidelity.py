"""Builders of the prediction-fidelity figures (job plot_fidelity)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..figures import fidelity as charts
from . import Plan


@dataclass(frozen=True)
class Fidelity:
    """What plot_fidelity loads."""

    #: predictions against measurements, with the hardware family
    rows: pd.DataFrame
    #: the scores per model, scope and platform
    scores: pd.DataFrame
    #: each configuration at its best batch (charts.best_batch_points)
    points: pd.DataFrame
    #: throughput over batch size per configuration (charts.batch_lines)
    lines: pd.DataFrame
    #: platforms in drawing order
    order: list[str]
    #: platforms with nothing to score
    unscored: list[str]


def fidelity_scatter(d: Fidelity) -> Plan:
    title = "Predicted Versus Measured Throughput"
    return Plan(d.points.loc[d.points["predicted_fps"].gt(0)], lambda f: charts.fidelity_scatter(
        d.points, d.scores, order=d.order, title=title), title,
        "No measured configuration has a prediction")


def fidelity_error(d: Fidelity) -> Plan:
    title = "Prediction Error per Platform"
    return Plan(charts.error_points(d.scores), lambda f: charts.fidelity_error(
        d.scores, order=d.order, unscored=d.unscored, title=title), title,
        "Nothing scored: every configuration is an anchor or has no prediction")


def fidelity_batches(d: Fidelity) -> Plan:
    title = "Measured and Predicted Throughput over Batch Size"
    return Plan(d.lines.loc[d.lines["n_batches"] > 1], lambda f: charts.fidelity_batches(
        d.rows, order=d.order, title=title), title,
        "No platform was measured at more than one batch size")
