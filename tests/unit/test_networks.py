"""Networks defined once (qutiflow.networks): their shapes, MACs, operations and weights.

Counting rules under test: MACs of convolutions (out_h·out_w·out_c · k·k·in_c/groups) and
dense layers (in·out) only; operations = 2 × MACs; parameters = conv and dense weights only
(no biases, no batch norm). Small layers are worked out by hand in the comments; CNV and
MLP are exact (tests/unit/test_op_counts.py derives the same numbers layer by layer);
the ImageNet networks are compared with their papers within stated tolerances. Width pruning
is in test_network_widths.py, the ONNX graphs in test_onnx_graph.py.
"""

from __future__ import annotations

import pytest
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
)

# ----------------------------------------------------------------------- small layers by hand


def test_conv3x3_on_a_tiny_input():
    # input 3x5x5, 4 filters 3x3, padding 1, stride 1 -> output 4x5x5
    # MACs = 5*5 outputs * 4 channels * (3*3*3 = 27 per output) = 2,700; ops = 5,400
    # weights = 4 * 3 * 3*3 = 108 (the bias of 4 is not counted)
    net = Network("c", (3, 5, 5), (Conv2d(3, 4, 3, padding=1, bias=True),))
    assert nw.output_shape(net) == (4, 5, 5)
    assert (nw.count_macs(net), nw.count_ops(net), nw.count_params(net)) == (2_700, 5_400, 108)


def test_strided_valid_conv():
    # input 2x7x7, 3 filters 3x3, stride 2, no padding -> (7-3)//2+1 = 3 -> 3x3x3
    # MACs = 9 * 3 * (3*3*2 = 18) = 486; weights = 3 * 18 = 54
    net = Network("s", (2, 7, 7), (Conv2d(2, 3, 3, stride=2),))
    assert nw.output_shape(net) == (3, 3, 3)
    assert (nw.count_ops(net), nw.count_params(net)) == (972, 54)


def test_depthwise_conv():
    # input 8x6x6, depthwise 3x3 (groups 8), stride 2, padding 1 -> (6+2-3)//2+1 = 3 -> 8x3x3
    # each output sees one input channel: 3*3 = 9 MACs; MACs = 3*3*8 * 9 = 648; ops = 1,296
    # weights = 8 * (8/8) * 3*3 = 72
    net = Network("dw", (8, 6, 6), (Conv2d(8, 8, 3, stride=2, padding=1, groups=8),))
    assert nw.output_shape(net) == (8, 3, 3)
    assert (nw.count_ops(net), nw.count_params(net)) == (1_296, 72)


def test_dense_layer():
    # 10 -> 3: 30 MACs = 60 ops, 30 weights (3 biases not counted)
    net = Network("fc", (10,), (Dense(10, 3, bias=True),))
    assert (nw.count_ops(net), nw.count_params(net)) == (60, 30)


def test_uncounted_layers_and_containers():
    # input 4x8x8; residual body: 1x1 conv 4->4 (64*4*4 = 1,024 MACs, 16 weights) + BN;
    # identity shortcut; ReLU; inception-like concat of a 1x1 conv 4->2 (64*2*4 = 512 MACs,
    # 8 weights) and a 3x3/1 pad-1 max pool (4 channels) -> 6x8x8; 2x2 pool -> 6x4x4;
    # global avg -> 6x1x1; flatten -> 6; dense 6->5 (30 MACs, 30 weights).
    # total MACs = 1,024 + 512 + 30 = 1,566; weights = 16 + 8 + 30 = 54
    net = Network(
        "mix",
        (4, 8, 8),
        (
            Residual((Conv2d(4, 4, 1), BatchNorm(4))),
            ReLU(),
            Concat(((Conv2d(4, 2, 1),), (Pool("max", 3, 1, padding=1),))),
            Pool("avg", 2),
            GlobalPool("avg"),
            Flatten(),
            Dense(6, 5),
        ),
    )
    assert nw.output_shape(net) == (5,)
    assert (nw.count_macs(net), nw.count_params(net)) == (1_566, 54)
    table = nw.layer_shapes(net)
    assert table.loc[table["layer"] == "concat2", "out_shape"].item() == "6x8x8"
    assert table["macs"].sum() == 1_566
    assert (
        table.loc[
            table["layer_type"].isin(
                ["BatchNorm", "ReLU", "Pool", "GlobalPool", "Flatten", "Concat", "Residual"]
            ),
            "macs",
        ]
        .eq(0)
        .all()
    )


def test_ceil_mode_pool():
    # GoogLeNet's pools: 112 -> ceil((112-3)/2)+1 = 56 (floor would give 55)
    net = Network("p", (1, 112, 112), (Pool("max", 3, 2, ceil_mode=True),))
    assert nw.output_shape(net) == (1, 56, 56)


@pytest.mark.parametrize(
    "layers, where",
    [
        ((Conv2d(4, 8, 3),), "conv2d0"),  # 3 channels arrive, not 4
        ((Flatten(), Dense(10, 2)), "dense1"),  # 3*8*8 = 192 features
        ((Residual((Conv2d(3, 4, 1),)),), "residual0"),  # body 4 ch, identity 3 ch
        ((Conv2d(3, 4, 9),), "conv2d0"),  # kernel larger than 8x8
        ((ReLU(name="a"), ReLU(name="a")), "a"),  # duplicate sibling names
    ],
)
def test_inconsistent_specs_are_rejected(layers, where):
    with pytest.raises(ValueError, match=where):
        nw.trace(Network("bad", (3, 8, 8), layers))


