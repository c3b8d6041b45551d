"""Width pruning of the networks (the ``width_pct`` of the builders in qutiflow.networks).

Hidden widths scale with the percentage, so each halving of width about quarters the work;
the input channels and the classes stay.
"""

from __future__ import annotations

import pytest
from qutiflow import networks as nw
from qutiflow.networks import Conv2d

# ----------------------------------------------------------------------- width pruning


@pytest.mark.parametrize("build", [nw.resnet50, lambda pct: nw.resnet50(pct, v15=True)])
def test_resnet50_half_width_has_a_quarter_of_the_work(build):
    full, half = nw.summary(build(100)), nw.summary(build(50))
    # hidden widths halve, so MACs of hidden layers fall to 1/4; conv1 (3 input channels)
    # and fc (1000 outputs) fall only to 1/2, hence a little over a quarter
    assert 0.24 <= half["ops"] / full["ops"] <= 0.28
    assert 0.25 <= half["params"] / full["params"] <= 0.30


@pytest.mark.parametrize(
    "build, low, high",
    [
        (nw.cnv, 0.25, 0.27),
        (nw.mobilenet_v1, 0.25, 0.30),
        (nw.googlenet, 0.25, 0.32),
        # GoogLeNet's conv1 (3 inputs, 118 M MACs) only halves: 0.27, 0.28, 0.31; the MLP's first layer has a fixed 784 inputs, so it only halves: 0.29, 0.32, 0.36
        (nw.mlp, 0.25, 0.40),
    ],
)
def test_each_halving_of_width_quarters_the_work(build, low, high):
    ops = [nw.count_ops(build(pct)) for pct in (100, 50, 25, 12.5)]
    params = [nw.count_params(build(pct)) for pct in (100, 50, 25, 12.5)]
    assert all(low <= b / a <= high for a, b in zip(ops, ops[1:])), [b / a for a, b in zip(ops, ops[1:])]
    assert params == sorted(params, reverse=True)


def test_width_keeps_input_and_classes():
    for spec in (nw.resnet50(12.5), nw.cnv(12.5), nw.mlp(12.5), nw.googlenet(25), nw.mobilenet_v1(50)):
        first = spec.layers[0]
        assert (first.in_channels if isinstance(first, Conv2d) else first.in_features) == spec.input_shape[0]
    assert nw.output_shape(nw.resnet50(12.5)) == (1000,)
    assert nw.output_shape(nw.cnv(12.5)) == nw.output_shape(nw.mlp(12.5)) == (10,)
    assert nw.scale_width(3, 1) == 1  # never below one channel
