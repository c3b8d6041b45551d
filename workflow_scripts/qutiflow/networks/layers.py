"""The layers a network is made of, and :class:`Network` itself.

Leaf layers are :class:`Conv2d` (``groups`` for depthwise and grouped), :class:`Dense`,
:class:`BatchNorm`, :class:`ReLU`, :class:`Pool` (max or average), :class:`GlobalPool` and
:class:`Flatten`; two containers hold sub-sequences: :class:`Concat` (parallel branches
concatenated on channels, GoogLeNet's inception module) and :class:`Residual` (body +
shortcut, added: ResNet's identity or projection shortcut, an inverted bottleneck's skip).
Shapes are per sample, without the batch: ``(C, H, W)`` for feature maps, ``(F,)`` for
vectors. The layers only hold arguments and check them; what a layer does to a shape and
what it costs is in :mod:`qutiflow.networks.trace`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Shape = tuple[int, ...]


def _positive(owner: str, **values: int) -> None:
    for key, value in values.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValueError(f"{owner}: {key}={value!r} must be an integer ≥ 1")


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
        _positive(
            "Conv2d",
            in_channels=self.in_channels,
            out_channels=self.out_channels,
            kernel=self.kernel,
            stride=self.stride,
            groups=self.groups,
        )
        if not isinstance(self.padding, int) or self.padding < 0:
            raise ValueError(f"Conv2d: padding={self.padding!r} must be an integer ≥ 0")
        if self.in_channels % self.groups or self.out_channels % self.groups:
            raise ValueError(
                f"Conv2d {self.name or ''}: groups={self.groups} must divide "
                f"in_channels={self.in_channels} and out_channels={self.out_channels}"
            )


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

    branches: tuple[tuple[Layer, ...], ...]
    name: str = ""

    def __post_init__(self) -> None:
        if not self.branches:
            raise ValueError(f"Concat {self.name}: needs at least one branch")


@dataclass(frozen=True)
class Residual:
    """``body(x) + shortcut(x)``; an empty shortcut is the identity. The add counts no
    operations (it moves data: see :func:`qutiflow.networks.table.layer_table`); put the
    activation after the add as a separate layer."""

    body: tuple[Layer, ...]
    shortcut: tuple[Layer, ...] = ()
    name: str = ""


Layer = Conv2d | Dense | BatchNorm | ReLU | Pool | GlobalPool | Flatten | Concat | Residual


@dataclass(frozen=True)
class Network:
    """A named network: per-sample input shape (``(C, H, W)`` or ``(F,)``) and its layers."""

    name: str
    input_shape: Shape
    layers: tuple[Layer, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if len(self.input_shape) not in (1, 3):
            raise ValueError(
                f"Network {self.name}: input_shape={self.input_shape!r} must be (C, H, W) or (F,)"
            )
        _positive(f"Network {self.name}", **{f"input_shape[{i}]": d for i, d in enumerate(self.input_shape)})


def layer_name(layer: Layer, index: int) -> str:
    """The layer's name, or its type and position in its sequence when it has none: the
    last part of its dotted path.

    >>> layer_name(ReLU(), 3), layer_name(ReLU(name="act"), 3)
    ('relu3', 'act')
    """
    return layer.name or f"{type(layer).__name__.lower()}{index}"
