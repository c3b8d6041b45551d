"""Box plots of the measured analysis checked as specs (to_dict), never as pixels."""

from __future__ import annotations

import json
import re

import pandas as pd
from helpers import mark, with_strings
from qutiflow.figures.measured_boxes import boxplot_chart

STATS = with_strings(
    pd.DataFrame(
        {
            "topology": ["ResNet-50", "ResNet-50", "ResNet-50", "GoogLeNetv1"],
            "hardware": ["ZCU102-DPU INT8", "ZCU102-DPU INT8", "TX2-maxn FP16", "TX2-maxn FP16"],
            "pruning_pct": [100.0, 50.0, 100.0, 100.0],
            "min": [10.0, 4.0, 2.0, 1.0],
            "q1": [11.0, 4.5, 2.5, 1.5],
            "median": [12.0, 5.0, 3.0, 2.0],
            "q3": [14.0, 5.5, 3.5, 2.5],
            "max": [20.0, 6.0, 4.0, 3.0],
            "n": [8, 8, 5, 5],
        }
    ),
    "topology",
    "hardware",
)


def _panels(spec: dict) -> list[dict]:
    return [panel for row in spec["vconcat"] for panel in row["hconcat"]]


def _data(spec: dict, unit: dict) -> list[dict]:
    """The rows ``unit`` draws: the chart's one table through the unit's filters (each a
    conjunction of ``datum.field === value``)."""
    table = spec["datasets"][spec["data"]["name"]]
    for t in unit.get("transform", []):
        terms = re.findall(r"datum\.(\w+) === ('[^']*'|true|false)", t["filter"])
        assert terms and t["filter"].count("===") == len(terms) and "||" not in t["filter"]
        wanted = {f: json.loads(v.replace("'", '"')) for f, v in terms}
        table = [d for d in table if all(d[f] == v for f, v in wanted.items())]
    return table


def test_boxplot_draws_the_preaggregated_rows_one_network_per_panel():
    spec = boxplot_chart(STATS, value_title="Compute latency [ms]", title="Latency by Hardware").to_dict()
    assert spec["title"] == "Latency by Hardware"
    panels = _panels(spec)
    # a panel per network, in row order; no box mixes networks: the panels share one
    # table, each drawing its network's rows only
    assert [p["title"]["text"] for p in panels] == ["ResNet-50", "GoogLeNetv1"]
    assert all("data" not in u for p in panels for u in p["layer"])
    for p in panels:
        assert all({d["topology"] for d in _data(spec, u)} <= {p["title"]["text"]} for u in p["layer"])
        assert all(_data(spec, u) for u in p["layer"][:4])  # boxes and an odd group's name
    assert [{d["hardware"] for d in _data(spec, p["layer"][0])} for p in panels] == [
        {"ZCU102-DPU INT8", "TX2-maxn FP16"},
        {"TX2-maxn FP16"},
    ]
    text = json.dumps(spec)
    assert '"boxplot"' not in text and '"aggregate"' not in text
    resnet = panels[0]
    assert [mark(u) for u in resnet["layer"]] == ["rule", "bar", "tick", "text", "text"]
    assert len(_data(spec, resnet["layer"][0])) == 3  # the statistics themselves
    assert {d["n"] for d in _data(spec, resnet["layer"][1])} == {8, 5}
    rule, box, tick = (u["encoding"] for u in resnet["layer"][:3])
    assert (rule["y"]["field"], rule["y2"]["field"]) == ("min", "max")
    assert (box["y"]["field"], box["y2"]["field"]) == ("q1", "q3")
    assert tick["y"]["field"] == "median"
    # a slot per hardware × pruning measured, an empty slot between hardware groups
    slots = ["ZCU102-DPU INT8 · 50%", "ZCU102-DPU INT8 · 100%", " ", "TX2-maxn FP16 · 100%"]
    for enc in (rule, box, tick):
        assert enc["y"]["scale"]["type"] == "log"
        assert enc["x"]["field"] == "slot" and enc["x"]["scale"]["domain"] == slots
    assert box["y"]["title"] == "Compute latency [ms]"
    assert box["color"]["field"] == "pruning_pct" and box["color"]["type"] == "ordinal"
    assert box["color"]["scale"]["domain"] == [50.0, 100.0]
    # each group's name under its middle: between its two boxes, under its one box
    odd, even = resnet["layer"][3:]
    names = {d["hardware"]: (d["slot"], d["even"]) for d in _data(spec, odd) + _data(spec, even)}
    assert names == {
        "ZCU102-DPU INT8": ("ZCU102-DPU INT8 · 100%", True),
        "TX2-maxn FP16": ("TX2-maxn FP16 · 100%", False),
    }
    assert [d["hardware"] for d in _data(spec, even)] == ["ZCU102-DPU INT8"]
    assert odd["encoding"]["x"]["bandPosition"] == 0.5 and even["encoding"]["x"]["bandPosition"] == 0
    # one log axis shared by the panels: the same domain from the lowest min to the highest max
    domains = {tuple(p["layer"][1]["encoding"]["y"]["scale"]["domain"]) for p in panels}
    assert len(domains) == 1
    lo, hi = domains.pop()
    assert lo < 1.0 and hi > 20.0
    # the googlenet panel has one slot: its one box
    assert panels[1]["layer"][1]["encoding"]["x"]["scale"]["domain"] == ["TX2-maxn FP16 · 100%"]


def test_boxplot_hardware_follows_the_catalogue_order():
    spec = boxplot_chart(STATS, value_title="v", title="T", order=["TX2-maxn", "ZCU102-DPU"]).to_dict()
    assert _panels(spec)[0]["layer"][1]["encoding"]["x"]["scale"]["domain"][0] == "TX2-maxn FP16 · 100%"
