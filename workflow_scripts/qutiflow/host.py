"""The machine in front of the user: what it is, and its measured roofline.

Peak compute is timed on matrix multiplications (FP32 through numpy's BLAS; INT8 through
onnxruntime's integer MatMul when onnxruntime is installed); memory bandwidth on a
STREAM-style triad over arrays far larger than the last-level cache. Every number is a
measurement of this process on this machine, never a datasheet value.
"""
from __future__ import annotations

import os
import platform
import statistics
import time
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Timing:
    """Median and spread of repeated timings of one operation."""

    median_s: float
    q1_s: float
    q3_s: float
    repeats: int


def time_repeated(fn, *, warmup: int = 2, min_repeats: int = 5, max_repeats: int = 200,
                  budget_s: float = 2.0) -> Timing:
    """Call ``fn`` ``warmup`` times, then time it until ``budget_s`` has passed (at least
    ``min_repeats``, at most ``max_repeats`` calls); median and quartiles in seconds."""
    for _ in range(warmup):
        fn()
    samples: list[float] = []
    start = time.perf_counter()
    while len(samples) < max_repeats and (len(samples) < min_repeats
                                          or time.perf_counter() - start < budget_s):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    q = statistics.quantiles(samples, n=4) if len(samples) > 1 else [samples[0]] * 3
    return Timing(statistics.median(samples), q[0], q[2], len(samples))


def triad_bandwidth_gbps(*, array_mb: float = 256.0, budget_s: float = 2.0) -> tuple[float, Timing]:
    """STREAM-style triad a = b + s·c on float64 arrays of ``array_mb`` MB each.

    numpy runs it as two passes (a = s·c, then a += b), which move 5 arrays' worth of
    bytes (read c, write a; read a, read b, write a); the bandwidth counts those bytes.
    """
    n = int(array_mb * 1e6 / 8)
    b = np.full(n, 1.0)
    c = np.full(n, 2.0)
    a = np.empty(n)

    def triad() -> None:
        np.multiply(c, 3.0, out=a)
        np.add(a, b, out=a)

    t = time_repeated(triad, warmup=1, min_repeats=3, budget_s=budget_s)
    return 5 * n * 8 / t.median_s / 1e9, t


def matmul_fp32_tops(*, n: int = 2048, budget_s: float = 2.0) -> tuple[float, Timing]:
    """Attained FP32 throughput of an n×n by n×n matrix product: 2n³ operations."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((n, n), dtype=np.float32)
    y = rng.standard_normal((n, n), dtype=np.float32)
    out = np.empty((n, n), dtype=np.float32)
    t = time_repeated(lambda: np.matmul(x, y, out=out), budget_s=budget_s)
    return 2 * n**3 / t.median_s / 1e12, t


def matmul_int8_tops(*, n: int = 2048, threads: int | None = None,
                     budget_s: float = 2.0) -> tuple[float, Timing]:
    """Attained INT8 throughput of onnxruntime's MatMulInteger (uint8 × int8 → int32),
    2n³ operations per product. Needs onnx and onnxruntime."""
    import onnx
    import onnxruntime as ort
    from onnx import TensorProto, helper

    graph = helper.make_graph(
        [helper.make_node("MatMulInteger", ["x", "w"], ["y"])], "matmul_int8",
        [helper.make_tensor_value_info("x", TensorProto.UINT8, [n, n]),
         helper.make_tensor_value_info("w", TensorProto.INT8, [n, n])],
        [helper.make_tensor_value_info("y", TensorProto.INT32, [n, n])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    options = ort.SessionOptions()
    if threads:
        options.intra_op_num_threads = threads
    session = ort.InferenceSession(model.SerializeToString(), options,
                                   providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(0)
    feeds = {"x": rng.integers(0, 255, (n, n), dtype=np.uint8),
             "w": rng.integers(-127, 127, (n, n), dtype=np.int8)}
    t = time_repeated(lambda: session.run(None, feeds), budget_s=budget_s)
    del onnx
    return 2 * n**3 / t.median_s / 1e12, t


def describe() -> dict[str, str]:
    """CPU model, logical cores, OS and library versions of this machine."""
    model = platform.processor() or ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    info = {"cpu_model": model or "unknown", "logical_cores": str(os.cpu_count()),
            "os": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(), "numpy": np.__version__}
    try:
        import onnxruntime
        info["onnxruntime"] = onnxruntime.__version__
    except ImportError:
        pass
    return info
