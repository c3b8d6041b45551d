"""Bar charts of the measured analysis (efficiency, one value per configuration) checked as
specs (to_dict), never as pixels."""

from __future__ import annotations

import math

import pandas as pd
from helpers import mark, spec_rows, with_strings
from qutiflow.figures.measured_bars import bar_chart, efficiency_chart
from qutiflow.figures.theme import MEASURED_COLOUR, PREDICTED_COLOUR

EFF = with_strings(
    pd.DataFrame(
        {
            "config_key": ["ZCU102-DPU_INT8_ResNet-50_80", "NCS2_FP16_CNV_100", "TX2-maxn_FP16_MLP_100"],
            "platform_label": ["ZCU102-DPU", "NCS2", "TX2-maxn"],
            "family": ["FPGA", "VPU", "GPU"],
            "measured_fps": [76.0, 1038.2, 100624.0],
            "predicted_fps": [100.0, float("nan"), 2000.0],
            "peak_fps": [300.0, 2500.0, 4000.0],
            "efficiency_pct": [76.0, float("nan"), 5031.2],
        }
    ),
    "config_key",
    "platform_label",
    "family",
)


VALUES = with_strings(
    pd.DataFrame(
        {
            "config_key": ["TX2-maxn_FP16_CNV_100", "NCS2_FP16_CNV_100", "TX2-maxq_FP16_CNV_100"],
            "platform_label": ["TX2-maxn", "NCS2", "TX2-maxq"],
            "value": [7.53, 1.21, 4.0],
        }
    ),
    "config_key",
    "platform_label",
)


def test_efficiency_spec():
    spec = efficiency_chart(EFF, title="Efficiency Plots for ImageNet").to_dict()
    bars, text = spec["layer"]
    assert [mark(bars), mark(text)] == ["bar", "text"]
    data = spec_rows(spec, bars)
    # long form with only the needed columns; the missing prediction has no bar
    assert set(data[0]) == {"config_key", "type", "fps", "label"}
    assert len(data) == 3 * 3 - 1
    assert not any(d["config_key"] == "NCS2_FP16_CNV_100" and d["type"] == "predicted" for d in data)
    labels = {(d["config_key"], d["type"]): d["label"] for d in data}
    assert labels[("ZCU102-DPU_INT8_ResNet-50_80", "measured")] == "76.0%"
    assert labels[("TX2-maxn_FP16_MLP_100", "measured")] == "5031.2%"
    assert labels[("NCS2_FP16_CNV_100", "measured")] is None  # no efficiency: no label
    assert labels[("ZCU102-DPU_INT8_ResNet-50_80", "predicted")] is None
    enc = bars["encoding"]
    assert enc["y"]["field"] == "config_key" and enc["y"]["type"] == "nominal"
    assert enc["y"]["sort"] == list(EFF["config_key"])
    assert enc["yOffset"]["field"] == "type"
    assert enc["yOffset"]["sort"] == ["predicted", "measured", "peak"]
    assert enc["x"]["field"] == "fps" and enc["x"]["scale"]["type"] == "log"
    assert enc["x"]["title"] == "Throughput [fps]"
    lo, hi = enc["x"]["scale"]["domain"]
    assert enc["x2"] == {"datum": lo}  # log bars start at the axis' base
    # room for the label after the longest bar, but no whole empty decades after it
    assert lo <= 76.0 and 100624.0 * 2 <= hi <= 100624.0 * 3
    assert enc["color"]["scale"]["domain"] == ["predicted", "measured", "peak"]
    assert enc["color"]["scale"]["range"][:2] == [PREDICTED_COLOUR, MEASURED_COLOUR]
    assert text["encoding"]["text"]["field"] == "label"
    assert text["encoding"]["yOffset"] == enc["yOffset"]  # label beside the measured bar
    assert spec["height"] == 30 * 3


def test_efficiency_height_grows_with_configs():
    many = pd.concat([EFF.iloc[[0]].assign(config_key=f"k{i}") for i in range(51)], ignore_index=True)
    spec = efficiency_chart(many, title="T").to_dict()
    assert spec["height"] == 51 * 30
    assert len(spec_rows(spec, spec["layer"][0])) == 51 * 3


def test_bar_chart_spec():
    spec = bar_chart(VALUES, value_title="Energy per inference [mJ]", title="Energy", fmt=".2f").to_dict()
    bars, text = spec["layer"]
    assert [mark(bars), mark(text)] == ["bar", "text"]
    enc = bars["encoding"]
    assert enc["y"]["field"] == "config_key" and enc["y"]["sort"] == list(VALUES["config_key"])
    assert enc["x"]["field"] == "value" and enc["x"]["title"] == "Energy per inference [mJ]"
    assert enc["x"]["scale"].get("type") is None  # linear
    assert enc["color"]["field"] == "platform_label"
    assert enc["color"]["scale"]["domain"] == ["TX2-maxn", "NCS2", "TX2-maxq"]
    assert text["encoding"]["text"] == {"field": "value", "format": ".2f", "type": "quantitative"}
    assert len(spec_rows(spec)) == 3 and set(spec_rows(spec)[0]) == {"config_key", "platform_label", "value"}


def test_bar_chart_turns_log_when_values_span_decades():
    wide = VALUES.assign(value=[0.007, 240.0, 1.0])
    bars = bar_chart(wide, value_title="Energy per inference [mJ]", title="E", fmt=".3~g").to_dict()["layer"][
        0
    ]
    x = bars["encoding"]["x"]
    assert x["scale"]["type"] == "log"
    lo, hi = x["scale"]["domain"]
    assert lo <= 0.007 and 240.0 < hi < 240.0 * 3
    assert bars["encoding"]["x2"] == {"datum": lo}  # log bars start at the axis' base
    assert len(x["axis"]["values"]) <= 4 * math.log10(hi / lo) + 2
