"""Convolutional networks defined once, layer by layer; op and weight counts derived from them.

A :class:`Network` is an input shape and a tuple of layers. Leaf layers are :class:`Conv2d`
(``groups`` for depthwise), :class:`Dense`, :class:`BatchNorm`, :class:`ReLU`,
:class:`Pool` (max or average), :class:`GlobalPool` and :class:`Flatten`; two containers
hold sub-sequences: :class:`Concat` (parallel branches concatenated on channels, GoogLeNet's
inception module) and :class:`Residual` (body + shortcut, ResNet's identity or projection
add). Shapes are per sample, without the batch: ``(C, H, W)`` for feature maps, ``(F,)``
for vectors. The same definition yields the counts here and the ONNX graph in
:mod:`qutiflow.hostbench.onnx_graph`.

What is counted
---------------
* **MACs**: multiply-accumulates of convolutions (``out_h·out_w·out_c · k·k·in_c/groups``)
  and dense layers (``in·out``). Nothing else: biases, batch norm (folded into the preceding
  layer at inference), activations, pooling, residual adds, concatenation and flattening
  count 0.
* **Operations** = 2 × MACs (one multiply and one add each), the unit of GOP.
* **Parameters** = weights of convolutions and dense layers only. Biases and batch-norm
  parameters are **not** counted (a folded batch norm becomes a per-channel bias).

Width pruning: ``width_pct`` scales every hidden channel (and hidden dense) count by
``width_pct / 100``, rounded half up to an integer ≥ 1 (:func:`scale_width`); the input and
the classifier output keep their size.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterator, Literal, Union

import pandas as pd

Shape = tuple[int, ...]


def _positive(owner: str, **values: int) -> None:
    for key, value in values.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValueError(f"{owner}: {key}={value!r} must be an integer ≥ 1")


# ----------------------------------------------------------------------------- layers

@dataclass(frozen=True)
class Conv2d:
    """2-D convolution with a square kernel, symmetric zero padding, no dilation.

    ``groups=in_channels=out_channels`` makes it depthwise. ``bias`` only changes the ONNX
    graph; biases are never counted.
    """

    in_channels: int
    out_channels: int
    kernel: int
    stride: int = 1
    padding: int = 0
    groups: int = 1
    bias: bool = False
    name: str = ""

    def __post_init__(self) -> None:
        _positive("Conv2d", in_channels=self.in_channels, out_channels=self.out_channels,
                  kernel=self.kernel, stride=self.stride, groups=self.groups)
        if not isinstance(self.padding, int) or self.padding < 0:
            raise ValueError(f"Conv2d: padding={self.padding!r} must be an integer ≥ 0")
        if self.in_channels % self.groups or self.out_channels % self.groups:
            raise ValueError(f"Conv2d {self.name or ''}: groups={self.groups} must divide "
                             f"in_channels={self.in_channels} and out_channels={self.out_channels}")


@dataclass(frozen=True)
class Dense:
    """Fully connected layer on a vector (put a :class:`Flatten` before it after convolutions)."""

    in_features: int
    out_features: int
    bias: bool = False
    name: str = ""

    def __post_init__(self) -> None:
        _positive("Dense", in_features=self.in_features, out_features=self.out_features)


@dataclass(frozen=True)
class BatchNorm:
    """Batch normalisation over ``channels``; folded away at inference: no ops, no parameters."""

    channels: int
    name: str = ""

    def __post_init__(self) -> None:
        _positive("BatchNorm", channels=self.channels)


@dataclass(frozen=True)
class ReLU:
    """Rectified linear unit (not counted)."""

    name: str = ""


@dataclass(frozen=True)
class Pool:
    """Max or average pooling over a square window (not counted).

    ``stride`` defaults to the kernel; ``ceil_mode`` rounds the output size up (Caffe's
    GoogLeNet). Average pooling ignores padded cells.
    """

    kind: Literal["max", "avg"]
    kernel: int
    stride: int | None = None
    padding: int = 0
    ceil_mode: bool = False
    name: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ("max", "avg"):
            raise ValueError(f"Pool: kind={self.kind!r}; use 'max' or 'avg'")
        _positive("Pool", kernel=self.kernel, stride=self.step)
        if not isinstance(self.padding, int) or not 0 <= self.padding <= self.kernel // 2:
            raise ValueError(f"Pool: padding={self.padding!r} must be between 0 and kernel // 2")

    @property
    def step(self) -> int:
        """The stride, or the kernel when no stride was given."""
        return self.kernel if self.stride is None else self.stride


@dataclass(frozen=True)
class GlobalPool:
    """Max or average over the whole feature map: ``(C, H, W)`` → ``(C, 1, 1)`` (not counted)."""

    kind: Literal["max", "avg"] = "avg"
    name: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ("max", "avg"):
            raise ValueError(f"GlobalPool: kind={self.kind!r}; use 'max' or 'avg'")


@dataclass(frozen=True)
class Flatten:
    """Any shape → a vector of its size (not counted)."""

    name: str = ""


@dataclass(frozen=True)
class Concat:
    """Parallel branches on the same input, outputs concatenated along channels (not counted
    itself; the layers inside each branch are)."""

    branches: tuple[tuple["Layer", ...], ...]
    name: str = ""

    def __post_init__(self) -> None:
        if not self.branches:
            raise ValueError(f"Concat {self.name}: needs at least one branch")


@dataclass(frozen=True)
class Residual:
    """``body(x) + shortcut(x)``; an empty shortcut is the identity. The add is not counted;
    put the activation after the add as a separate layer."""

    body: tuple["Layer", ...]
    shortcut: tuple["Layer", ...] = ()
    name: str = ""


Layer = Union[Conv2d, Dense, BatchNorm, ReLU, Pool, GlobalPool, Flatten, Concat, Residual]


@dataclass(frozen=True)
class Network:
    """A named network: per-sample input shape (``(C, H, W)`` or ``(F,)``) and its layers."""

    name: str
    input_shape: Shape
    layers: tuple[Layer, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if len(self.input_shape) not in (1, 3):
            raise ValueError(f"Network {self.name}: input_shape={self.input_shape!r} must be "
                             "(C, H, W) or (F,)")
        _positive(f"Network {self.name}", **{f"input_shape[{i}]": d for i, d in enumerate(self.input_shape)})


# ----------------------------------------------------------------------------- tracing

@dataclass(frozen=True)
class LayerInfo:
    """One layer as met on the walk through a network: where, shapes, and what it costs."""

    path: str
    layer: Layer
    in_shape: Shape
    out_shape: Shape
    macs: int
    weights: int


def _kind(layer: Layer) -> str:
    return type(layer).__name__


def _fail(path: str, layer: Layer, problem: str, fix: str) -> ValueError:
    return ValueError(f"{path} ({_kind(layer)}): {problem}; fix: {fix}")


def _window(size: int, kernel: int, stride: int, padding: int, ceil_mode: bool) -> int:
    span = size + 2 * padding - kernel
    if span < 0:
        return 0
    out = (-(-span // stride) if ceil_mode else span // stride) + 1
    if ceil_mode and (out - 1) * stride >= size + padding:
        out -= 1  # the last window must start inside the input or its leading padding
    return out


def _walk(layers: tuple[Layer, ...], shape: Shape, prefix: str) -> Iterator[LayerInfo]:
    """Yield a :class:`LayerInfo` for every layer, a container after its insides (so the
    last one yielded is always the last layer of ``layers``)."""
    seen: set[str] = set()
    for i, layer in enumerate(layers):
        part = layer.name or f"{_kind(layer).lower()}{i}"
        path = f"{prefix}.{part}" if prefix else part
        if part in seen:
            raise _fail(path, layer, f"the name {part!r} is used twice in one sequence",
                        "give sibling layers distinct names")
        seen.add(part)
        out, macs, weights = shape, 0, 0
        if isinstance(layer, Conv2d):
            if len(shape) != 3 or shape[0] != layer.in_channels:
                raise _fail(path, layer, f"input shape {shape} does not match in_channels="
                            f"{layer.in_channels}", "set in_channels to the channels arriving")
            h, w = (_window(d, layer.kernel, layer.stride, layer.padding, False) for d in shape[1:])
            if h < 1 or w < 1:
                raise _fail(path, layer, f"kernel {layer.kernel} is larger than the padded "
                            f"input {shape[1:]}", "add padding or remove a downsampling step")
            out = (layer.out_channels, h, w)
            per_output = layer.kernel * layer.kernel * layer.in_channels // layer.groups
            macs = h * w * layer.out_channels * per_output
            weights = layer.out_channels * per_output
        elif isinstance(layer, Dense):
            if shape != (layer.in_features,):
                raise _fail(path, layer, f"input shape {shape} does not match in_features="
                            f"{layer.in_features}", "flatten first or set in_features")
            out = (layer.out_features,)
            macs = weights = layer.in_features * layer.out_features
        elif isinstance(layer, BatchNorm):
            if shape[0] != layer.channels:
                raise _fail(path, layer, f"input shape {shape} does not match channels="
                            f"{layer.channels}", "set channels to the channels arriving")
        elif isinstance(layer, Pool):
            if len(shape) != 3:
                raise _fail(path, layer, f"needs a (C, H, W) input, got {shape}",
                            "pool before flattening")
            h, w = (_window(d, layer.kernel, layer.step, layer.padding, layer.ceil_mode)
                    for d in shape[1:])
            if h < 1 or w < 1:
                raise _fail(path, layer, f"window {layer.kernel} is larger than the input "
                            f"{shape[1:]}", "use a smaller window or a GlobalPool")
            out = (shape[0], h, w)
        elif isinstance(layer, GlobalPool):
            if len(shape) != 3:
                raise _fail(path, layer, f"needs a (C, H, W) input, got {shape}",
                            "pool before flattening")
            out = (shape[0], 1, 1)
        elif isinstance(layer, Flatten):
            out = (math.prod(shape),)
        elif isinstance(layer, Concat):
            ends = []
            for b, branch in enumerate(layer.branches):
                end = shape
                for info in _walk(tuple(branch), shape, f"{path}.branch{b}"):
                    yield info
                    end = info.out_shape  # the last one yielded is the branch's last layer
                ends.append(end)
            if any(len(e) != 3 or e[1:] != ends[0][1:] for e in ends):
                raise _fail(path, layer, f"branch outputs {ends} differ in height or width",
                            "pad or stride the branches alike")
            out = (sum(e[0] for e in ends), *ends[0][1:])
        elif isinstance(layer, Residual):
            ends = []
            for part_name, seq in (("body", layer.body), ("shortcut", layer.shortcut)):
                end = shape
                for info in _walk(tuple(seq), shape, f"{path}.{part_name}"):
                    yield info
                    end = info.out_shape
                ends.append(end)
            if ends[0] != ends[1]:
                raise _fail(path, layer, f"body gives {ends[0]} but shortcut gives {ends[1]}",
                            "add a projection (1x1 conv with the same stride) to the shortcut")
            out = ends[0]
        elif not isinstance(layer, ReLU):
            raise TypeError(f"{path}: {layer!r} is not a layer of qutiflow.hostbench.networks")
        yield LayerInfo(path, layer, shape, out, macs, weights)
        shape = out


def trace(spec: Network) -> list[LayerInfo]:
    """Every layer of ``spec`` in order (inside a container first, then the container), with
    its input and output shapes, MACs and weights. Raises ValueError on an inconsistent spec
    (channels that do not match, a kernel larger than its input, ...).

    >>> net = Network("tiny", (3, 8, 8), (Conv2d(3, 4, 3, padding=1), ReLU(), GlobalPool(), Flatten()))
    >>> [(i.path, i.out_shape) for i in trace(net)]
    [('conv2d0', (4, 8, 8)), ('relu1', (4, 8, 8)), ('globalpool2', (4, 1, 1)), ('flatten3', (4,))]
    """
    return list(_walk(tuple(spec.layers), tuple(spec.input_shape), ""))


def output_shape(spec: Network) -> Shape:
    """Per-sample output shape.

    >>> output_shape(mlp(50))
    (10,)
    """
    infos = trace(spec)  # a container comes after its insides, so the last is top level
    return infos[-1].out_shape if infos else tuple(spec.input_shape)


def count_macs(spec: Network) -> int:
    """Multiply-accumulates per sample of all convolutions and dense layers; biases, batch
    norm, activations, pooling, adds and concatenation are not counted.

    >>> count_macs(Network("fc", (10,), (Dense(10, 3, bias=True),)))
    30
    """
    return sum(info.macs for info in trace(spec))


def count_ops(spec: Network) -> int:
    """Operations per sample = 2 × :func:`count_macs`.

    Counted: the multiplies and adds of convolutions (``2 · out_h·out_w·out_c ·
    k·k·in_c/groups``) and dense layers (``2 · in · out``). Not counted: biases, batch norm
    (folded into the preceding layer), activations, pooling, residual adds, concatenation,
    flattening, and the final softmax (not part of the spec).

    >>> count_ops(Network("c", (1, 3, 3), (Conv2d(1, 2, 3),)))  # 1x1 output, 2 ch x 9 MACs
    36
    """
    return 2 * count_macs(spec)


def count_params(spec: Network) -> int:
    """Weights of convolutions (``out_c · in_c/groups · k·k``) and dense layers (``in · out``).
    Biases and batch-norm parameters are **not** counted.

    >>> count_params(Network("fc", (10,), (Dense(10, 3, bias=True),)))
    30
    """
    return sum(info.weights for info in trace(spec))


def summary(spec: Network) -> dict:
    """Name, exact counts and the units of the tables: ``gop`` (10^9 operations per
    inference) and ``params_m`` (10^6 weights).

    >>> s = summary(mlp(100))
    >>> s["gop"], s["params_m"]
    (0.02002944, 10.01472)
    """
    infos = trace(spec)
    macs = sum(i.macs for i in infos)
    weights = sum(i.weights for i in infos)
    return {"network": spec.name, "macs": macs, "ops": 2 * macs, "params": weights,
            "gop": 2 * macs / 1e9, "params_m": weights / 1e6}


def layer_table(spec: Network) -> pd.DataFrame:
    """One row per layer: ``layer`` (dotted path), ``kind``, ``in_shape``, ``out_shape``
    (per sample, e.g. ``64x56x56``), ``macs`` and ``weights`` (int64).

    >>> layer_table(mlp(12.5)).iloc[0].to_dict()
    {'layer': 'fc1', 'kind': 'Dense', 'in_shape': '784', 'out_shape': '256', 'macs': 200704, 'weights': 200704}
    """
    infos = trace(spec)
    return pd.DataFrame({
        "layer": pd.Series([i.path for i in infos], dtype="object"),
        "kind": pd.Series([_kind(i.layer) for i in infos], dtype="object"),
        "in_shape": pd.Series(["x".join(map(str, i.in_shape)) for i in infos], dtype="object"),
        "out_shape": pd.Series(["x".join(map(str, i.out_shape)) for i in infos], dtype="object"),
        "macs": pd.Series([i.macs for i in infos], dtype="int64"),
        "weights": pd.Series([i.weights for i in infos], dtype="int64"),
    })


# ----------------------------------------------------------------------------- builders

def scale_width(channels: int, width_pct: float) -> int:
    """``channels × width_pct / 100`` rounded half up, at least 1.

    >>> scale_width(64, 50), scale_width(2048, 12.5), scale_width(3, 10), scale_width(5, 50)
    (32, 256, 1, 3)
    """
    if not width_pct > 0:
        raise ValueError(f"width_pct={width_pct!r} must be > 0 (100 is the full network)")
    return max(1, math.floor(channels * width_pct / 100 + 0.5))


def _conv_bn_relu(c_in: int, c_out: int, kernel: int, *, stride: int = 1, padding: int = 0,
                  groups: int = 1, name: str) -> tuple[Layer, ...]:
    return (Conv2d(c_in, c_out, kernel, stride, padding, groups, name=name),
            BatchNorm(c_out, name=f"{name}_bn"), ReLU(name=f"{name}_relu"))


def _bottleneck(c_in: int, mid: int, c_out: int, stride: int, *, v15: bool, name: str
                ) -> tuple[Layer, ...]:
    s1, s3 = (1, stride) if v15 else (stride, 1)
    body = (*_conv_bn_relu(c_in, mid, 1, stride=s1, name="conv1"),
            *_conv_bn_relu(mid, mid, 3, stride=s3, padding=1, name="conv2"),
            Conv2d(mid, c_out, 1, name="conv3"), BatchNorm(c_out, name="conv3_bn"))
    shortcut: tuple[Layer, ...] = ()
    if stride != 1 or c_in != c_out:
        shortcut = (Conv2d(c_in, c_out, 1, stride, name="proj"), BatchNorm(c_out, name="proj_bn"))
    return Residual(body, shortcut, name=name), ReLU(name=f"{name}_relu")


def resnet50(width_pct: float = 100.0, *, v15: bool = False) -> Network:
    """ResNet-50 (He et al. 2016) on 224×224×3, 1000 classes.

    v1 (``v15=False``) puts the stride 2 of a downsampling bottleneck on its first 1×1
    convolution, v1.5 (torchvision, NVIDIA) on the 3×3. Projection shortcuts (1×1 conv +
    batch norm) where the shape changes; batch norm after every convolution; fc with bias.

    >>> s = summary(resnet50())
    >>> round(s["gop"], 2), round(s["params_m"], 2)
    (7.72, 25.5)
    """
    w = lambda c: scale_width(c, width_pct)  # noqa: E731
    layers: list[Layer] = [*_conv_bn_relu(3, w(64), 7, stride=2, padding=3, name="conv1"),
                           Pool("max", 3, 2, padding=1, name="pool1")]
    c_in = w(64)
    for stage, (mid, blocks, stride) in enumerate(((64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)), start=2):
        for b in range(blocks):
            layers += _bottleneck(c_in, w(mid), w(4 * mid), stride if b == 0 else 1,
                                  v15=v15, name=f"res{stage}{'abcdef'[b]}")
            c_in = w(4 * mid)
    layers += [GlobalPool("avg", name="pool5"), Flatten(name="flatten"),
               Dense(c_in, 1000, bias=True, name="fc")]
    suffix = "" if width_pct == 100 else f"_w{width_pct:g}"
    return Network(f"resnet50{'_v1.5' if v15 else ''}{suffix}", (3, 224, 224), tuple(layers))


#: Inception v1 modules (Szegedy et al. 2015, table 1): #1×1, #3×3 reduce, #3×3, #5×5 reduce, #5×5, pool proj
GOOGLENET_INCEPTION = {
    "3a": (64, 96, 128, 16, 32, 32), "3b": (128, 128, 192, 32, 96, 64),
    "4a": (192, 96, 208, 16, 48, 64), "4b": (160, 112, 224, 24, 64, 64),
    "4c": (128, 128, 256, 24, 64, 64), "4d": (112, 144, 288, 32, 64, 64),
    "4e": (256, 160, 320, 32, 128, 128),
    "5a": (256, 160, 320, 32, 128, 128), "5b": (384, 192, 384, 48, 128, 128),
}


def _conv_relu(c_in: int, c_out: int, kernel: int, *, stride: int = 1, padding: int = 0,
               name: str) -> tuple[Layer, ...]:
    return (Conv2d(c_in, c_out, kernel, stride, padding, bias=True, name=name),
            ReLU(name=f"{name}_relu"))


def googlenet(width_pct: float = 100.0) -> Network:
    """GoogLeNet / Inception v1 (Szegedy et al. 2015) on 224×224×3, 1000 classes.

    As in the paper's table 1: 5×5 convolutions in the third branch (torchvision uses 3×3),
    convolutions with bias and ReLU, no batch norm, max pools rounding up (Caffe), global
    7×7 average pool and one fc layer. Left out: the two auxiliary classifiers (training
    only), local response normalisation and dropout (no weights, not counted).

    >>> s = summary(googlenet())
    >>> round(s["gop"], 2), round(s["params_m"], 2)
    (3.17, 6.99)
    """
    w = lambda c: scale_width(c, width_pct)  # noqa: E731
    layers: list[Layer] = [*_conv_relu(3, w(64), 7, stride=2, padding=3, name="conv1"),
                           Pool("max", 3, 2, ceil_mode=True, name="pool1"),
                           *_conv_relu(w(64), w(64), 1, name="conv2_reduce"),
                           *_conv_relu(w(64), w(192), 3, padding=1, name="conv2"),
                           Pool("max", 3, 2, ceil_mode=True, name="pool2")]
    c_in = w(192)
    for module, widths in GOOGLENET_INCEPTION.items():
        if module in ("4a", "5a"):
            layers.append(Pool("max", 3, 2, ceil_mode=True, name=f"pool{int(module[0]) - 1}"))
        n1, n3r, n3, n5r, n5, pp = (w(c) for c in widths)
        branches = ((*_conv_relu(c_in, n1, 1, name="1x1"),),
                    (*_conv_relu(c_in, n3r, 1, name="3x3_reduce"),
                     *_conv_relu(n3r, n3, 3, padding=1, name="3x3")),
                    (*_conv_relu(c_in, n5r, 1, name="5x5_reduce"),
                     *_conv_relu(n5r, n5, 5, padding=2, name="5x5")),
                    (Pool("max", 3, 1, padding=1, name="pool"),
                     *_conv_relu(c_in, pp, 1, name="pool_proj")))
        layers.append(Concat(branches, name=f"inception_{module}"))
        c_in = n1 + n3 + n5 + pp
    layers += [GlobalPool("avg", name="pool5"), Flatten(name="flatten"),
               Dense(c_in, 1000, bias=True, name="fc")]
    suffix = "" if width_pct == 100 else f"_w{width_pct:g}"
    return Network(f"googlenet{suffix}", (3, 224, 224), tuple(layers))


def mobilenet_v1(width_pct: float = 100.0) -> Network:
    """MobileNet v1 (Howard et al. 2017, table 1) on 224×224×3, 1000 classes; width_pct=100
    is width multiplier 1.0.

    A 3×3 stride-2 convolution, then 13 depthwise-separable blocks (3×3 depthwise + 1×1
    pointwise, each with batch norm and ReLU; ReLU stands in for ReLU6), global average
    pool, fc with bias. Symmetric padding 1 gives the same sizes as TensorFlow's 'SAME'.

    >>> s = summary(mobilenet_v1())
    >>> round(s["gop"], 3), round(s["params_m"], 3)
    (1.137, 4.209)
    """
    w = lambda c: scale_width(c, width_pct)  # noqa: E731
    layers: list[Layer] = [*_conv_bn_relu(3, w(32), 3, stride=2, padding=1, name="conv1")]
    c_in = w(32)
    plan = ((64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2),
            (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1))
    for i, (c_out, stride) in enumerate(plan, start=2):
        layers += _conv_bn_relu(c_in, c_in, 3, stride=stride, padding=1, groups=c_in, name=f"conv{i}_dw")
        layers += _conv_bn_relu(c_in, w(c_out), 1, name=f"conv{i}_pw")
        c_in = w(c_out)
    layers += [GlobalPool("avg", name="pool"), Flatten(name="flatten"),
               Dense(c_in, 1000, bias=True, name="fc")]
    suffix = "" if width_pct == 100 else f"_w{width_pct:g}"
    return Network(f"mobilenet_v1{suffix}", (3, 224, 224), tuple(layers))


def cnv(width_pct: float = 100.0) -> Network:
    """CIFAR-10 CNV on 32×32×3, 10 classes: six 3×3 valid-padding convolutions (2 max pools
    of 2 between pairs), then two hidden dense layers and the classifier; batch norm and
    ReLU after every hidden layer, no biases.

    Widths at 100 %: conv 128, 128, 256, 256, 512, 512; dense 1024, 1024. FINN's CNV is the
    50 % row (64 … 256, 512), 25 % halves it, 12.5 % quarters it.

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
        layers += _conv_bn_relu(c_in, w(step), 3, name=f"conv{i}")
        c_in = w(step)
    layers.append(Flatten(name="flatten"))  # 1x1 spatial after the last convolution
    for i in (1, 2):
        layers += [Dense(c_in, w(1024), name=f"fc{i}"), BatchNorm(w(1024), name=f"fc{i}_bn"),
                   ReLU(name=f"fc{i}_relu")]
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
        layers += [Dense(c_in, width, name=f"fc{i}"), BatchNorm(width, name=f"fc{i}_bn"),
                   ReLU(name=f"fc{i}_relu")]
        c_in = width
    layers.append(Dense(c_in, 10, name="fc4"))
    return Network(f"mlp_w{width_pct:g}", (784,), tuple(layers))
