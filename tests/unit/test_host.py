"""Roofline micro-benchmarks of this machine: positive and plausible, never datasheet values."""
from __future__ import annotations

import importlib.util

import pytest
from qutiflow.hostbench import host


def test_time_repeated_counts_and_orders_quartiles():
    calls = []
    t = host.time_repeated(lambda: calls.append(1), warmup=2, min_repeats=5, max_repeats=7,
                           budget_s=0.0)
    assert t.repeats == 5 and len(calls) == 2 + 5
    assert 0 <= t.q1_s <= t.median_s <= t.q3_s


def test_triad_bandwidth_is_plausible():
    gbps, t = host.triad_bandwidth_gbps(array_mb=64, budget_s=0.3)
    assert 0.1 < gbps < 1000  # above 100 MB/s, below 1 TB/s
    assert t.repeats >= 3


def test_fp32_matmul_is_plausible():
    tops, _ = host.matmul_fp32_tops(n=512, budget_s=0.2)
    assert 1e-4 < tops < 100


@pytest.mark.skipif(importlib.util.find_spec("onnxruntime") is None, reason="onnxruntime not installed")
def test_int8_matmul_is_plausible():
    tops, _ = host.matmul_int8_tops(n=512, budget_s=0.2)
    assert 1e-4 < tops < 100


def test_describe_names_the_machine():
    info = host.describe()
    assert info["cpu_model"] and int(info["logical_cores"]) >= 1


def test_triad_with_two_threads_is_plausible():
    gbps, t = host.triad_bandwidth_gbps(array_mb=64, threads=2, budget_s=0.3)
    assert 0.1 < gbps < 1000
    assert t.repeats >= 3


@pytest.mark.skipif(importlib.util.find_spec("onnxruntime") is None, reason="onnxruntime not installed")
@pytest.mark.parametrize("datatype", ["FP32", "INT8"])
def test_onnxruntime_matmul_is_plausible(datatype):
    tops, t = host.matmul_ort_tops(datatype, n=256, threads=1, budget_s=0.1)
    assert 1e-4 < tops < 100 and t.repeats >= 5


def test_onnxruntime_matmul_rejects_other_datatypes():
    with pytest.raises(ValueError, match="FP32 and INT8"):
        host.matmul_ort_tops("INT4", n=8)
