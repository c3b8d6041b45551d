"""Pareto charts of the measured analysis checked as specs (to_dict), never as pixels."""

from __future__ import annotations

import math

import pandas as pd
from helpers import mark, spec_rows, with_strings
from qutiflow.figures.measured_pareto import design_pareto_chart, overlapped_pareto_chart
from qutiflow.figures.theme import MEASURED_COLOUR, PALETTE, PREDICTED_COLOUR

# best point per configuration; the platforms deliberately not in alphabetical order
POINTS = with_strings(
    pd.DataFrame(
        {
            "config_key": [
                "TX2-maxn_FP16_CNV_100",
                "ZCU104-FINN_INT2_CNV_50",
                "NCS2_FP16_CNV_100",
                "TX2-maxn_FP32_CNV_100",
            ],
            "platform_label": ["TX2-maxn", "ZCU104-FINN", "NCS2", "TX2-maxn"],
            "datatype": ["FP16", "INT2", "FP16", "FP32"],
            "topology": ["CNV"] * 4,
            "pruning_pct": [100.0, 50.0, 100.0, 100.0],
            "batch": [8, 1, 4, 16],
            "throughput_compute_fps": [2829.8, 9000.0, 1038.2, 1400.0],
            "top1_pct": [84.2, 80.1, 84.2, 84.5],
        }
    ),
    "config_key",
    "platform_label",
    "datatype",
    "topology",
)
FRONT = POINTS.iloc[[3, 0, 1]]

OVERLAP = with_strings(
    pd.DataFrame(
        {
            "config_key": ["TX2-maxn_FP16_CNV_100", "ZCU104-FINN_INT2_CNV_50", "EdgeTPU_INT8_MLP_100"] * 2,
            "platform_label": ["TX2-maxn", "ZCU104-FINN", "EdgeTPU"] * 2,
            "family": ["GPU", "FPGA", "TPU"] * 2,
            "type": ["measured"] * 3 + ["predicted"] * 3,
            "fps": [2829.8, 9000.0, 400.0, 3000.0, 12000.0, 350.0],
            "top1_pct": [84.2, 80.1, 97.0, 84.2, 80.1, 97.0],
            "is_front": [True, True, True, False, True, True],
        }
    ),
    "config_key",
    "platform_label",
    "family",
    "type",
)


def test_design_pareto_spec():
    spec = design_pareto_chart(
        POINTS, FRONT, title="ImageNet Classification Design Space: Accuracy Versus Performance"
    ).to_dict()
    assert spec["title"] == "ImageNet Classification Design Space: Accuracy Versus Performance"
    dots, line = spec["layer"]
    assert [mark(dots), mark(line)] == ["point", "line"]
    enc = dots["encoding"]
    assert (enc["x"]["field"], enc["x"]["type"], enc["x"]["scale"]["type"]) == (
        "throughput_compute_fps",
        "quantitative",
        "log",
    )
    assert enc["x"]["title"] == "Measured throughput [fps]"
    # the axis ends just past the data (1038 to 9000 fps), with few ticks
    lo, hi = enc["x"]["scale"]["domain"]
    assert 1038.2 / 1.5 < lo < 1038.2 and 9000.0 < hi < 9000.0 * 1.5
    assert enc["x"]["scale"]["nice"] is False
    assert len(enc["x"]["axis"]["values"]) <= 4 * math.log10(hi / lo) + 2
    assert enc["y"]["field"] == "top1_pct" and enc["y"]["scale"]["zero"] is False
    assert enc["y"]["title"] == "Top-1 accuracy [%]"
    # colours in order of first appearance; shapes in the fixed datatype order
    assert enc["color"]["field"] == "platform_label" and enc["color"]["type"] == "nominal"
    assert enc["color"]["scale"]["domain"] == ["TX2-maxn", "ZCU104-FINN", "NCS2"]
    assert enc["color"]["scale"]["range"] == PALETTE[:3]
    assert enc["shape"]["field"] == "datatype" and enc["shape"]["sort"] == ["INT2", "FP16", "FP32"]
    assert [t["field"] for t in enc["tooltip"]] == [
        "config_key",
        "batch",
        "throughput_compute_fps",
        "top1_pct",
    ]
    assert line["mark"]["color"] == MEASURED_COLOUR
    assert line["mark"]["point"]["color"] == MEASURED_COLOUR
    assert line["encoding"]["order"]["field"] == "throughput_compute_fps"
    assert len(spec_rows(spec, dots)) == 4 and len(spec_rows(spec, line)) == 3
    # only the columns drawn, and each point's marker area
    assert set(spec_rows(spec, dots)[0]) == {
        "config_key",
        "platform_label",
        "datatype",
        "batch",
        "throughput_compute_fps",
        "top1_pct",
        "size",
    }


def test_overlapped_pareto_spec():
    spec = overlapped_pareto_chart(OVERLAP, title="Overlapped").to_dict()
    lines, dots = spec["layer"]
    assert [mark(lines), mark(dots)] == ["line", "point"]
    assert len(spec_rows(spec, dots)) == 6
    enc = dots["encoding"]
    assert enc["x"]["field"] == "fps" and enc["x"]["scale"]["type"] == "log"
    assert enc["x"]["title"] == "Throughput [fps]"
    assert enc["y"]["field"] == "top1_pct" and enc["y"]["scale"]["zero"] is False
    assert enc["shape"]["field"] == "type"
    assert enc["shape"]["scale"] == {"domain": ["measured", "predicted"], "range": ["cross", "circle"]}
    assert enc["color"]["field"] == "platform_label"
    assert enc["color"]["scale"]["domain"] == ["TX2-maxn", "ZCU104-FINN", "EdgeTPU"]
    # a line per type through its own front points, in the fixed colours
    assert lines["encoding"]["color"]["field"] == "type"
    assert lines["encoding"]["color"]["scale"] == {
        "domain": ["measured", "predicted"],
        "range": [MEASURED_COLOUR, PREDICTED_COLOUR],
    }
    assert lines["encoding"]["order"]["field"] == "fps"
    assert lines["transform"] == [{"filter": "datum.is_front === true"}]
    assert spec["resolve"]["scale"]["color"] == "independent"
    # a checkbox per family present (family order), checked; the filter restores on re-check
    params = spec["params"]
    assert [p["name"] for p in params] == ["show_fpga", "show_gpu", "show_tpu"]
    assert all(p["value"] is True and p["bind"]["input"] == "checkbox" for p in params)
    (flt,) = [t["filter"] for t in dots["transform"]]
    assert flt == (
        "(datum.family == 'FPGA' && show_fpga) || (datum.family == 'GPU' && show_gpu)"
        " || (datum.family == 'TPU' && show_tpu)"
    )
    assert "transform" not in lines or all("show_" not in t["filter"] for t in lines["transform"])


def test_overlapped_pareto_without_points_has_no_checkboxes():
    spec = overlapped_pareto_chart(OVERLAP.iloc[0:0], title="T").to_dict()
    assert "params" not in spec
    assert "transform" not in spec["layer"][1]
