"""Inference measurements of this machine with onnxruntime on the CPU.

Each network of :mod:`qutiflow.networks` is built as an ONNX graph with random weights
(speed does not depend on the weights), in FP32 and in INT8 (static QDQ quantisation with
synthetic calibration data), and timed per batch size and intra-op thread count: warm-up,
then repetitions until a time budget or a count is reached; the median latency and its
quartiles are kept and throughput = batch ÷ median latency. Accuracy is never measured here.
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass

import numpy as np

from ..networks import Network
from .host import Timing, time_repeated
from .onnx_graph import build_onnx


@dataclass(frozen=True)
class Result:
    """The timing of one model at one datatype, batch size and intra-op thread count."""

    topology: str
    pruning_pct: float
    datatype: str
    batch: int
    threads: int
    timing: Timing

    @property
    def latency_ms(self) -> float:
        return self.timing.median_s * 1000.0

    @property
    def throughput_fps(self) -> float:
        return self.batch / self.timing.median_s


def random_input(spec: Network, batch: int, *, seed: int = 0) -> np.ndarray:
    """A float32 batch of the network's input shape."""
    rng = np.random.default_rng(seed)
    return rng.standard_normal((batch, *spec.input_shape), dtype=np.float32)


def model_bytes(spec: Network, datatype: str, *, seed: int = 0, calibration_batches: int = 2) -> bytes:
    """The serialised ONNX model in FP32, or quantised to INT8 (QDQ, per-tensor, static
    calibration on ``calibration_batches`` random batches)."""
    model = build_onnx(spec, seed=seed)
    if datatype == "FP32":
        return model.SerializeToString()
    if datatype != "INT8":
        raise ValueError(f"datatype {datatype!r}: onnxruntime on the CPU measures FP32 and INT8")
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static

    class Synthetic(CalibrationDataReader):
        def __init__(self) -> None:
            self.batches = iter(
                [{"input": random_input(spec, 2, seed=seed + i)} for i in range(calibration_batches)]
            )

        def get_next(self):
            return next(self.batches, None)

    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "fp32.onnx"), os.path.join(tmp, "int8.onnx")
        with open(src, "wb") as fh:
            fh.write(model.SerializeToString())
        # the quantiser advises pre-processing through the root logger at WARNING on every
        # call; shape inference is not needed for these static graphs, so keep it quiet
        root = logging.getLogger()
        level = root.level
        root.setLevel(logging.ERROR)
        try:
            quantize_static(
                src,
                dst,
                Synthetic(),
                quant_format=QuantFormat.QDQ,
                activation_type=QuantType.QUInt8,
                weight_type=QuantType.QInt8,
            )
        finally:
            root.setLevel(level)
        with open(dst, "rb") as fh:
            return fh.read()


def time_inference(
    model: bytes, spec: Network, *, batch: int, threads: int, budget_s: float, max_repeats: int, seed: int = 0
) -> Timing:
    """Median latency of one batch through an onnxruntime CPU session."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    feeds = {"input": random_input(spec, batch, seed=seed)}
    return time_repeated(
        lambda: session.run(None, feeds), warmup=2, min_repeats=3, max_repeats=max_repeats, budget_s=budget_s
    )
