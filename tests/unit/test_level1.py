"""The level-1 model (qutiflow.level1): hand-computed layer times on toy platforms, and the
properties any physical model must have."""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from qutiflow.level1 import Anchor, Platform, calibrate, layer_times, predict


def layer(kind="conv", ops=0, weights=0, in_elems=0, out_elems=0, cin=1, cout=1, groups=1, name="l"):
    return {
        "layer": name,
        "kind": kind,
        "ops": ops,
        "weights": weights,
        "in_elems": in_elems,
        "out_elems": out_elems,
        "in_channels": cin,
        "out_channels": cout,
        "groups": groups,
    }


def net(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


def anchor_nets(big_layers: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A compute-heavy network of ``big_layers`` layers and a small 8-layer one, the two
    anchors a calibration test fits to."""
    big = net(
        *[
            layer(ops=4_000_000_000, weights=2000, in_elems=5000, out_elems=5000, name=f"b{i}")
            for i in range(big_layers)
        ]
    )
    small = net(
        *[layer(ops=1_000_000, weights=100, in_elems=50, out_elems=50, name=f"s{i}") for i in range(8)]
    )
    return big, small


CONV = net(layer(ops=2_000_000_000, weights=1000, in_elems=1000, out_elems=1000, cin=16, cout=16))
DENSE = net(
    layer("dense", ops=2_000_000, weights=1_000_000, in_elems=1000, out_elems=1000, cin=1000, cout=1000)
)


def test_compute_bound_by_hand():
    p = Platform(peak_tops=1.0, offchip_gbps=10.0, onchip_bytes=1e6)
    t = layer_times(CONV, p, "INT8", 1).iloc[0]
    assert t.compute_s == pytest.approx(2e9 / 1e12)  # 2 ms
    assert t.weight_bytes_offchip == 0  # 1000 B fit on chip
    assert t.activation_bytes_offchip == 2000  # the input in, the output out
    assert t.offchip_s == pytest.approx(2000 / 10e9)
    pred = predict(CONV, p, "INT8", 1)
    assert pred.fps == pytest.approx(500.0) and pred.bound == "compute"


def test_link_bound_by_hand_without_and_with_batch_reuse():
    p = Platform(peak_tops=1.0, offchip_gbps=0.5, offchip_is_link=True, onchip_bytes=5e5, batch_reuse=False)
    t = layer_times(DENSE, p, "INT8", 4).iloc[0]
    assert t.weight_bytes_offchip == 4 * 1_000_000  # 1 MB does not fit: 4 passes
    assert t.activation_bytes_offchip == 4 * 2000
    assert t.compute_s == pytest.approx(4 * 2e6 / 1e12)
    assert t.offchip_s == pytest.approx((4e6 + 8000) / 0.5e9)  # 8.016 ms
    pred = predict(DENSE, p, "INT8", 4)
    assert pred.fps == pytest.approx(4 / 0.008016) and pred.bound == "link"
    reuse = predict(DENSE, replace(p, batch_reuse=True), "INT8", 4)
    assert reuse.fps == pytest.approx(4 / ((1e6 + 8000) / 0.5e9))  # 1984.1 fps
    assert predict(DENSE, replace(p, offchip_is_link=False), "INT8", 4).bound == "memory"


def test_weights_placed_in_order_while_they_fit_and_activations_spill():
    layers = net(
        layer(weights=600, in_elems=10, out_elems=10, name="a"),
        layer(weights=600, in_elems=10, out_elems=500, name="b"),
        layer(weights=100, in_elems=500, out_elems=10, name="c"),
    )
    p = Platform(peak_tops=1.0, offchip_gbps=1.0, onchip_bytes=1000)
    t = layer_times(layers, p, "INT8", 1)
    assert t.weight_bytes_offchip.tolist() == [0, 600, 0]  # a and c resident (700 B)
    # 300 B left: b and c move 510 B each, which spill; a's 20 B fit (its input crosses)
    assert t.activation_bytes_offchip.tolist() == [10, 510, 510]


def test_array_rounding_and_depthwise():
    dw = net(layer("dwconv", ops=1e9, cin=32, cout=32, groups=32))
    full = Platform(peak_tops=1.0, offchip_gbps=100.0, onchip_bytes=1e9)
    arr = replace(full, array_in=16, array_out=16)
    assert layer_times(dw, full, "INT8", 1).compute_s[0] == pytest.approx(1e-3)
    assert layer_times(dw, arr, "INT8", 1).compute_s[0] == pytest.approx(16e-3)  # 1 of 16 lanes


def test_overhead_binds_small_layers():
    tiny = net(layer(ops=1000, in_elems=1, out_elems=1))
    p = Platform(peak_tops=1.0, offchip_gbps=1.0, overhead_s=1e-4)
    pred = predict(tiny, p, "INT8", 1)
    assert pred.bound == "overhead" and pred.time_s == pytest.approx(1e-4 + 2 / 1e9)


def test_overhead_is_paid_per_sample_without_batch_reuse():
    # 3 layers, each 1000 ops on 1 TOP/s (1 ns) and 2 B in/out at 1 GB/s on the ends only
    tiny = net(*[layer(ops=1000, name=f"l{i}", in_elems=1, out_elems=1) for i in range(3)])
    once = Platform(peak_tops=1.0, offchip_gbps=1.0, onchip_bytes=1e6, overhead_s=1e-4)
    alone = replace(once, batch_reuse=False)
    # sample by sample: 8 samples x 3 layers x 0.1 ms of overhead + 8 x (3 x 1 ns of compute
    # + 1 ns for the input + 1 ns for the output: each bound by its slower side) = 2.4 ms
    by_hand = 8 * 3 * 1e-4 + 8 * (1e-9 + 1e-9 + 1e-9)
    assert predict(tiny, alone, "INT8", 8).time_s == pytest.approx(by_hand)
    assert predict(tiny, alone, "INT8", 8).fps == pytest.approx(predict(tiny, alone, "INT8", 1).fps)
    # layer by layer: the overhead once per layer for the whole batch, 3 x 0.1 ms + 8 x 3 ns
    assert predict(tiny, once, "INT8", 8).time_s == pytest.approx(3 * 1e-4 + 8 * 3e-9)
    assert layer_times(tiny, alone, "INT8", 8)["overhead_s"].tolist() == pytest.approx([8e-4] * 3)


def test_calibration_recovers_a_per_sample_overhead_without_batch_reuse():
    truth = Platform(
        peak_tops=2.0, offchip_gbps=20.0, onchip_bytes=1e6, batch_reuse=False, efficiency=0.5, overhead_s=2e-5
    )
    big, small = anchor_nets(10)
    anchors = [
        Anchor(big, "INT8", 4, predict(big, truth, "INT8", 4).fps),
        Anchor(small, "INT8", 16, predict(small, truth, "INT8", 16).fps),
    ]
    fitted = calibrate(replace(truth, efficiency=1.0, overhead_s=0.0), anchors)
    assert fitted.efficiency == pytest.approx(0.5, rel=0.012)
    assert fitted.overhead_s == pytest.approx(2e-5, rel=0.05)


def test_invalid_platform_and_batch():
    with pytest.raises(ValueError):
        Platform(peak_tops=0, offchip_gbps=1)
    with pytest.raises(ValueError):
        Platform(peak_tops=1, offchip_gbps=1, efficiency=1.5)
    with pytest.raises(ValueError):
        layer_times(CONV, Platform(1, 1), "INT8", 0)


layers_st = st.lists(
    st.fixed_dictionaries(
        {
            "ops": st.integers(0, 10**10),
            "weights": st.integers(0, 10**7),
            "in_elems": st.integers(1, 10**6),
            "out_elems": st.integers(1, 10**6),
            "cin": st.integers(1, 2048),
            "cout": st.integers(1, 2048),
        }
    ),
    min_size=1,
    max_size=6,
).map(lambda rows: net(*[layer(name=f"l{i}", **r) for i, r in enumerate(rows)]))
platform_st = st.builds(
    Platform,
    peak_tops=st.floats(0.01, 100),
    offchip_gbps=st.floats(0.1, 100),
    onchip_bytes=st.floats(0, 1e7),
    batch_reuse=st.booleans(),
    array_in=st.integers(1, 32),
    array_out=st.integers(1, 32),
)
dtype_st = st.sampled_from(["INT2", "INT4", "INT8", "FP16", "FP32"])


@settings(max_examples=150)  # three layer-by-layer predictions of a random network per example
@given(layers_st, platform_st, dtype_st, st.integers(1, 256), st.floats(0.1, 1.0))
def test_predictions_never_rise_when_peak_or_bandwidth_fall(layers, p, dtype, batch, k):
    base = predict(layers, p, dtype, batch).fps
    assert predict(layers, replace(p, peak_tops=p.peak_tops * k), dtype, batch).fps <= base * (1 + 1e-9)
    assert predict(layers, replace(p, offchip_gbps=p.offchip_gbps * k), dtype, batch).fps <= base * (1 + 1e-9)


@settings(max_examples=150)  # two layer-by-layer predictions of a random network per example
@given(layers_st, platform_st, dtype_st, st.integers(1, 256))
def test_batch_reuse_never_lowers_fps(layers, p, dtype, batch):
    without = predict(layers, replace(p, batch_reuse=False), dtype, batch).fps
    assert predict(layers, replace(p, batch_reuse=True), dtype, batch).fps >= without * (1 - 1e-9)


def test_a_batch_whose_activations_spill_runs_sample_by_sample():
    # tiny weights, big activations: layer by layer would spill every activation
    layers = net(
        layer(ops=1000, weights=10, in_elems=400, out_elems=400, name="a"),
        layer(ops=1000, weights=10, in_elems=400, out_elems=400, name="b"),
    )
    p = Platform(peak_tops=1.0, offchip_gbps=1.0, onchip_bytes=1000)
    by_layer = layer_times(layers, p, "INT8", 8)
    alone = layer_times(layers, p, "INT8", 8, layer_by_layer=False)
    assert by_layer["time_s"].sum() > alone["time_s"].sum()
    assert predict(layers, p, "INT8", 8).time_s == pytest.approx(alone["time_s"].sum())


@settings(max_examples=100)  # a layer-by-layer time table of a random network per example
@given(layers_st, platform_st, dtype_st, st.integers(1, 64))
def test_weights_that_fit_on_chip_cross_no_link(layers, p, dtype, batch):
    fits = replace(p, onchip_bytes=1e12)
    assert (layer_times(layers, fits, dtype, batch)["weight_bytes_offchip"] == 0).all()


def test_calibration_recovers_efficiency_and_overhead_from_two_anchors():
    truth = Platform(peak_tops=2.0, offchip_gbps=20.0, onchip_bytes=1e6, efficiency=0.3, overhead_s=5e-5)
    big, small = anchor_nets(20)
    anchors = [
        Anchor(big, "INT8", 1, predict(big, truth, "INT8", 1).fps),
        Anchor(small, "INT8", 1, predict(small, truth, "INT8", 1).fps),
    ]
    fitted = calibrate(replace(truth, efficiency=1.0, overhead_s=0.0), anchors)
    assert fitted.efficiency == pytest.approx(0.3, rel=0.012)  # the grid's step is 1.2 %
    assert fitted.overhead_s == pytest.approx(5e-5, rel=0.05)
    for a in anchors:
        assert predict(a.layers, fitted, "INT8", 1).fps == pytest.approx(a.measured_fps, rel=0.02)
    assert fitted.peak_tops == truth.peak_tops and not math.isnan(fitted.overhead_s)
