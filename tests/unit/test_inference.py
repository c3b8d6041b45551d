"""Inference measurements with onnxruntime, on the smallest networks (fast)."""

from __future__ import annotations

import numpy as np
import onnx
import pytest
from qutiflow import networks
from qutiflow.hostbench import inference as measure


@pytest.mark.parametrize("datatype", ["FP32", "INT8"])
def test_mlp_measures_positive_latency(datatype):
    spec = networks.mlp(12.5)
    model = measure.model_bytes(spec, datatype)
    parsed = onnx.load_from_string(model)
    ops = {n.op_type for n in parsed.graph.node}
    if datatype == "INT8":
        assert {"QuantizeLinear", "DequantizeLinear"} <= ops  # static QDQ
    t = measure.time_inference(model, spec, batch=4, threads=1, budget_s=0.05, max_repeats=20)
    assert 0 < t.q1_s <= t.median_s <= t.q3_s and 3 <= t.repeats <= 20
    r = measure.Result("MLP", 12.5, datatype, 4, 1, t)
    assert r.throughput_fps == pytest.approx(4 / t.median_s)
    assert r.latency_ms == pytest.approx(t.median_s * 1000)


def test_cnv_int8_runs_the_batch_through_the_quantised_network(monkeypatch):
    """The timed call is one batch through the whole network: 2 CIFAR-10 images in, 2 × 10
    class scores out (fc3 has 10 outputs); the Timing is time_repeated's, unchanged."""
    ran = []
    timing = measure.Timing(median_s=0.004, q1_s=0.003, q3_s=0.005, repeats=5, min_s=0.002)

    def one_call(fn, **kwargs):
        ran.append(fn())
        return timing

    monkeypatch.setattr(measure, "time_repeated", one_call)
    spec = networks.cnv(12.5)
    assert spec.input_shape == (3, 32, 32) and spec.layers[-1].out_features == 10
    model = measure.model_bytes(spec, "INT8")
    assert {"QuantizeLinear", "DequantizeLinear"} <= {
        n.op_type for n in onnx.load_from_string(model).graph.node
    }
    t = measure.time_inference(model, spec, batch=2, threads=1, budget_s=0.05, max_repeats=5)
    assert t is timing
    [[scores]] = ran
    assert scores.shape == (2, 10) and np.isfinite(scores).all()


def test_unsupported_datatype_is_refused():
    with pytest.raises(ValueError, match="FP32 and INT8"):
        measure.model_bytes(networks.mlp(12.5), "INT4")


def test_the_default_sweep_measures_the_catalogue_networks():
    import csv

    from conftest import REPO
    from qutiflow.hostbench import sweep

    with open(REPO / "config/op_counts.csv", newline="") as fh:
        reference = {
            (r["topology"], float(r["pruning_pct"])): float(r["gop_per_inference"])
            for r in csv.DictReader(fh)
        }
    for topology, pruning in sweep.preset("default").models:
        gop = networks.count_ops(networks.network_for(topology, pruning)) / 1e9
        assert gop == pytest.approx(reference[(topology, pruning)], rel=0.03), (topology, pruning)
