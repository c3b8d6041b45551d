"""The power-trace chart checked as a spec (to_dict), never as pixels."""

from __future__ import annotations

import pandas as pd
from helpers import mark, spec_rows, with_strings
from qutiflow.figures.power_traces import power_trace_chart

TRACES = with_strings(
    pd.DataFrame(
        {
            "op_mode": ["slow"] * 4 + ["fast"] * 4,
            "series": ["idle", "idle", "GoogLeNet", "GoogLeNet"] * 2,
            "time_s": [0.0, 1.0] * 4,
            "power_w": [0.9, 0.95, 1.6, 1.7, 0.9, 0.92, 2.1, 2.2],
        }
    ),
    "op_mode",
    "series",
)


def test_power_trace_spec():
    spec = power_trace_chart(TRACES, title="EdgeTPU power").to_dict()
    assert mark(spec["spec"]) == "area"
    assert spec["spec"]["mark"] == {"type": "area", "interpolate": "basis", "line": True, "fillOpacity": 0.4}
    assert spec["spec"]["height"] == 100
    assert spec["facet"]["row"]["field"] == "series"
    assert spec["facet"]["row"]["sort"] == ["idle", "GoogLeNet"]
    assert spec["facet"]["column"]["field"] == "op_mode"
    assert spec["facet"]["column"]["sort"] == ["slow", "fast"]
    assert spec["resolve"]["scale"]["x"] == "independent"
    enc = spec["spec"]["encoding"]
    assert (enc["x"]["field"], enc["x"]["title"]) == ("time_s", "Time [s]")
    assert (enc["y"]["field"], enc["y"]["title"]) == ("power_w", "Power [W]")
    assert len(spec_rows(spec)) == 8
