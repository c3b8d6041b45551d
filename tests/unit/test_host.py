"""Roofline micro-benchmarks of this machine: each figure is the work done (counted by hand)
over the timing's best run. The timings come from a fake clock or a fake timer, so every
expected value is exact; the operations themselves run once, for real."""

from __future__ import annotations

import importlib.util
import os
import platform
import types

import numpy as np
import pytest
from qutiflow.hostbench import host

needs_onnxruntime = pytest.mark.skipif(
    importlib.util.find_spec("onnxruntime") is None, reason="onnxruntime not installed"
)


MIN_S = 0.025


def closure(fn) -> dict:
    """The variables a function closes over, by name."""
    return dict(zip(fn.__code__.co_freevars, (c.cell_contents for c in fn.__closure__ or ())))


@pytest.fixture
def timed(monkeypatch):
    """host.time_repeated replaced by one real call of the timed operation and a Timing
    whose best run took ``MIN_S``; ``timed`` lists (the call's result, the operation)."""
    calls = []

    def fake(fn, **kwargs):
        calls.append((fn(), fn))
        return host.Timing(median_s=0.04, q1_s=0.03, q3_s=0.05, repeats=5, min_s=MIN_S)

    monkeypatch.setattr(host, "time_repeated", fake)
    return calls


def test_time_repeated_counts_and_orders_quartiles(monkeypatch):
    # a clock that reads 0, 1, 3, 6, 10, 15, ...: the timed calls take 1, 2, 3, ... s
    # (time_repeated reads it at the start, before and after each call, and once more to
    # see that the budget is spent)
    ticks = iter([0.0, 0.0, 1.0, 1.0, 3.0, 3.0, 6.0, 6.0, 10.0, 10.0, 15.0, 15.0])
    monkeypatch.setattr(host, "time", types.SimpleNamespace(perf_counter=lambda: next(ticks)))
    calls = []
    t = host.time_repeated(lambda: calls.append(1), warmup=2, min_repeats=5, max_repeats=7, budget_s=0.0)
    assert t.repeats == 5 and len(calls) == 2 + 5
    # samples 1, 2, 3, 4, 5 s: median 3; quartiles (exclusive method) 1.5 and 4.5; best 1
    assert (t.median_s, t.q1_s, t.q3_s, t.min_s) == (3.0, 1.5, 4.5, 1.0)


def test_triad_bandwidth_is_five_arrays_over_the_best_run(timed):
    gbps, t = host.triad_bandwidth_gbps(array_mb=64, budget_s=0.3)
    # 64 MB of float64: 8,000,000 elements; 5 arrays' worth of bytes = 320 MB in 25 ms
    assert gbps == pytest.approx(5 * 8_000_000 * 8 / 0.025 / 1e9) == pytest.approx(12.8)
    assert t.min_s == MIN_S
    [(_, fn)] = timed
    arrays = closure(closure(fn)["part"])  # a = b + 3·c with b = 1, c = 2: 7 everywhere
    assert arrays["a"].size == 8_000_000 and (arrays["a"] == 7.0).all()


def test_triad_with_two_threads_counts_the_same_bytes(timed):
    gbps, _ = host.triad_bandwidth_gbps(array_mb=64, threads=2, budget_s=0.3)
    assert gbps == pytest.approx(12.8)
    [(result, fn)] = timed
    assert result == [None, None]  # one call ran both halves, one thread each
    arrays = closure(closure(fn)["part"])
    assert arrays["a"].size == 8_000_000 and (arrays["a"] == 7.0).all()  # no element left out


def test_fp32_matmul_is_two_n_cubed_over_the_best_run(timed):
    tops, _ = host.matmul_fp32_tops(n=512, budget_s=0.2)
    # 2 × 512³ = 268,435,456 operations in 25 ms
    assert tops == pytest.approx(2 * 512**3 / 0.025 / 1e12) == pytest.approx(0.01073741824)
    [(out, fn)] = timed
    operands = closure(fn)
    assert out.shape == (512, 512) and out.dtype == np.float32
    np.testing.assert_allclose(out, operands["x"].astype(np.float64) @ operands["y"], rtol=1e-3, atol=1e-3)


@needs_onnxruntime
def test_int8_matmul_is_two_n_cubed_over_the_best_run(timed):
    tops, _ = host.matmul_int8_tops(n=512, budget_s=0.2)
    assert tops == pytest.approx(0.01073741824)
    [([y], fn)] = timed
    feeds = closure(fn)["feeds"]
    assert (feeds["x"].dtype, feeds["w"].dtype) == (np.uint8, np.int8)
    # MatMulInteger: uint8 × int8 → int32. The values are not compared: onnxruntime's
    # x86 kernels without VNNI add pairs of u8·s8 products in saturating 16-bit lanes, so
    # full-range operands do not give the exact product (the timing is what is measured)
    assert y.shape == (512, 512) and y.dtype == np.int32


@needs_onnxruntime
@pytest.mark.parametrize("datatype, dtype", [("FP32", np.float32), ("INT8", np.int32)])
def test_onnxruntime_matmul_is_two_n_cubed_over_the_best_run(timed, datatype, dtype):
    tops, t = host.matmul_ort_tops(datatype, n=256, threads=1, budget_s=0.1)
    # 2 × 256³ = 33,554,432 operations in 25 ms
    assert tops == pytest.approx(2 * 256**3 / 0.025 / 1e12) == pytest.approx(0.00134217728)
    [([y], fn)] = timed
    feeds = closure(fn)["feeds"]
    assert y.shape == (256, 256) and y.dtype == dtype
    assert (feeds["x"].dtype, feeds["w"].dtype) == {
        "FP32": (np.float32, np.float32),
        "INT8": (np.uint8, np.int8),
    }[datatype]
    if datatype == "FP32":  # (INT8 values: see test_int8_matmul_is_two_n_cubed_over_the_best_run)
        product = feeds["x"].astype(np.float64) @ feeds["w"].astype(np.float64)
        np.testing.assert_allclose(y, product, rtol=1e-4, atol=1e-3)


def test_describe_names_the_machine():
    info = host.describe()
    with open("/proc/cpuinfo", encoding="utf-8") as fh:
        models = [ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")]
    assert info["cpu_model"] == (models[0] if models else platform.processor() or "unknown")
    assert info["logical_cores"] == str(os.cpu_count())
    assert info["os"] == f"{platform.system()} {platform.release()}"
    assert (info["python"], info["numpy"]) == (platform.python_version(), np.__version__)


def test_onnxruntime_matmul_rejects_other_datatypes():
    with pytest.raises(ValueError, match="FP32 and INT8"):
        host.matmul_ort_tops("INT4", n=8)
