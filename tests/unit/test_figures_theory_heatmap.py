"""The prediction heatmap (qutiflow.figures.theory_heatmap) checked as a spec."""

from __future__ import annotations

import pandas as pd
from qutiflow.figures.theory_heatmap import HEATMAP_CELL, heatmap_chart

from .test_figures_theory_roofline import layers


def test_heatmap_spec_has_the_full_grid():
    pred = pd.DataFrame(
        {
            "platform": ["TX2", "TX2", "NCS2"],
            "op_mode": ["maxn", "maxn", None],
            "datatype": ["FP16", "FP32", "FP16"],
            "topology": ["CNV", "CNV", "CNV"],
            "pruning_pct": [100.0, 100.0, 100.0],
            "predicted_fps": [2829.8, 1400.0, 1038.2],
            "bound": ["compute", "compute", "memory"],
        }
    )
    spec = heatmap_chart(pred, title="Performance Prediction for CIFAR-10").to_dict()
    cells = spec["datasets"][spec["data"]["name"]] if "data" in spec else None
    data = cells or spec["datasets"][list(spec["datasets"])[0]]
    # rows: TX2-maxn FP16, TX2-maxn FP32, NCS2 FP16; columns: CNV 100% FP16, CNV 100% FP32
    assert len(data) == 3 * 2
    assert sum(1 for d in data if d.get("predicted_fps") is None) == 3  # visible empty cells
    color = layers(spec)[1]["encoding"]["color"]
    assert color["scale"]["type"] == "log"
    assert layers(spec)[2]["mark"]["type"] == "text"
    assert spec["title"] == {
        "text": "Performance Prediction for CIFAR-10",
        "subtitle": "Level 0 prediction (QuTiBench roofline)",
    }


def test_heatmap_turns_a_wide_grid_down_the_page():
    pred = pd.DataFrame(
        {
            "platform": ["TX2", "NCS2"] * 30,
            "op_mode": ["maxn", None] * 30,
            "datatype": ["FP16"] * 60,
            "topology": [f"N{i // 2}" for i in range(60)],
            "pruning_pct": [100.0] * 60,
            "predicted_fps": [10.0] * 60,
            "bound": ["memory"] * 60,
        }
    )
    spec = heatmap_chart(pred, title="T").to_dict()
    enc = layers(spec)[0]["encoding"]
    assert (enc["x"]["field"], enc["y"]["field"]) == ("hardware", "model")
    assert spec["height"] == 30 * HEATMAP_CELL[1]  # 30 rows of models
    few = heatmap_chart(pred.iloc[:8], title="T").to_dict()
    assert layers(few)[0]["encoding"]["x"]["field"] == "model"
