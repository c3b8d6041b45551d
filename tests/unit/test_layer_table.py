"""The per-layer cost table of a network (qutiflow.networks.table.layer_table).

Per-layer rows are worked out by hand in the comments; sums are checked against the network
totals on every catalogue network and on random small networks (Hypothesis, derandomised).
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from qutiflow import networks as nw
from qutiflow.networks import (
    BatchNorm,
    Concat,
    Conv2d,
    Dense,
    Flatten,
    GlobalPool,
    Network,
    Pool,
    ReLU,
    Residual,
    layer_table,
)
from qutiflow.networks.catalogue import WIDTH_PCT, network_for

# ----------------------------------------------------------------------- per-layer costs by hand

COLUMNS = [
    "kind",
    "ops",
    "weights",
    "in_elems",
    "out_elems",
    "in_channels",
    "out_channels",
    "groups",
    "out_pixels",
]


def test_mlp_12_5_by_hand():
    # 784-256-256-256-10, no biases; batch norm and ReLU are folded away (no rows)
    # fc1: 784*256 = 200,704 MACs = weights; fc2, fc3: 256*256 = 65,536; fc4: 256*10 = 2,560
    costs = layer_table(nw.mlp(12.5))
    assert list(costs["layer"]) == ["fc1", "fc2", "fc3", "fc4"]
    assert costs[COLUMNS].values.tolist() == [
        ["dense", 401_408, 200_704, 784, 256, 784, 256, 1, 1],
        ["dense", 131_072, 65_536, 256, 256, 256, 256, 1, 1],
        ["dense", 131_072, 65_536, 256, 256, 256, 256, 1, 1],
        ["dense", 5_120, 2_560, 256, 10, 256, 10, 1, 1],
    ]
    # 2 x (200,704 + 2 x 65,536 + 2,560) = 668,672 = the table's 0.000668672 GOP
    assert costs["ops"].sum() == 668_672


def test_cnv_12_5_first_layers_by_hand():
    costs = layer_table(nw.cnv(12.5)).set_index("layer")
    # conv1: 3x32x32 -> 16x30x30 (3x3 valid): 900 px * 16 * 27 = 388,800 MACs, 16*27 = 432
    # weights, reads 3*1,024 = 3,072, writes 16*900 = 14,400
    assert costs.loc["conv1", COLUMNS].tolist() == ["conv", 777_600, 432, 3_072, 14_400, 3, 16, 1, 900]
    # conv2: 16x30x30 -> 16x28x28: 784 * 16 * 144 = 1,806,336 MACs; then the 2x2 max pool
    # 16x28x28 -> 16x14x14 reads 12,544 and writes 3,136
    assert costs.loc["conv2", ["ops", "in_elems", "out_elems"]].tolist() == [3_612_672, 14_400, 12_544]
    assert costs.loc["pool3", COLUMNS].tolist() == ["pool", 0, 0, 12_544, 3_136, 16, 16, 1, 196]
    assert "flatten" not in costs.index and "conv1_bn" not in costs.index


def test_adds_concats_and_depthwise_by_hand():
    res = layer_table(nw.resnet50()).set_index("layer")
    # res2a: body ends in 256x56x56 = 802,816; the projection shortcut too: the add reads both
    assert res.loc["res2a", COLUMNS].tolist() == ["add", 0, 0, 1_605_632, 802_816, 256, 256, 1, 3_136]
    # its projection 64 -> 256 (1x1) at 56x56: 3,136*256*64 = 51,380,224 MACs
    assert res.loc["res2a.shortcut.proj", ["ops", "weights", "in_elems"]].tolist() == [
        102_760_448,
        16_384,
        200_704,
    ]
    goog = layer_table(nw.googlenet()).set_index("layer")
    # inception_3a concatenates 64 + 128 + 32 + 32 = 256 channels at 28x28 = 200,704 elements
    assert goog.loc["inception_3a", COLUMNS].tolist() == ["concat", 0, 0, 200_704, 200_704, 256, 256, 1, 784]
    mob = layer_table(nw.mobilenet_v1()).set_index("layer")
    # conv2_dw: 3x3 depthwise on 32x112x112: 12,544 * 32 * 9 = 3,612,672 MACs, 288 weights
    assert mob.loc["conv2_dw", COLUMNS].tolist() == [
        "dwconv",
        7_225_344,
        288,
        401_408,
        401_408,
        32,
        32,
        32,
        12_544,
    ]


# ----------------------------------------------------------------------- properties


def _check_costs(spec: Network) -> None:
    costs = layer_table(spec)
    assert list(costs.columns) == ["layer", *COLUMNS]
    assert all(costs[c].dtype == "int64" for c in COLUMNS if c != "kind")
    assert costs["ops"].sum() == nw.count_ops(spec)
    assert costs["weights"].sum() == nw.count_params(spec)
    assert set(costs["kind"]) <= {"conv", "dwconv", "dense", "pool", "add", "concat", "other"}
    assert (costs["out_elems"] == costs["out_channels"] * costs["out_pixels"]).all()
    adds, concats = costs[costs["kind"] == "add"], costs[costs["kind"] == "concat"]
    assert (adds["in_elems"] == 2 * adds["out_elems"]).all()
    assert (concats["in_elems"] == concats["out_elems"]).all()
    assert (costs.loc[~costs["kind"].isin(["conv", "dwconv", "dense"]), ["ops", "weights"]] == 0).all().all()
    assert costs["layer"].is_unique


@pytest.mark.parametrize("topology, pruning", sorted(WIDTH_PCT))
def test_per_layer_table_sum_to_the_totals(topology, pruning):
    _check_costs(network_for(topology, pruning))


@st.composite
def chains(draw) -> Network:
    """A random consistent network: convolutions, depthwise, pools, residual blocks and
    concatenations on a small image, then global pool, flatten and a dense classifier."""
    c0, h0 = draw(st.integers(1, 4)), draw(st.integers(4, 12))
    c, h = c0, h0
    layers: list = []
    for i in range(draw(st.integers(0, 5))):
        choice = draw(st.sampled_from(["conv", "dw", "pool", "residual", "concat"]))
        if choice == "conv":
            k, s, out = draw(st.sampled_from([1, 3])), draw(st.sampled_from([1, 2])), draw(st.integers(1, 6))
            layers += [
                Conv2d(c, out, k, s, k // 2, name=f"c{i}"),
                BatchNorm(out, name=f"bn{i}"),
                ReLU(name=f"r{i}"),
            ]
            c, h = out, (h - 1) // s + 1
        elif choice == "dw":
            layers.append(Conv2d(c, c, 3, 1, 1, groups=c, name=f"dw{i}"))
        elif choice == "pool" and h >= 2:
            layers.append(Pool("max", 2, name=f"p{i}"))
            h //= 2
        elif choice == "residual":
            out = draw(st.integers(1, 6))
            shortcut = () if out == c else (Conv2d(c, out, 1),)
            layers.append(Residual((Conv2d(c, out, 3, padding=1), BatchNorm(out)), shortcut, name=f"res{i}"))
            c = out
        elif choice == "concat":
            a, b = draw(st.integers(1, 4)), draw(st.integers(1, 4))
            layers.append(Concat(((Conv2d(c, a, 1),), (Conv2d(c, b, 3, padding=1), ReLU())), name=f"cat{i}"))
            c = a + b
    layers += [GlobalPool(name="gp"), Flatten(name="flat"), Dense(c, draw(st.integers(1, 5)), name="fc")]
    return Network("random", (c0, h0, h0), tuple(layers))


@settings(max_examples=150)  # builds and costs a random network layer by layer per example
@given(chains())
def test_per_layer_table_of_random_networks(spec):
    _check_costs(spec)
    costs = layer_table(spec)
    # top-level rows hand on their output: each top-level convolution, pool or dense layer
    # reads what the top-level layer before it wrote (the input for the first one); the
    # folded layers in between (batch norm, ReLU, flatten) change no element count
    top = costs[~costs["layer"].str.contains(".", regex=False)]
    wrote = math.prod(spec.input_shape)
    for row in top.itertuples():
        if row.kind not in ("add", "concat"):
            assert row.in_elems == wrote, row.layer
        wrote = row.out_elems
    assert wrote == math.prod(nw.output_shape(spec))
