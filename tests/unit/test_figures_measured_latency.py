"""The latency-versus-throughput chart checked as a spec (to_dict), never as pixels."""

from __future__ import annotations

import pandas as pd
from helpers import mark, spec_rows, with_strings
from qutiflow.figures.measured_latency import latency_throughput_chart

LATENCY = with_strings(
    pd.DataFrame(
        {
            "config_key": ["b_cfg", "b_cfg", "a_cfg", "a_cfg", "a_cfg", "c_cfg"],
            "platform_label": ["TX2-maxn", "TX2-maxn", "NCS2", "NCS2", "NCS2", "TX2-maxn"],
            "datatype": ["FP16", "FP16", "FP16", "FP16", "FP16", "FP32"],
            "topology": ["CNV", "CNV", "CNV", "CNV", "CNV", "CNV"],
            "pruning_pct": [100.0, 100.0, 100.0, 100.0, 100.0, 50.0],
            "batch": [2, 1, 1, 4, 2, 1],
            "latency_compute_ms": [1.2, 0.8, 5.0, 12.0, 7.5, 0.5],
            "throughput_compute_fps": [1666.7, 1250.0, 200.0, 333.3, 266.7, 2000.0],
        }
    ),
    "config_key",
    "platform_label",
    "datatype",
    "topology",
)


def test_latency_throughput_spec():
    spec = latency_throughput_chart(LATENCY, title="Latency").to_dict()
    assert spec["title"] == "Latency"
    # a panel per network, the least pruned first
    assert spec["facet"]["field"] == "network" and spec["facet"]["sort"] == ["CNV 100%", "CNV 50%"]
    unit = spec["spec"]
    assert mark(unit) == "line" and unit["mark"]["point"]["filled"] is True
    enc = unit["encoding"]
    assert (enc["x"]["field"], enc["x"]["scale"]["type"], enc["x"]["title"]) == (
        "latency_compute_ms",
        "log",
        "Compute latency [ms]",
    )
    assert (enc["y"]["field"], enc["y"]["scale"]["type"], enc["y"]["title"]) == (
        "throughput_compute_fps",
        "log",
        "Compute throughput [fps]",
    )
    assert enc["order"] == {"field": "batch", "type": "quantitative"}
    assert enc["detail"] == {"field": "config_key", "type": "nominal"}
    # the selection lives at the top, bound to the panels' view
    assert spec["params"] == [
        {
            "name": "pick",
            "select": {"type": "point", "fields": ["platform_label"]},
            "bind": "legend",
            "views": [unit["name"]],
        }
    ]
    colour = enc["color"]
    assert colour["value"] == "lightgray"
    assert colour["condition"]["param"] == "pick" and colour["condition"]["field"] == "platform_label"
    assert colour["condition"].get("empty", True) is True  # nothing selected: all coloured
    assert colour["condition"]["scale"]["domain"] == ["TX2-maxn", "NCS2"]
    assert colour["condition"]["legend"]["symbolLimit"] == 0  # every platform clickable
    assert enc["shape"]["field"] == enc["strokeDash"]["field"] == "datatype"
    assert [t["field"] for t in enc["tooltip"]] == [
        "config_key",
        "platform_label",
        "batch",
        "latency_compute_ms",
        "throughput_compute_fps",
    ]
    assert len(spec_rows(spec)) == 6
    assert {"network", "datatype", "platform_label"} <= set(spec_rows(spec)[0])


def _looks(spec: dict) -> dict:
    """Per panel, each line's (colour, shape, dash)."""
    enc = spec["spec"]["encoding"]
    colour = dict(
        zip(enc["color"]["condition"]["scale"]["domain"], enc["color"]["condition"]["scale"]["range"])
    )
    shape = dict(zip(enc["shape"]["scale"]["domain"], enc["shape"]["scale"]["range"]))
    dash = dict(zip(enc["strokeDash"]["scale"]["domain"], map(tuple, enc["strokeDash"]["scale"]["range"])))
    looks: dict = {}
    for d in spec_rows(spec):
        looks.setdefault(d["network"], {})[d["config_key"]] = (
            colour[d["platform_label"]],
            shape[d["datatype"]],
            dash[d["datatype"]],
        )
    return looks


def test_latency_lines_of_a_panel_never_look_alike():
    # 60 configurations (more than the palette has colours): 6 platforms × 2 datatypes ×
    # 5 networks; within a panel no two lines share colour, shape and dash
    platforms = ["TX2-maxn", "TX2-maxp", "TX2-maxq", "NCS2", "ZCU104-FINN", "ZCU104-BISMO"]
    many = pd.DataFrame(
        [
            {
                "config_key": f"{p}_{dt}_{t}_{pr:g}",
                "platform_label": p,
                "datatype": dt,
                "topology": t,
                "pruning_pct": pr,
                "batch": b,
                "latency_compute_ms": 1.0 * b,
                "throughput_compute_fps": 100.0 * b,
            }
            for p in platforms
            for dt in ("FP16", "FP32")
            for t, pr in (("CNV", 100.0), ("CNV", 50.0), ("MLP", 100.0), ("MLP", 25.0), ("MLP", 12.5))
            for b in (1, 2)
        ]
    )
    spec = latency_throughput_chart(many, title="T").to_dict()
    looks = _looks(spec)
    assert len(looks) == 5 and sum(len(v) for v in looks.values()) == 60
    for panel in looks.values():
        assert len(set(panel.values())) == len(panel) == 12
    assert len(spec["spec"]["encoding"]["color"]["condition"]["scale"]["domain"]) == 6
