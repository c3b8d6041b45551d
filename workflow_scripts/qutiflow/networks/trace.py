"""The walk through a network: every layer's shapes, what it computes and what it reads.

One dispatch over layer types (:func:`step`, a :func:`functools.singledispatch`): each layer
type registers how it changes the shape, its multiply-accumulates and weights, the
activation elements it reads, and its cost kind. A container (:class:`Concat`,
:class:`Residual`) walks its insides first, so they come before it in the trace. A network's
totals over the walk are in :mod:`qutiflow.networks.counts`.

What is counted
---------------
* **MACs**: multiply-accumulates of convolutions (``out_h·out_w·out_c · k·k·in_c/groups``)
  and dense layers (``in·out``). Nothing else: biases, batch norm (folded into the preceding
  layer at inference), activations, pooling, residual adds, concatenation and flattening
  count 0.
* **Operations** = 2 × MACs (one multiply and one add each), the unit of GOP.
* **Parameters** = weights of convolutions and dense layers only. Biases and batch-norm
  parameters are **not** counted (a folded batch norm becomes a per-channel bias).
* **Elements read** (``in_elems``), per sample: the input tensor of a layer; both inputs of
  a residual add (body and shortcut outputs); all branch outputs of a concatenation.

Cost kinds: ``conv``, ``dwconv`` (``groups > 1``: depthwise or grouped), ``dense``, ``pool``
(window or global), ``add`` (residual), ``concat``; ``None`` for layers folded away at
inference, which cost nothing and move no data of their own (batch norm into the previous
layer's weights and bias, ReLU applied as the previous layer writes, flatten a view).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import singledispatch

from .layers import (
    BatchNorm,
    Concat,
    Conv2d,
    Dense,
    Flatten,
    GlobalPool,
    Layer,
    Network,
    Pool,
    ReLU,
    Residual,
    Shape,
    layer_name,
)

#: cost kinds of :attr:`LayerInfo.kind`, in the order tables list them
KINDS = ("conv", "dwconv", "dense", "pool", "add", "concat")


@dataclass(frozen=True)
class Step:
    """What one layer does, as registered for its type: output shape, MACs, weights,
    elements read (None: the whole input tensor) and cost kind (None: folded away)."""

    out_shape: Shape
    macs: int = 0
    weights: int = 0
    in_elems: int | None = None
    kind: str | None = None


@dataclass(frozen=True)
class LayerInfo:
    """One layer as met on the walk through a network: where, shapes, what it costs."""

    path: str
    layer: Layer
    in_shape: Shape
    out_shape: Shape
    macs: int
    weights: int
    in_elems: int
    kind: str | None

    @property
    def out_elems(self) -> int:
        """Activation elements the layer writes, per sample."""
        return math.prod(self.out_shape)


def _fail(path: str, layer: Layer, problem: str, fix: str) -> ValueError:
    return ValueError(f"{path} ({type(layer).__name__}): {problem}; fix: {fix}")


def _window(size: int, kernel: int, stride: int, padding: int, ceil_mode: bool) -> int:
    span = size + 2 * padding - kernel
    if span < 0:
        return 0
    out = (-(-span // stride) if ceil_mode else span // stride) + 1
    if ceil_mode and (out - 1) * stride >= size + padding:
        out -= 1  # the last window must start inside the input or its leading padding
    return out


def _maps(path: str, layer: Layer, shape: Shape) -> None:
    if len(shape) != 3:
        raise _fail(path, layer, f"needs a (C, H, W) input, got {shape}", "pool before flattening")


def sequence(layers: tuple[Layer, ...], shape: Shape, prefix: str, out: list[LayerInfo]) -> Shape:
    """Append a :class:`LayerInfo` for every layer of ``layers`` (and of their insides) to
    ``out``; return the shape leaving the sequence (``shape`` when it is empty)."""
    seen: set[str] = set()
    for i, layer in enumerate(layers):
        part = layer_name(layer, i)
        path = f"{prefix}.{part}" if prefix else part
        if part in seen:
            raise _fail(
                path,
                layer,
                f"the name {part!r} is used twice in one sequence",
                "give sibling layers distinct names",
            )
        seen.add(part)
        s = step(layer, shape, path, out)
        reads = math.prod(shape) if s.in_elems is None else s.in_elems
        out.append(LayerInfo(path, layer, shape, s.out_shape, s.macs, s.weights, reads, s.kind))
        shape = s.out_shape
    return shape


@singledispatch
def step(layer: object, shape: Shape, path: str, out: list[LayerInfo]) -> Step:
    """What ``layer`` does to an input of ``shape``; a container appends its insides to
    ``out`` first. Register a new layer type with ``@step.register``."""
    raise TypeError(f"{path}: {layer!r} is not a layer of qutiflow.networks")


@step.register
def _(layer: Conv2d, shape: Shape, path: str, out: list[LayerInfo]) -> Step:
    if len(shape) != 3 or shape[0] != layer.in_channels:
        raise _fail(
            path,
            layer,
            f"input shape {shape} does not match in_channels={layer.in_channels}",
            "set in_channels to the channels arriving",
        )
    h, w = (_window(d, layer.kernel, layer.stride, layer.padding, False) for d in shape[1:])
    if h < 1 or w < 1:
        raise _fail(
            path,
            layer,
            f"kernel {layer.kernel} is larger than the padded input {shape[1:]}",
            "add padding or remove a downsampling step",
        )
    per_output = layer.kernel * layer.kernel * layer.in_channels // layer.groups
    return Step(
        (layer.out_channels, h, w),
        h * w * layer.out_channels * per_output,
        layer.out_channels * per_output,
        kind="dwconv" if layer.groups > 1 else "conv",
    )


@step.register
def _(layer: Dense, shape: Shape, path: str, out: list[LayerInfo]) -> Step:
    if shape != (layer.in_features,):
        raise _fail(
            path,
            layer,
            f"input shape {shape} does not match in_features={layer.in_features}",
            "flatten first or set in_features",
        )
    macs = layer.in_features * layer.out_features
    return Step((layer.out_features,), macs, macs, kind="dense")


@step.register
def _(layer: BatchNorm, shape: Shape, path: str, out: list[LayerInfo]) -> Step:
    if shape[0] != layer.channels:
        raise _fail(
            path,
            layer,
            f"input shape {shape} does not match channels={layer.channels}",
            "set channels to the channels arriving",
        )
    return Step(shape)


@step.register
def _(layer: ReLU, shape: Shape, path: str, out: list[LayerInfo]) -> Step:
    return Step(shape)


@step.register
def _(layer: Pool, shape: Shape, path: str, out: list[LayerInfo]) -> Step:
    _maps(path, layer, shape)
    h, w = (_window(d, layer.kernel, layer.step, layer.padding, layer.ceil_mode) for d in shape[1:])
    if h < 1 or w < 1:
        raise _fail(
            path,
            layer,
            f"window {layer.kernel} is larger than the input {shape[1:]}",
            "use a smaller window or a GlobalPool",
        )
    return Step((shape[0], h, w), kind="pool")


@step.register
def _(layer: GlobalPool, shape: Shape, path: str, out: list[LayerInfo]) -> Step:
    _maps(path, layer, shape)
    return Step((shape[0], 1, 1), kind="pool")


@step.register
def _(layer: Flatten, shape: Shape, path: str, out: list[LayerInfo]) -> Step:
    return Step((math.prod(shape),))


@step.register
def _(layer: Concat, shape: Shape, path: str, out: list[LayerInfo]) -> Step:
    ends = [
        sequence(tuple(branch), shape, f"{path}.branch{b}", out) for b, branch in enumerate(layer.branches)
    ]
    if any(len(e) != 3 or e[1:] != ends[0][1:] for e in ends):
        raise _fail(
            path,
            layer,
            f"branch outputs {ends} differ in height or width",
            "pad or stride the branches alike",
        )
    return Step((sum(e[0] for e in ends), *ends[0][1:]), in_elems=sum(map(math.prod, ends)), kind="concat")


@step.register
def _(layer: Residual, shape: Shape, path: str, out: list[LayerInfo]) -> Step:
    body = sequence(tuple(layer.body), shape, f"{path}.body", out)
    shortcut = sequence(tuple(layer.shortcut), shape, f"{path}.shortcut", out)
    if body != shortcut:
        raise _fail(
            path,
            layer,
            f"body gives {body} but shortcut gives {shortcut}",
            "add a projection (1x1 conv with the same stride) to the shortcut",
        )
    return Step(body, in_elems=2 * math.prod(body), kind="add")


def trace(spec: Network) -> list[LayerInfo]:
    """Every layer of ``spec`` in order (inside a container first, then the container), with
    its input and output shapes, MACs, weights, elements read and cost kind. Raises
    ValueError on an inconsistent spec (channels that do not match, a kernel larger than
    its input, ...).

    >>> net = Network("tiny", (3, 8, 8), (Conv2d(3, 4, 3, padding=1), ReLU(), GlobalPool(), Flatten()))
    >>> [(i.path, i.out_shape, i.kind) for i in trace(net)]
    [('conv2d0', (4, 8, 8), 'conv'), ('relu1', (4, 8, 8), None), ('globalpool2', (4, 1, 1), 'pool'), ('flatten3', (4,), None)]
    """
    out: list[LayerInfo] = []
    sequence(tuple(spec.layers), tuple(spec.input_shape), "", out)
    return out
