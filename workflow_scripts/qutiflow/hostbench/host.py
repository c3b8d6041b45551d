"""The machine in front of the user: what it is, and its measured roofline.

Peaks and bandwidths are computed from the best (shortest) of the repeated timings, as
STREAM reports them: the roofline is what the machine can attain, not what it usually does.
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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Timing:
    """Median and spread of repeated timings of one operation."""

    median_s: float
    q1_s: float
    q3_s: float
    repeats: int
    min_s: float = float("nan")


def time_repeated(
    fn, *, warmup: int = 2, min_repeats: int = 5, max_repeats: int = 200, budget_s: float = 2.0
) -> Timing:
    """Call ``fn`` ``warmup`` times, then time it until ``budget_s`` has passed (at least
    ``min_repeats``, at most ``max_repeats`` calls); median and quartiles in seconds."""
    for _ in range(warmup):
        fn()
    samples: list[float] = []
    start = time.perf_counter()
    while len(samples) < max_repeats and (
        len(samples) < min_repeats or time.perf_counter() - start < budget_s
    ):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    q = statistics.quantiles(samples, n=4) if len(samples) > 1 else [samples[0]] * 3
    return Timing(statistics.median(samples), q[0], q[2], len(samples), min(samples))


def triad_bandwidth_gbps(
    *, array_mb: float = 256.0, threads: int = 1, budget_s: float = 2.0
) -> tuple[float, Timing]:
    """STREAM-style triad a = b + s·c on float64 arrays of ``array_mb`` MB each.

    numpy runs it as two passes (a = s·c, then a += b), which move 5 arrays' worth of
    bytes (read c, write a; read a, read b, write a); the bandwidth counts those bytes.
    With ``threads`` > 1 the arrays are cut into that many slices, each run by its own
    thread (numpy releases the GIL inside the loops), as STREAM does with OpenMP.
    """
    n = int(array_mb * 1e6 / 8)
    b = np.full(n, 1.0)
    c = np.full(n, 2.0)
    a = np.empty(n)
    bounds = np.linspace(0, n, threads + 1).astype(int)
    slices = [slice(lo, hi) for lo, hi in zip(bounds[:-1], bounds[1:])]

    def part(s: slice) -> None:
        np.multiply(c[s], 3.0, out=a[s])
        np.add(a[s], b[s], out=a[s])

    if threads == 1:
        t = time_repeated(lambda: part(slices[0]), warmup=1, min_repeats=3, budget_s=budget_s)
    else:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            t = time_repeated(
                lambda: list(pool.map(part, slices)), warmup=1, min_repeats=3, budget_s=budget_s
            )
    return 5 * n * 8 / t.min_s / 1e9, t


def matmul_fp32_tops(*, n: int = 2048, budget_s: float = 2.0) -> tuple[float, Timing]:
    """Attained FP32 throughput of numpy's n×n by n×n matrix product: 2n³ operations."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((n, n), dtype=np.float32)
    y = rng.standard_normal((n, n), dtype=np.float32)
    out = np.empty((n, n), dtype=np.float32)
    t = time_repeated(lambda: np.matmul(x, y, out=out), budget_s=budget_s)
    return 2 * n**3 / t.min_s / 1e12, t


def matmul_ort_tops(
    datatype: str, *, n: int = 2048, threads: int | None = None, budget_s: float = 2.0
) -> tuple[float, Timing]:
    """Attained throughput of an n×n by n×n product in onnxruntime, the engine that runs
    the networks: ``MatMul`` on float32 for FP32, ``MatMulInteger`` (uint8 × int8 → int32)
    for INT8; 2n³ operations per product, ``threads`` intra-op threads (None: all cores).
    Needs onnx and onnxruntime."""
    import onnxruntime as ort
    from onnx import TensorProto, helper

    rng = np.random.default_rng(0)
    if datatype == "FP32":
        node, x_type, w_type, y_type = "MatMul", TensorProto.FLOAT, TensorProto.FLOAT, TensorProto.FLOAT
        feeds = {
            "x": rng.standard_normal((n, n), dtype=np.float32),
            "w": rng.standard_normal((n, n), dtype=np.float32),
        }
    elif datatype == "INT8":
        node, x_type, w_type, y_type = "MatMulInteger", TensorProto.UINT8, TensorProto.INT8, TensorProto.INT32
        feeds = {
            "x": rng.integers(0, 255, (n, n), dtype=np.uint8),
            "w": rng.integers(-127, 127, (n, n), dtype=np.int8),
        }
    else:
        raise ValueError(f"datatype {datatype!r}: the host roofline measures FP32 and INT8")
    graph = helper.make_graph(
        [helper.make_node(node, ["x", "w"], ["y"])],
        f"matmul_{datatype.lower()}",
        [
            helper.make_tensor_value_info("x", x_type, [n, n]),
            helper.make_tensor_value_info("w", w_type, [n, n]),
        ],
        [helper.make_tensor_value_info("y", y_type, [n, n])],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    options = ort.SessionOptions()
    if threads:
        options.intra_op_num_threads = threads
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    t = time_repeated(lambda: session.run(None, feeds), budget_s=budget_s)
    return 2 * n**3 / t.min_s / 1e12, t


def matmul_int8_tops(
    *, n: int = 2048, threads: int | None = None, budget_s: float = 2.0
) -> tuple[float, Timing]:
    """INT8 throughput of onnxruntime's MatMulInteger; see :func:`matmul_ort_tops`."""
    return matmul_ort_tops("INT8", n=n, threads=threads, budget_s=budget_s)


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
    info = {
        "cpu_model": model or "unknown",
        "logical_cores": str(os.cpu_count()),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "numpy": np.__version__,
    }
    for package in ("onnxruntime", "onnx"):
        try:
            info[package] = __import__(package).__version__
        except ImportError:
            pass
    return info
