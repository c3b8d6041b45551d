"""qutiflow.plausibility: values that pass their bounds but are probably slips are named,
file and line, and sound rows are not (every expected number worked out by hand)."""

from __future__ import annotations

import pandas as pd
from qutiflow import plausibility as pl
from qutiflow.errors import Problem


def rows(**columns) -> pd.DataFrame:
    """Validated rows: one configuration per row unless told, at lines 2, 3, …"""
    n = len(next(iter(columns.values())))
    base = {
        "topology": ["CNV"] * n,
        "pruning_pct": [100.0] * n,
        "platform": [f"P{i}" for i in range(n)],
        "op_mode": ["none"] * n,
        "datatype": ["INT8"] * n,
        "batch": [1] * n,
        "latency_compute_ms": [1.0] * n,
        "throughput_compute_fps": [1000.0] * n,
        "latency_system_ms": [float("nan")] * n,
        "throughput_system_fps": [float("nan")] * n,
        "top1_pct": [70.0] * n,
        "top5_pct": [float("nan")] * n,
        "source_file": ["m.csv"] * n,
        "source_line": list(range(2, n + 2)),
    }
    return pd.DataFrame({**base, **columns})


def test_latency_in_seconds_and_fps_per_batch_are_named_sound_rows_are_not():
    frame = rows(
        batch=[1, 8, 4, 1],
        # 1 ms at batch 1 is 1000 fps (sound); 8 ms at batch 8 is 1000 fps, 100 given (10×
        # exactly: not beyond); latency 0.004 s written as ms: 4/0.004 = 1e6 fps implied
        latency_compute_ms=[1.0, 8.0, 0.004, 2.0],
        throughput_compute_fps=[1000.0, 100.0, 1000.0, 5.0],
    )
    found = pl.inconsistent_rows(frame)
    assert [(p.line, p.value) for p in found] == [(4, "0.004 ms, 1000 fps"), (5, "2 ms, 5 fps")]
    # line 4: implied 4 × 1000 / 0.004 = 1e6 fps, 1000 given → 1000× apart
    assert found[0].message == "at batch 4 they imply 1e+06 fps, 1000× apart"
    # line 5: implied 500 fps, 5 given → 100× apart
    assert found[1].message == "at batch 1 they imply 500 fps, 100× apart"


def test_system_pair_is_checked_too_and_missing_values_are_not_a_fault():
    frame = rows(latency_system_ms=[float("nan"), 50.0], throughput_system_fps=[3.0, 2000.0])
    found = pl.inconsistent_rows(frame)
    # line 3: 50 ms at batch 1 → 20 fps implied, 2000 given: 100×
    assert [(p.line, p.column) for p in found] == [(3, "latency_system_ms, throughput_system_fps")]


def test_accuracy_as_a_fraction():
    found = pl.inconsistent_rows(rows(top1_pct=[0.7782, 1.0, 1.5, 77.82]))
    assert [(p.line, p.column, p.value) for p in found] == [(2, "top1_pct", "0.7782"), (3, "top1_pct", "1")]
    assert found[0].fix == "write the accuracy in percent (77.82 for 0.7782)"


def test_the_same_configuration_measured_twice_far_apart():
    frame = rows(
        platform=["A", "A", "B", "B", "C"],
        latency_compute_ms=[1.0, 2.5, 1.0, 1.9, 3.0],
        throughput_compute_fps=[1000.0, 400.0, 1000.0, 526.3, 333.3],
    )
    found = pl.repeated_configurations(frame)
    # A: 1 and 2.5 ms (2.5× apart, over 2); B: 1 and 1.9 (under 2); C once
    assert [(p.line, p.column, p.value) for p in found] == [
        (2, "latency_compute_ms", "1"),
        (3, "latency_compute_ms", "2.5"),
        (2, "throughput_compute_fps", "1000"),
        (3, "throughput_compute_fps", "400"),
    ]
    assert found[0].message == "the same configuration is measured from 1 to 2.5 (2.5× apart)"


def test_thousands_separators_are_named_with_the_file_line_and_own_column_name():
    text = pd.DataFrame(
        {"latency_compute_ms": ["1,250", "1.5", "12,500.5", "1,2"], "top1_pct": ["", "7,000%", "70", ""]}
    )
    text.attrs["labels"] = {"latency_compute_ms": "lat-comp"}
    found = pl.thousands_separators(
        text, ["latency_compute_ms", "top1_pct"], file="m.csv", line=pd.Series([2, 3, 4, 5])
    )
    assert [(p.line, p.column, p.value) for p in found] == [
        (2, "lat-comp", "1,250"),
        (4, "lat-comp", "12,500.5"),
        (3, "top1_pct", "7,000%"),
    ]
    assert found[0].message == "read as 1250, with the comma as a thousands separator"


def test_throughput_above_twice_the_peak_of_its_datatype():
    measurements = rows(platform=["A", "A", "A"], datatype=["INT8", "INT8", "FP32"], topology=["X", "Y", "X"])
    measurements["perf_compute_gops"] = [2100.0, 1900.0, 2100.0]
    predictions = pd.DataFrame(
        {
            "platform": ["A", "A", "A"],
            "op_mode": ["none"] * 3,
            "datatype": ["INT8", "INT8", "FP32"],
            "topology": ["X", "Y", "X"],
            "peak_tops": [1.0, 1.0, 2.0],
        }
    )
    found = pl.above_peak(measurements, predictions)
    # INT8 peak 1 TOP/s = 1000 GOP/s: 2100 is 2.1× (named), 1900 is 1.9×; FP32 2100 of 2000
    assert [(p.line, p.value) for p in found] == [(2, "2100")]
    assert found[0].message == "2.1× the platform's peak of 1 TOP/s for this datatype"


def test_warning_lines_show_ten_of_a_kind_per_file_then_count():
    p = [
        Problem("m.csv", i, "top1_pct", "0.5", "an accuracy of at most 1 %: a fraction?", "fix")
        for i in range(12)
    ]
    q = Problem("n.csv", 7, "top1_pct", "0.5", "an accuracy of at most 1 %: a fraction?", "fix")
    lines = pl.warning_lines([*p, q])
    assert lines[0] == "m.csv:0: top1_pct '0.5': an accuracy of at most 1 %: a fraction?; fix"
    assert len(lines) == 12 and lines[10].startswith("n.csv:7: ")
    assert lines[11] == "m.csv: 2 more like this (top1_pct)"
