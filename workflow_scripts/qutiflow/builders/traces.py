"""Builder of the power-trace figure (job plot_power_traces)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..figures.power_traces import power_trace_chart, power_trace_title
from . import Plan


@dataclass(frozen=True)
class Traces:
    """What plot_power_traces loads: the samples left after the outlier rule."""

    kept: pd.DataFrame


def power_over_time(d: Traces) -> Plan:
    title = power_trace_title(d.kept["platform"])  # the platforms the traces are from
    return Plan(
        d.kept[["op_mode", "series", "time_s", "power_w"]],
        lambda f: power_trace_chart(f, title=title),
        title,
        "No power traces in this run's data",
    )