def test_layer_arguments_are_checked():
    with pytest.raises(ValueError, match="groups"):
        Conv2d(6, 4, 3, groups=4)
    with pytest.raises(ValueError, match="kind"):
        Pool("median", 2)
    with pytest.raises(ValueError, match="width_pct"):
        nw.scale_width(64, 0)


# ----------------------------------------------------------------------- CNV and MLP, exact


@pytest.mark.parametrize(
    "width_pct, ops, weights",
    [
        (100, 469_449_728, 6_157_696),
        (50, 118_922_752, 1_542_848),
    ],
)
def test_cnv_exact(width_pct, ops, weights):
    assert (nw.count_ops(nw.cnv(width_pct)), nw.count_params(nw.cnv(width_pct))) == (ops, weights)


def test_cnv_widths():
    convs = [layer.out_channels for layer in nw.cnv(50).layers if isinstance(layer, Conv2d)]
    dense = [layer.out_features for layer in nw.cnv(50).layers if isinstance(layer, Dense)]
    assert (convs, dense) == ([64, 64, 128, 128, 256, 256], [512, 512, 10])
    assert [layer.out_channels for layer in nw.cnv(12.5).layers if isinstance(layer, Conv2d)] == [
        16,
        16,
        32,
        32,
        64,
        64,
    ]
    assert nw.cnv(12.5).input_shape == (3, 32, 32)


@pytest.mark.parametrize(
    "width_pct, ops, weights",
    [
        (100, 20_029_440, 10_014_720),
        (50, 5_820_416, 2_910_208),
    ],
)
def test_mlp_exact(width_pct, ops, weights):
    assert (nw.count_ops(nw.mlp(width_pct)), nw.count_params(nw.mlp(width_pct))) == (ops, weights)


def test_summary_units():
    s = nw.summary(nw.cnv(100))
    assert s["gop"] == pytest.approx(0.469449728, rel=1e-12)
    assert s["params_m"] == pytest.approx(6.157696, rel=1e-12)
    assert s["ops"] == 2 * s["macs"]


# ----------------------------------------------------------------------- published values


def test_resnet50_v1_against_he_et_al():
    s = nw.summary(nw.resnet50())
    # 3.86 G multiply-adds (He et al. round to "3.8 x 10^9 FLOPs", i.e. multiply-adds): 1 %
    assert s["macs"] == pytest.approx(3.86e9, rel=0.01)
    assert s["gop"] == pytest.approx(7.7, rel=0.01)
    # He et al.'s 25.6 M counts biases and batch norm too; torchvision's 25,557,032 minus the
    # fc bias (1,000) and batch-norm scale and shift (2 x 26,560) leaves exactly these weights
    assert s["params"] == 25_557_032 - 1_000 - 2 * 26_560


def test_resnet50_v15_strides_the_3x3():
    v1, v15 = nw.resnet50(), nw.resnet50(v15=True)
    # the commonly quoted 4.1 G MACs of v1.5 (torchvision): 1 %
    assert nw.count_macs(v15) == pytest.approx(4.1e9, rel=0.01)
    assert nw.count_ops(v15) == pytest.approx(8.2e9, rel=0.01)
    assert nw.count_params(v15) == nw.count_params(v1)  # same weights, other strides

    def strides(spec):  # of conv1 (1x1) and conv2 (3x3) in the first block of stage 3
        body = next(layer for layer in spec.layers if layer.name == "res3a").body
        return tuple(layer.stride for layer in body if isinstance(layer, Conv2d))

    assert (strides(v1), strides(v15)) == ((2, 1, 1), (1, 2, 1))


def test_mobilenet_v1_against_howard_et_al():
    # table 2 of Howard et al. 2017 for 1.0 MobileNet-224: 569 M mult-adds, 4.2 M parameters
    # (tolerance: the rounding of the paper's figures, 0.5 % and 1 %)
    spec = nw.mobilenet_v1()
    assert nw.count_macs(spec) == pytest.approx(569e6, rel=0.005)
    assert nw.count_params(spec) == pytest.approx(4.2e6, rel=0.01)


def test_googlenet_against_szegedy_et_al():
    spec = nw.googlenet()
    # Szegedy et al. state 1.5 G multiply-adds. Their table 1 sums to 1.50 G but lists
    # conv1 at 34 M where its 7x7x3 -> 64 kernel on 112x112 outputs needs 118 M; with that
    # corrected the table gives about 1.59 G. Accept 1.5-1.6 G.
    assert 1.5e9 <= nw.count_macs(spec) <= 1.6e9
    # Table 1 sums to about 6.8 M parameters without the auxiliary classifiers (they are not
    # in the table; with them torchvision has 13 M). Its rows are in units of 1,024 (3a:
    # 163,328 weights = 159 K) and its conv1 row (2.7 K) is smaller than the 9,408 weights
    # of the kernel; our 6.99 M = 6,826 Ki. Tolerance 3 % for those two effects.
    assert nw.count_params(spec) == pytest.approx(6.8e6, rel=0.03)
    inception_3a = next(layer for layer in spec.layers if layer.name == "inception_3a")
    # 192*64 + 192*96 + 9*96*128 + 192*16 + 25*16*32 + 192*32 = 163,328 weights on 28x28
    module = Network("3a", (192, 28, 28), (inception_3a,))
    assert (nw.count_params(module), nw.output_shape(module)) == (163_328, (256, 28, 28))
    assert nw.output_shape(spec) == (1000,)
