"""EfficientNet-EdgeTPU S, M and L (Google 2019), as the TensorFlow TPU models define them.

Source: github.com/tensorflow/tpu, ``models/official/efficientnet/edgetpu/
efficientnet_edgetpu_builder.py`` (the block arguments, and per model the width and depth
coefficients and the input resolution) and ``models/official/efficientnet/
efficientnet_model.py`` (``round_filters``, ``round_repeats``, ``MBConvBlock``, the fused
``MBConvBlockWithoutDepthwise``, stem and head). The builder's block arguments::

    r1_k3_s11_e4_i24_o24_c1_noskip   r2_k3_s22_e8_i24_o32_c1   r4_k3_s22_e8_i32_o48_c1
    r5_k5_s22_e8_i48_o96             r4_k5_s11_e8_i96_o144     r2_k5_s22_e8_i144_o192

(``r`` repeats, ``k`` kernel, ``s`` stride, ``e`` expansion ratio, ``i``/``o`` input and
output filters, ``c1`` fused convolution, ``noskip`` no residual add) and the models
(width coefficient, depth coefficient, resolution): S (1.0, 1.0, 224), M (1.0, 1.1, 240),
L (1.2, 1.4, 300). ReLU throughout, filters rounded to multiples of 8 (``depth_divisor``),
1001 classes (class 0 is a background label), no squeeze-and-excitation (no ``se`` in the
block arguments).

The network, per sample:

* stem: 3×3 stride-2 convolution to ``round_filters(32)``, batch norm, ReLU;
* each block argument repeated ``ceil(depth × r)`` times, the first with the stride and
  the given input filters, the others with stride 1 and input = output filters:

  - fused (``c1``): a 3×3 stride-1 convolution to ``input filters × e`` (its input is
    whatever arrives: the stem's 32 channels for the very first block), batch norm, ReLU,
    then a 1×1 projection **carrying the block's stride**, batch norm. The reference
    strides the projection, so the 3×3 expansion runs at the full input resolution; this
    gives the 2.35 G multiply-accumulates of S in QuTiBench's table (implementations that
    move the stride to the 3×3, as later versions of timm's ``EdgeResidual``, count 1.79 G);
  - otherwise: 1×1 expansion to ``input filters × e``, batch norm, ReLU; k×k depthwise
    convolution with the stride, batch norm, ReLU; 1×1 projection, batch norm;
  - an identity add around the block when its stride is 1, its input and output filters
    are equal and its argument does not say ``noskip``;

* head: 1×1 convolution to ``round_filters(1280)``, batch norm, ReLU; global average
  pool; (dropout); fully connected layer with bias to 1001 classes.

TensorFlow's ``'same'`` padding is written as symmetric padding ``k // 2``: for these odd
kernels both give ``ceil(in / stride)`` outputs, so every shape and count is the same.
"""

from __future__ import annotations

import math

from .blocks import conv_bn_relu, scale_width
from .layers import BatchNorm, Conv2d, Dense, Flatten, GlobalPool, Layer, Network, Residual

#: the builder's blocks_args: (repeats, kernel, stride, expansion, input filters, output
#: filters, fused, skip)
EDGETPU_BLOCKS = (
    (1, 3, 1, 4, 24, 24, True, False),
    (2, 3, 2, 8, 24, 32, True, True),
    (4, 3, 2, 8, 32, 48, True, True),
    (5, 5, 2, 8, 48, 96, False, True),
    (4, 5, 1, 8, 96, 144, False, True),
    (2, 5, 2, 8, 144, 192, False, True),
)
#: efficientnet_edgetpu_params: variant → (width coefficient, depth coefficient, resolution)
EDGETPU_PARAMS = {"S": (1.0, 1.0, 224), "M": (1.0, 1.1, 240), "L": (1.2, 1.4, 300)}
#: classes of the reference models (1000 ImageNet classes and a background label)
EDGETPU_CLASSES = 1001


