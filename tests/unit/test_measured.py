"""The measured analysis on tiny hand-made fixtures, every value computed by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from qutiflow import measured, tables


def rows(*items):
    cols = [
        "platform",
        "op_mode",
        "datatype",
        "topology",
        "pruning_pct",
        "batch",
        "throughput_compute_fps",
        "top1_pct",
        "latency_compute_ms",
        "power_full_w",
    ]
    f = pd.DataFrame(items, columns=cols)
    f["platform_label"] = f["platform"] + f["op_mode"].map(lambda m: f"-{m}" if isinstance(m, str) else "")
    f["config_key"] = (
        f["platform_label"]
        + "_"
        + f["datatype"]
        + "_"
        + f["topology"]
        + "_"
        + f["pruning_pct"].map(lambda p: f"{p:g}")
    )
    return f


# Fixture 1: three configurations of one network; B ties A's best accuracy
F1 = rows(
    ("A", None, "INT8", "N", 100.0, 1, 100.0, 70.0, 10.0, 5.0),
    ("A", None, "INT8", "N", 100.0, 2, 150.0, 70.0, 13.3, 6.0),  # A's best: 150 fps
    ("B", None, "INT8", "N", 100.0, 1, 150.0, 70.0, 6.7, 2.0),  # B ties A exactly
    ("C", None, "INT4", "N", 50.0, 1, 400.0, 60.0, 2.5, 1.0),  # faster, less accurate
    ("C", None, "INT4", "N", 50.0, 4, 400.0, 60.0, 10.0, 1.5),  # same fps at batch 4: batch 1 kept
    ("D", None, "INT4", "N", 50.0, 1, 300.0, 60.0, 3.3, 1.0),  # dominated by C (same acc, slower)
    ("E", None, "INT8", "N", 100.0, 1, np.nan, 75.0, 9.0, 1.0),  # no throughput: ignored
)
# Fixture 2: a tie on throughput, and a configuration without accuracy
F2 = rows(
    ("X", "fast", "INT8", "M", 100.0, 1, 200.0, 80.0, 5.0, 2.0),
    ("X", "slow", "INT8", "M", 100.0, 1, 200.0, 78.0, 5.0, 1.0),  # same fps, lower accuracy
    ("Y", None, "FP16", "M", 100.0, 8, 500.0, np.nan, 16.0, 10.0),  # no accuracy: left out
    ("Z", None, "FP16", "M", 100.0, 1, 50.0, 90.0, 20.0, 4.0),
)


def test_best_per_config_keeps_first_seen_order_and_smallest_batch_on_ties():
    best = measured.best_per_config(F1)
    assert best["config_key"].tolist() == ["A_INT8_N_100", "B_INT8_N_100", "C_INT4_N_50", "D_INT4_N_50"]
    assert best["batch"].tolist() == [2, 1, 1, 1]
    assert best["throughput_compute_fps"].tolist() == [150.0, 150.0, 400.0, 300.0]


def test_front_fixture_1_with_identical_points():
    front, missing = measured.measured_front(measured.best_per_config(F1))
    # (150, 70) twice (A and B: identical points, neither dominates) and (400, 60); D is dominated
    assert front["config_key"].tolist() == ["A_INT8_N_100", "B_INT8_N_100", "C_INT4_N_50"]
    assert missing == 0


def test_front_fixture_2_tie_on_throughput_and_missing_accuracy():
    front, missing = measured.measured_front(measured.best_per_config(F2))
    # X-slow (200, 78) is dominated by X-fast (200, 80); Y has no accuracy
    assert front["config_key"].tolist() == ["Z_FP16_M_100", "X-fast_INT8_M_100"]
    assert missing == 1


def test_efficiency_hand_computed():
    best = measured.best_per_config(F1)
    pred = pd.DataFrame(
        {
            "platform": ["A", "C", "Q"],
            "op_mode": [None, None, None],
            "datatype": ["INT8", "INT4", "INT8"],
            "topology": ["N", "N", "N"],
            "pruning_pct": [100.0, 50.0, 100.0],
            "predicted_fps": [300.0, 250.0, 1.0],
            "peak_tops": [1.0, 2.0, 1.0],
            "gop_per_inference": [2.0, 4.0, 1.0],
        }
    )
    eff, unmatched = measured.efficiency(best, pred)
    assert eff["config_key"].tolist() == ["A_INT8_N_100", "C_INT4_N_50"]
    assert eff["efficiency_pct"].tolist() == pytest.approx([150 / 300 * 100, 400 / 250 * 100])
    assert eff["peak_fps"].tolist() == pytest.approx([1000 / 2.0, 2000 / 4.0])
    assert eff["is_above_roofline"].tolist() == [False, True]
    assert unmatched[["platform", "topology"]].values.tolist() == [["B", "N"], ["D", "N"]]


def test_overlapped_points_pair_and_fronts():
    best = measured.best_per_config(F2)
    pred = pd.DataFrame(
        {
            "platform": ["X", "X", "Z", "W"],
            "op_mode": ["fast", "slow", None, None],
            "datatype": ["INT8", "INT8", "FP16", "FP16"],
            "topology": ["M"] * 4,
            "pruning_pct": [100.0] * 4,
            "predicted_fps": [1000.0, 500.0, 100.0, 9.0],
        }
    )
    ref = pd.DataFrame(
        {
            "topology": ["M", "M"],
            "pruning_pct": [100.0, 100.0],
            "datatype": ["INT8", "FP16"],
            "top1_pct": [79.0, 91.0],
        }
    )
    pts = measured.overlapped_points(best, pred, ref)
    meas = pts[pts.type == "measured"]
    prd = pts[pts.type == "predicted"]
    assert (
        meas["config_key"].tolist()
        == prd["config_key"].tolist()
        == ["X-fast_INT8_M_100", "X-slow_INT8_M_100", "Z_FP16_M_100"]
    )
    assert prd["top1_pct"].tolist() == [79.0, 79.0, 91.0]  # the catalogue's reference
    assert meas["is_front"].tolist() == [True, False, True]
    assert prd["is_front"].tolist() == [True, False, True]  # (1000, 79) and (100, 91)


def test_per_config_means_energy_and_fps_per_watt():
    m = measured.per_config_means(F1.iloc[:2])  # A: two batches
    row = m.iloc[0]
    assert row.power_full_w == pytest.approx((5 + 6) / 2)
    assert row.energy_mj == pytest.approx((5 / 100 * 1000 + 6 / 150 * 1000) / 2)  # (50 + 40) / 2
    assert row.fps_per_w == pytest.approx((100 / 5 + 150 / 6) / 2)  # (20 + 25) / 2
    assert row.n_batches == 2


def test_boxplot_stats_five_numbers():
    f = rows(
        *[
            ("A", None, "INT8", "N", 100.0, b, fps, 70.0, lat, 1.0)
            for b, fps, lat in [
                (1, 10.0, 1.0),
                (2, 20.0, 2.0),
                (4, 30.0, 3.0),
                (8, 40.0, 4.0),
                (16, 50.0, 5.0),
            ]
        ]
    )
    s = measured.boxplot_stats(f, "latency_compute_ms")
    assert s[
        ["topology", "hardware", "pruning_pct", "min", "q1", "median", "q3", "max", "n"]
    ].values.tolist() == [["N", "A INT8", 100.0, 1.0, 2.0, 3.0, 4.0, 5.0, 5]]


def test_boxplot_stats_never_mix_networks():
    f = rows(
        ("A", None, "INT8", "N", 100.0, 1, 10.0, 70.0, 1.0, 1.0),
        ("A", None, "INT8", "M", 100.0, 1, 10.0, 70.0, 9.0, 1.0),
        ("A", None, "INT8", "N", 50.0, 1, 10.0, 70.0, 0.5, 1.0),
    )
    s = measured.boxplot_stats(f, "latency_compute_ms")
    assert s[["topology", "pruning_pct", "median", "n"]].values.tolist() == [
        ["N", 100.0, 1.0, 1],
        ["N", 50.0, 0.5, 1],
        ["M", 100.0, 9.0, 1],
    ]


def test_trace_outliers_nine_sigma():
    power = [1.0] * 99 + [100.0]
    t = pd.DataFrame({"op_mode": "fast", "series": "N", "sample": range(100), "power_w": power})
    kept, dropped = measured.drop_trace_outliers(t)
    # mean 1.99, std 9.9: 100 is 9.95 std above the mean, beyond 9
    assert dropped["power_w"].tolist() == [100.0] and len(kept) == 99
    quiet = t.assign(power_w=[1.0] * 99 + [1.1])  # std below 0.2 W: nothing dropped
    assert len(measured.drop_trace_outliers(quiet)[1]) == 0


def test_overview_from_the_data():
    ov = measured.overview(F1)
    assert ov.values.tolist() == [
        ["A", "N", "INT8", "100", "1, 2", 2],
        ["B", "N", "INT8", "100", "1", 1],
        ["C", "N", "INT4", "50", "1, 4", 2],
        ["D", "N", "INT4", "50", "1", 1],
        ["E", "N", "INT8", "100", "1", 1],
    ]
    grid = tables.overview_grid(ov)
    assert grid.columns.tolist() == ["platform", "N"]
    assert grid.iloc[0].tolist() == ["A", "INT8 · 100 % · batch 1, 2"]


def test_median_per_batch_collapses_repeated_runs():
    twice = pd.concat(
        [
            F1.iloc[:2],
            F1.iloc[:2].assign(latency_compute_ms=[12.0, 15.3], throughput_compute_fps=[90.0, 140.0]),
        ]
    )
    out = measured.median_per_batch(twice)
    assert out[["config_key", "batch"]].values.tolist() == [["A_INT8_N_100", 1], ["A_INT8_N_100", 2]]
    assert out["latency_compute_ms"].tolist() == pytest.approx([11.0, 14.3])  # medians of 2
    assert out["throughput_compute_fps"].tolist() == pytest.approx([95.0, 145.0])


def test_tables_by_platform_limit():
    frame = pd.DataFrame({"platform_label": ["A"] * 5 + ["B"], "x": range(6)})
    sections = tables.by_platform(frame, limit=3)
    assert [h for h, _ in sections] == ["A (first 3 of 5 rows; all are in the Parquet file)", "B"]
    assert [len(p) for _, p in sections] == [3, 1]
