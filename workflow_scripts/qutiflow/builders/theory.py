"""Builders of the theoretical figures (job plot_theory): per task, and over all networks."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..figures.theory_heatmap import heatmap_chart
from ..figures.theory_pareto import pareto_chart
from ..figures.theory_requirements import platforms_chart, requirements_chart
from ..figures.theory_roofline import roofline_chart
from . import Plan

KEY = ["topology", "pruning_pct", "datatype"]
NO_PLATFORMS = "No platforms in the catalogue"


@dataclass(frozen=True)
class Theory:
    """What plot_theory loads for one folder: a task (``names`` its one title) or ``all``
    (every task's title, the networks and predictions of every task)."""

    names: list[str]
    #: networks with their arithmetic intensity (qutiflow.roofline.with_intensity)
    models: pd.DataFrame
    predictions: pd.DataFrame
    #: every platform's roofline
    lines: pd.DataFrame
    #: platform labels in catalogue order
    order: list[str]
    #: the theoretical pareto front (a task only)
    front: pd.DataFrame | None = None

    @property
    def name(self) -> str:
        """The title of the one task."""
        return self.names[0]

    @property
    def joined(self) -> str:
        """Every task's title, as 'A, B and C'."""
        n = self.names
        return ", ".join(n[:-1]) + " and " + n[-1] if len(n) > 1 else n[0]


def roofline(d: Theory) -> Plan:
    title = f"Hardware Rooflines and Network Arithmetic Intensity for {d.name}"
    return Plan(
        d.lines, lambda f: roofline_chart(f, d.models, title=title, order=d.order), title, NO_PLATFORMS
    )


def prediction_heatmap(d: Theory) -> Plan:
    title = f"Performance Prediction for {d.name}"
    return Plan(
        d.predictions,
        lambda f: heatmap_chart(f, title=title),
        title,
        f"No level-0 predictions for {d.name}: no platform runs a datatype of its networks",
    )


def pareto_theoretical(d: Theory) -> Plan:
    points = d.predictions.merge(d.models[KEY + ["top1_pct"]], on=KEY, how="left").dropna(subset=["top1_pct"])
    title = f"Theoretical Pareto for {d.name}"
    return Plan(
        points,
        lambda f: pareto_chart(f, d.front, title=title, order=d.order),
        title,
        f"No level-0 prediction for {d.name} has a reference top-1 accuracy",
    )


def all_roofline(d: Theory) -> Plan:
    title = "Hardware Rooflines and Network Arithmetic Intensity, all networks"
    return Plan(
        d.lines, lambda f: roofline_chart(f, d.models, title=title, order=d.order), title, NO_PLATFORMS
    )


def all_prediction_heatmap(d: Theory) -> Plan:
    title = f"Performance Prediction for {d.joined}"
    return Plan(d.predictions, lambda f: heatmap_chart(f, title=title), title, "No level-0 predictions")


def requirements(d: Theory) -> Plan:
    return Plan(
        d.models,
        requirements_chart,
        "Compute and Memory Requirements for All CNNs",
        "No networks in the catalogue",
    )


def platforms(d: Theory) -> Plan:
    return Plan(
        d.lines,
        platforms_chart,
        "Peak Performance and Memory Bandwidth for All Hardware Platforms",
        NO_PLATFORMS,
    )