def round_filters(filters: int, width_coefficient: float, divisor: int = 8) -> int:
    """The reference's ``round_filters``: scale, round to the nearest multiple of
    ``divisor`` (at least ``divisor``), and add one ``divisor`` if that lost over 10 %.

    >>> round_filters(24, 1.2), round_filters(144, 1.2), round_filters(1280, 1.2), round_filters(32, 1.0)
    (32, 176, 1536, 32)
    """
    scaled = filters * width_coefficient
    rounded = max(divisor, int(scaled + divisor / 2) // divisor * divisor)
    return int(rounded + divisor if rounded < 0.9 * scaled else rounded)


def round_repeats(repeats: int, depth_coefficient: float) -> int:
    """The reference's ``round_repeats``: ``ceil(depth × repeats)``.

    >>> [round_repeats(r, 1.1) for r in (1, 2, 4, 5)], [round_repeats(r, 1.4) for r in (1, 2, 4, 5)]
    ([2, 3, 5, 6], [2, 3, 6, 7])
    """
    return math.ceil(depth_coefficient * repeats)


def _block(
    c_arrives: int, c_in: int, c_out: int, kernel: int, stride: int, expand: int, fused: bool, prefix: str
) -> tuple[Layer, ...]:
    mid = c_in * expand
    if fused:
        return (
            *conv_bn_relu(c_arrives, mid, 3, padding=1, name=f"{prefix}expand"),
            Conv2d(mid, c_out, 1, stride, name=f"{prefix}project"),
            BatchNorm(c_out, name=f"{prefix}project_bn"),
        )
    return (
        *conv_bn_relu(c_arrives, mid, 1, name=f"{prefix}expand"),
        *conv_bn_relu(
            mid, mid, kernel, stride=stride, padding=kernel // 2, groups=mid, name=f"{prefix}depthwise"
        ),
        Conv2d(mid, c_out, 1, name=f"{prefix}project"),
        BatchNorm(c_out, name=f"{prefix}project_bn"),
    )


def efficientnet_edgetpu(variant: str, width_pct: float = 100.0) -> Network:
    """EfficientNet-EdgeTPU ``variant`` (``"S"``, ``"M"`` or ``"L"``) on its own resolution
    (224, 240, 300), 1001 classes; ``width_pct`` scales every hidden channel count after the
    reference's rounding (100: the published model). Block ``i`` (counted over the whole
    network, as the reference's ``blocks_i``) is ``block{i}``, a :class:`Residual` whose
    body holds ``expand``, ``depthwise``, ``project`` (paths ``block{i}.body.expand`` …)
    where it has the skip, else layers ``block{i}_expand`` … at the top level.

    >>> from qutiflow.networks.counts import summary
    >>> s = summary(efficientnet_edgetpu("S"))
    >>> round(s["macs"] / 1e9, 3), round(s["params_m"], 2)
    (2.352, 5.39)
    """
    if variant not in EDGETPU_PARAMS:
        raise ValueError(f"EfficientNet-EdgeTPU variant {variant!r}: use one of {', '.join(EDGETPU_PARAMS)}")
    width, depth, resolution = EDGETPU_PARAMS[variant]
    w = lambda c: scale_width(round_filters(c, width), width_pct)  # noqa: E731
    layers: list[Layer] = [*conv_bn_relu(3, w(32), 3, stride=2, padding=1, name="stem")]
    c_arrives, index = w(32), 0
    for repeats, kernel, stride, expand, c_in, c_out, fused, skip in EDGETPU_BLOCKS:
        for r in range(round_repeats(repeats, depth)):
            first = r == 0
            block_in = w(c_in) if first else w(c_out)
            s = stride if first else 1
            if skip and s == 1 and block_in == w(c_out):
                body = _block(c_arrives, block_in, w(c_out), kernel, s, expand, fused, "")
                layers.append(Residual(body, name=f"block{index}"))
            else:
                layers += _block(c_arrives, block_in, w(c_out), kernel, s, expand, fused, f"block{index}_")
            c_arrives, index = w(c_out), index + 1
    layers += [
        *conv_bn_relu(c_arrives, w(1280), 1, name="head"),
        GlobalPool("avg", name="pool"),
        Flatten(name="flatten"),
        Dense(w(1280), EDGETPU_CLASSES, bias=True, name="fc"),
    ]
    suffix = "" if width_pct == 100 else f"_w{width_pct:g}"
    return Network(
        f"efficientnet_edgetpu_{variant.lower()}{suffix}", (3, resolution, resolution), tuple(layers)
    )
