"""MobileNet v1 (Howard et al. 2017), at any uniform width (width multiplier × 100)."""

from __future__ import annotations

from .blocks import conv_bn_relu, scale_width
from .layers import Dense, Flatten, GlobalPool, Layer, Network


def mobilenet_v1(width_pct: float = 100.0) -> Network:
    """MobileNet v1 (Howard et al. 2017, table 1) on 224×224×3, 1000 classes; width_pct=100
    is width multiplier 1.0.

    A 3×3 stride-2 convolution, then 13 depthwise-separable blocks (3×3 depthwise + 1×1
    pointwise, each with batch norm and ReLU; ReLU stands in for ReLU6), global average
    pool, fc with bias. Symmetric padding 1 gives the same sizes as TensorFlow's 'SAME'.

    >>> from qutiflow.networks.counts import summary
    >>> s = summary(mobilenet_v1())
    >>> round(s["gop"], 3), round(s["params_m"], 3)
    (1.137, 4.209)
    """
    w = lambda c: scale_width(c, width_pct)  # noqa: E731
    layers: list[Layer] = [*conv_bn_relu(3, w(32), 3, stride=2, padding=1, name="conv1")]
    c_in = w(32)
    plan = (
        (64, 1),
        (128, 2),
        (128, 1),
        (256, 2),
        (256, 1),
        (512, 2),
        (512, 1),
        (512, 1),
        (512, 1),
        (512, 1),
        (512, 1),
        (1024, 2),
        (1024, 1),
    )
    for i, (c_out, stride) in enumerate(plan, start=2):
        layers += conv_bn_relu(c_in, c_in, 3, stride=stride, padding=1, groups=c_in, name=f"conv{i}_dw")
        layers += conv_bn_relu(c_in, w(c_out), 1, name=f"conv{i}_pw")
        c_in = w(c_out)
    layers += [
        GlobalPool("avg", name="pool"),
        Flatten(name="flatten"),
        Dense(c_in, 1000, bias=True, name="fc"),
    ]
    suffix = "" if width_pct == 100 else f"_w{width_pct:g}"
    return Network(f"mobilenet_v1{suffix}", (3, 224, 224), tuple(layers))
