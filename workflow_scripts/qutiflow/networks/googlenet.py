"""GoogLeNet / Inception v1 (Szegedy et al. 2015), at any uniform width."""

from __future__ import annotations

from .blocks import conv_relu, scale_width
from .layers import Concat, Dense, Flatten, GlobalPool, Layer, Network, Pool

#: Inception v1 modules (Szegedy et al. 2015, table 1): #1×1, #3×3 reduce, #3×3, #5×5 reduce, #5×5, pool proj
GOOGLENET_INCEPTION = {
    "3a": (64, 96, 128, 16, 32, 32),
    "3b": (128, 128, 192, 32, 96, 64),
    "4a": (192, 96, 208, 16, 48, 64),
    "4b": (160, 112, 224, 24, 64, 64),
    "4c": (128, 128, 256, 24, 64, 64),
    "4d": (112, 144, 288, 32, 64, 64),
    "4e": (256, 160, 320, 32, 128, 128),
    "5a": (256, 160, 320, 32, 128, 128),
    "5b": (384, 192, 384, 48, 128, 128),
}


def googlenet(width_pct: float = 100.0) -> Network:
    """GoogLeNet / Inception v1 (Szegedy et al. 2015) on 224×224×3, 1000 classes.

    As in the paper's table 1: 5×5 convolutions in the third branch (torchvision uses 3×3),
    convolutions with bias and ReLU, no batch norm, max pools rounding up (Caffe), global
    7×7 average pool and one fc layer. Left out: the two auxiliary classifiers (training
    only), local response normalisation and dropout (no weights, not counted).

    >>> from qutiflow.networks.counts import summary
    >>> s = summary(googlenet())
    >>> round(s["gop"], 2), round(s["params_m"], 2)
    (3.17, 6.99)
    """
    w = lambda c: scale_width(c, width_pct)  # noqa: E731
    layers: list[Layer] = [
        *conv_relu(3, w(64), 7, stride=2, padding=3, name="conv1"),
        Pool("max", 3, 2, ceil_mode=True, name="pool1"),
        *conv_relu(w(64), w(64), 1, name="conv2_reduce"),
        *conv_relu(w(64), w(192), 3, padding=1, name="conv2"),
        Pool("max", 3, 2, ceil_mode=True, name="pool2"),
    ]
    c_in = w(192)
    for module, widths in GOOGLENET_INCEPTION.items():
        if module in ("4a", "5a"):
            layers.append(Pool("max", 3, 2, ceil_mode=True, name=f"pool{int(module[0]) - 1}"))
        n1, n3r, n3, n5r, n5, pp = (w(c) for c in widths)
        branches = (
            (*conv_relu(c_in, n1, 1, name="1x1"),),
            (*conv_relu(c_in, n3r, 1, name="3x3_reduce"), *conv_relu(n3r, n3, 3, padding=1, name="3x3")),
            (*conv_relu(c_in, n5r, 1, name="5x5_reduce"), *conv_relu(n5r, n5, 5, padding=2, name="5x5")),
            (Pool("max", 3, 1, padding=1, name="pool"), *conv_relu(c_in, pp, 1, name="pool_proj")),
        )
        layers.append(Concat(branches, name=f"inception_{module}"))
        c_in = n1 + n3 + n5 + pp
    layers += [
        GlobalPool("avg", name="pool5"),
        Flatten(name="flatten"),
        Dense(c_in, 1000, bias=True, name="fc"),
    ]
    suffix = "" if width_pct == 100 else f"_w{width_pct:g}"
    return Network(f"googlenet{suffix}", (3, 224, 224), tuple(layers))
