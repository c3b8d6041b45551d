"""FINN's small networks: CNV (CIFAR-10) and the MNIST MLP, at any uniform width."""

from __future__ import annotations

from .blocks import conv_bn_relu, scale_width
from .layers import BatchNorm, Dense, Flatten, Layer, Network, Pool, ReLU


def cnv(width_pct: float = 100.0) -> Network:
    """CIFAR-10 CNV on 32×32×3, 10 classes: six 3×3 valid-padding convolutions (2 max pools
    of 2 between pairs), then two hidden dense layers and the classifier; batch norm and
    ReLU after every hidden layer, no biases.

    Widths at 100 %: conv 128, 128, 256, 256, 512, 512; dense 1024, 1024. FINN's CNV is the
    50 % row (64 … 256, 512), 25 % halves it, 12.5 % quarters it.

    >>> from qutiflow.networks.counts import summary
    >>> s = summary(cnv(50))
    >>> s["ops"], s["params"]
    (118922752, 1542848)
    """
    w = lambda c: scale_width(c, width_pct)  # noqa: E731
    layers: list[Layer] = []
    c_in = 3
    for i, step in enumerate((128, 128, "pool", 256, 256, "pool", 512, 512), start=1):
        if step == "pool":
            layers.append(Pool("max", 2, name=f"pool{i}"))
            continue
        layers += conv_bn_relu(c_in, w(step), 3, name=f"conv{i}")
        c_in = w(step)
    layers.append(Flatten(name="flatten"))  # 1x1 spatial after the last convolution
    for i in (1, 2):
        layers += [
            Dense(c_in, w(1024), name=f"fc{i}"),
            BatchNorm(w(1024), name=f"fc{i}_bn"),
            ReLU(name=f"fc{i}_relu"),
        ]
        c_in = w(1024)
    layers.append(Dense(c_in, 10, name="fc3"))
    return Network(f"cnv_w{width_pct:g}", (3, 32, 32), tuple(layers))


def mlp(width_pct: float = 100.0) -> Network:
    """MNIST MLP 784-W-W-W-10, W = 2048 at 100 % (1024 at 50 %, 512 at 25 %, 256 at
    12.5 %); dense layers without bias, batch norm and ReLU after each hidden layer.

    >>> [l.out_features for l in mlp(25).layers if isinstance(l, Dense)]
    [512, 512, 512, 10]
    """
    width = scale_width(2048, width_pct)
    layers: list[Layer] = []
    c_in = 784
    for i in (1, 2, 3):
        layers += [
            Dense(c_in, width, name=f"fc{i}"),
            BatchNorm(width, name=f"fc{i}_bn"),
            ReLU(name=f"fc{i}_relu"),
        ]
        c_in = width
    layers.append(Dense(c_in, 10, name="fc4"))
    return Network(f"mlp_w{width_pct:g}", (784,), tuple(layers))
