"""ResNet-50 v1 and v1.5 (He et al. 2016), at any uniform width."""

from __future__ import annotations

from .blocks import conv_bn_relu, scale_width
from .layers import BatchNorm, Conv2d, Dense, Flatten, GlobalPool, Layer, Network, Pool, ReLU, Residual


def _bottleneck(c_in: int, mid: int, c_out: int, stride: int, *, v15: bool, name: str) -> tuple[Layer, ...]:
    s1, s3 = (1, stride) if v15 else (stride, 1)
    body = (
        *conv_bn_relu(c_in, mid, 1, stride=s1, name="conv1"),
        *conv_bn_relu(mid, mid, 3, stride=s3, padding=1, name="conv2"),
        Conv2d(mid, c_out, 1, name="conv3"),
        BatchNorm(c_out, name="conv3_bn"),
    )
    shortcut: tuple[Layer, ...] = ()
    if stride != 1 or c_in != c_out:
        shortcut = (Conv2d(c_in, c_out, 1, stride, name="proj"), BatchNorm(c_out, name="proj_bn"))
    return Residual(body, shortcut, name=name), ReLU(name=f"{name}_relu")


def resnet50(width_pct: float = 100.0, *, v15: bool = False) -> Network:
    """ResNet-50 (He et al. 2016) on 224×224×3, 1000 classes.

    v1 (``v15=False``) puts the stride 2 of a downsampling bottleneck on its first 1×1
    convolution, v1.5 (torchvision, NVIDIA) on the 3×3. Projection shortcuts (1×1 conv +
    batch norm) where the shape changes; batch norm after every convolution; fc with bias.

    >>> from qutiflow.networks.counts import summary
    >>> s = summary(resnet50())
    >>> round(s["gop"], 2), round(s["params_m"], 2)
    (7.72, 25.5)
    """
    w = lambda c: scale_width(c, width_pct)  # noqa: E731
    layers: list[Layer] = [
        *conv_bn_relu(3, w(64), 7, stride=2, padding=3, name="conv1"),
        Pool("max", 3, 2, padding=1, name="pool1"),
    ]
    c_in = w(64)
    for stage, (mid, blocks, stride) in enumerate(
        ((64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)), start=2
    ):
        for b in range(blocks):
            layers += _bottleneck(
                c_in, w(mid), w(4 * mid), stride if b == 0 else 1, v15=v15, name=f"res{stage}{'abcdef'[b]}"
            )
            c_in = w(4 * mid)
    layers += [
        GlobalPool("avg", name="pool5"),
        Flatten(name="flatten"),
        Dense(c_in, 1000, bias=True, name="fc"),
    ]
    suffix = "" if width_pct == 100 else f"_w{width_pct:g}"
    return Network(f"resnet50{'_v1.5' if v15 else ''}{suffix}", (3, 224, 224), tuple(layers))
