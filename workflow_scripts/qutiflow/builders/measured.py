"""Builders of the measured figures of one task (job plot_measured)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import io, measured
from ..figures.measured_bars import bar_chart, efficiency_chart
from ..figures.measured_boxes import boxplot_chart
from ..figures.measured_latency import latency_throughput_chart
from ..figures.measured_pareto import design_pareto_chart, overlapped_pareto_chart
from . import Plan

POINT = [
    "config_key",
    "platform_label",
    "datatype",
    "topology",
    "pruning_pct",
    "batch",
    "throughput_compute_fps",
    "top1_pct",
]


@dataclass(frozen=True)
class Measured:
    """What plot_measured loads for one task."""

    #: the task's title (ImageNet, ...)
    name: str
    #: every measured row of the task (categorical columns)
    rows: pd.DataFrame
    #: each configuration at its best batch (qutiflow.measured.best_per_config)
    best: pd.DataFrame
    #: measured ÷ predicted per configuration, with the hardware family
    efficiency: pd.DataFrame
    #: best measured points with their level-0 prediction, with the hardware family
    overlapped: pd.DataFrame
    #: means per configuration (power, energy, fps per watt)
    means: pd.DataFrame
    #: the measured pareto front (read when drawn)
    pareto_file: str
    #: platform labels in catalogue order (one colour each in every chart)
    order: list[str]

    @property
    def none(self) -> str | None:
        """The note when the task has no measurements at all."""
        return f"No measurements for {self.name}" if self.rows.empty else None

    @property
    def no_power(self) -> str:
        return self.none or f"No power measurements for {self.name}"

    @property
    def nothing_predicted(self) -> str:
        return self.none or f"No measured configuration of {self.name} has a level-0 prediction"


def design_pareto(d: Measured) -> Plan:
    title = f"{d.name} Classification Design Space: Accuracy Versus Performance"
    return Plan(
        d.best.loc[d.best["top1_pct"].notna(), POINT],
        lambda f: design_pareto_chart(f, io.read_parquet(d.pareto_file)[POINT], title=title, order=d.order),
        title,
        d.none or f"No measured configuration of {d.name} has a top-1 accuracy",
    )


def overlapped_pareto(d: Measured) -> Plan:
    title = f"Overlapped Pareto Plots, Theoretical and Measured, for {d.name}"
    return Plan(
        d.overlapped,
        lambda f: overlapped_pareto_chart(f, title=title, order=d.order),
        title,
        d.nothing_predicted,
    )


def efficiency(d: Measured) -> Plan:
    title = f"Efficiency Plots for {d.name}"
    return Plan(d.efficiency, lambda f: efficiency_chart(f, title=title), title, d.nothing_predicted)


def latency_throughput(d: Measured) -> Plan:
    title = f"Latency Versus Performance for Pruned and Quantized {d.name} Classifiers"
    return Plan(
        measured.median_per_batch(d.rows),
        lambda f: latency_throughput_chart(f, title=title, order=d.order),
        title,
        d.none or f"No rows for {d.name}",
    )


def _boxes(d: Measured, value: str, what: str, unit: str, message: str) -> Plan:
    title = f"{what} by Hardware/Framework and Pruning for {d.name} Classification"
    return Plan(
        measured.boxplot_stats(d.rows, value),
        lambda f: boxplot_chart(f, value_title=unit, title=title, order=d.order),
        title,
        message,
    )


def boxplot_latency(d: Measured) -> Plan:
    return _boxes(
        d, "latency_compute_ms", "Latency", "Compute latency [ms]", d.none or f"No rows for {d.name}"
    )


def boxplot_throughput(d: Measured) -> Plan:
    return _boxes(
        d,
        "throughput_compute_fps",
        "Throughput",
        "Compute throughput [fps]",
        d.none or f"No rows for {d.name}",
    )


def boxplot_power(d: Measured) -> Plan:
    return _boxes(d, "power_full_w", "Power Consumption", "Full power [W]", d.no_power)


def _bars(d: Measured, value: str, what: str, unit: str, fmt: str) -> Plan:
    values = d.means[["config_key", "platform_label", value]].rename(columns={value: "value"})
    title = f"{what} for {d.name} Classification"
    return Plan(
        values.dropna(subset=["value"]),
        lambda f: bar_chart(f, value_title=unit, title=title, fmt=fmt, order=d.order),
        title,
        d.no_power,
    )


def power_bars(d: Measured) -> Plan:
    return _bars(d, "power_full_w", "Power Plots", "Mean full power [W]", ".1f")


def energy_per_inference(d: Measured) -> Plan:
    return _bars(d, "energy_mj", "Energy per Inference", "Energy per inference [mJ]", ".3~g")


def fps_per_watt(d: Measured) -> Plan:
    return _bars(d, "fps_per_w", "Throughput per Watt", "Throughput per watt [fps/W]", ".3~s")
