"""Roofline predictions: the published cells by hand, and properties of the model."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from qutiflow import roofline

# The checked cells of the original predictions (analysis §3.3): platform, op mode,
# datatype, peak TOP/s, bandwidth GB/s, network, pruning, the op count and intensity the
# original used, and the value it published (hand-computed: min(peak, bw × OI / 1000) ×
# 1000 / GOP). The last cell is the original's one wrong cell, corrected: 38400 → 76800.
CELLS = [
    ("Ultra96-DPU", None, "INT8", 0.96, 4.26, "GoogLeNetv1", 100, 3.13, 523.49, 306.709265, "compute"),
    ("ZCU102-DPU", None, "INT8", 6.71, 19.2, "ResNet-50", 100, 7.72, 302.71, 752.853886, "memory"),
    ("ZCU102-DPU", None, "INT8", 6.71, 19.2, "ResNet-50", 80, 6.54, 271.65, 797.504587, "memory"),
    ("ZCU104-DPU", None, "INT8", 4.6, 19.2, "ResNet-50", 50, 3.75, 237.46, 1215.7952, "memory"),
    ("ZCU102-DPU", None, "INT8", 6.71, 19.2, "ResNet-50", 30, 2.45, 242.54, 1900.721633, "memory"),
    ("ZCU104-FINN", None, "INT4", 8.8, 19.2, "CNV", 50, 0.12, 154.16, 24665.6, "memory"),
    ("NCS2", None, "FP16", 0.5, 12.8, "CNV", 100, 0.47, 38.12, 1038.161702, "memory"),
    ("TX2", "maxn", "FP16", 1.33, 59.7, "CNV", 100, 0.47, 38.12, 2829.787234, "compute"),
    ("TX2", "maxq", "FP32", 0.44, 59.7, "MLP", 100, 0.02, 0.5, 1492.5, "memory"),
    ("U96-Quadcore-A53", None, "INT2", 0.192, 4.26, "MLP", 100, 0.02, 8, 1704.0, "memory"),
    ("U96-Quadcore-A53", None, "INT4", 0.192, 4.26, "CNV", 100, 0.47, 152.48, 408.510638, "compute"),
    ("EdgeTPU", "slow", "INT8", 2, 25.6, "EfficientNet-L", 100, 19.38, 1828.3, 103.199174, "compute"),
    ("EdgeTPU", "fast", "INT8", 4, 25.6, "GoogLeNetv1", 100, 3.13, 523.49, 1277.955272, "compute"),
    ("NCS2", None, "FP16", 0.5, 12.8, "MLP", 12.5, 0.000668676, 1, 19142.305, "memory"),
    ("TX2", "maxp", "FP16", 1.15, 59.7, "ResNet-50", 100, 7.72, 151.36, 148.963731, "compute"),
    ("ZCU104-FINN", None, "INT2", 30.7, 19.2, "MLP", 25, 0.002, 8, 76800.0, "memory"),
]


def _frames(cells):
    platforms = pd.DataFrame(
        [
            {"platform": c[0], "op_mode": c[1], "datatype": c[2], "peak_tops": c[3], "bandwidth_gbps": c[4]}
            for c in cells
        ]
    )
    models = pd.DataFrame(
        [
            {
                "topology": c[5],
                "pruning_pct": float(c[6]),
                "datatype": c[2],
                "gop_per_inference": c[7],
                "arithmetic_intensity_opb": c[8],
            }
            for c in cells
        ]
    )
    return platforms, models


@pytest.mark.parametrize("cell", CELLS, ids=[f"{c[0]}-{c[2]}-{c[5]}-{c[6]}" for c in CELLS])
def test_published_cells(cell):
    platforms, models = _frames([cell])
    out = roofline.predict(platforms, models)
    assert len(out) == 1
    row = out.iloc[0]
    assert row.predicted_fps == pytest.approx(cell[9], rel=1e-6)
    assert row.bound == cell[10]


def test_corrected_finn_cell_is_not_the_original_typo():
    platforms, models = _frames([CELLS[-1]])
    assert roofline.predict(platforms, models).iloc[0].predicted_fps == 76800.0  # not 38400


def test_predict_pairs_only_matching_datatypes():
    platforms = pd.DataFrame(
        {
            "platform": ["A", "A"],
            "op_mode": [None, None],
            "datatype": ["INT8", "FP16"],
            "peak_tops": [1.0, 0.5],
            "bandwidth_gbps": [10.0, 10.0],
        }
    )
    models = pd.DataFrame(
        {
            "topology": ["N", "N", "M"],
            "pruning_pct": [100.0, 100.0, 50.0],
            "datatype": ["INT8", "FP32", "FP16"],
            "gop_per_inference": [1.0, 1.0, 2.0],
            "arithmetic_intensity_opb": [200.0, 50.0, 20.0],
        }
    )
    out = roofline.predict(platforms, models)
    assert out[["datatype", "topology"]].values.tolist() == [["INT8", "N"], ["FP16", "M"]]
    # INT8: min(1.0, 10 × 200 / 1000 = 2.0) = 1.0 TOP/s → 1000 fps; FP16: min(0.5, 0.2) = 0.2 → 100 fps
    assert out["predicted_fps"].tolist() == pytest.approx([1000.0, 100.0])
    assert out["bound"].tolist() == ["compute", "memory"]


def test_intensity_from_counts():
    # ResNet-50: 7.72 GOP, 25.5 M weights; INT8 1 byte, FP32 4 bytes, INT2 0.25 bytes
    got = roofline.arithmetic_intensity(
        pd.Series([7.72, 7.72, 7.72]), pd.Series([25.5] * 3), pd.Series(["INT8", "FP32", "INT2"])
    )
    assert got.tolist() == pytest.approx([7720 / 25.5, 7720 / 102, 7720 / 6.375])


def test_exact_ridge_point():
    # the original snapped Ultra96's ridge to 226.1 on a grid; exact is 960 / 4.26
    assert float(roofline.ridge_point_opb(0.96, 4.26)) == pytest.approx(225.352112676)


def test_roofline_lines_have_three_points_and_the_exact_ridge():
    platforms = pd.DataFrame(
        {
            "platform": ["U"],
            "op_mode": [None],
            "datatype": ["INT8"],
            "peak_tops": [0.96],
            "bandwidth_gbps": [4.26],
        }
    )
    lines = roofline.roofline_lines(platforms, x_min=0.1, x_max=1e5)
    assert lines["intensity_opb"].tolist() == pytest.approx([0.1, 960 / 4.26, 1e5])
    assert lines["performance_tops"].tolist() == pytest.approx([0.000426, 0.96, 0.96])


positive = st.floats(min_value=1e-3, max_value=1e4, allow_nan=False, allow_infinity=False)


@settings(max_examples=300)  # three floats of arithmetic: cheap, so more than the profile's
@given(peak=positive, bw=positive, intensity=positive)
def test_attainable_never_exceeds_either_roof_and_equals_one(peak, bw, intensity):
    got = float(roofline.attainable_tops(peak, bw, intensity))
    memory = bw * intensity / 1000
    assert got <= peak and got <= memory * (1 + 1e-12)
    assert got == peak or got == pytest.approx(memory, rel=1e-12)
    assert (roofline.bound(peak, bw, intensity) == "memory") == (memory < peak)


@given(peak=positive, bw=positive)
def test_continuous_at_the_ridge(peak, bw):
    ridge = float(roofline.ridge_point_opb(peak, bw))
    at = float(roofline.attainable_tops(peak, bw, ridge))
    eps = ridge * 1e-9
    below = float(roofline.attainable_tops(peak, bw, ridge - eps))
    above = float(roofline.attainable_tops(peak, bw, ridge + eps))
    assert at == pytest.approx(peak, rel=1e-9)
    assert below == pytest.approx(peak, rel=1e-6) and above == pytest.approx(peak, rel=1e-6)
    assert math.isclose(below, above, rel_tol=1e-6)


@given(peak=positive, bw=positive, a=positive, b=positive)
def test_attainable_is_monotone_in_intensity(peak, bw, a, b):
    lo, hi = sorted([a, b])
    assert roofline.attainable_tops(peak, bw, lo) <= roofline.attainable_tops(peak, bw, hi)
