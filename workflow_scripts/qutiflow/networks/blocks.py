"""Shared pieces of the builders: uniform width scaling and the convolution + batch norm +
ReLU triple."""

from __future__ import annotations

import math

from .layers import BatchNorm, Conv2d, Layer, ReLU


def scale_width(channels: int, width_pct: float) -> int:
    """``channels × width_pct / 100`` rounded half up, at least 1.

    >>> scale_width(64, 50), scale_width(2048, 12.5), scale_width(3, 10), scale_width(5, 50)
    (32, 256, 1, 3)
    """
    if not width_pct > 0:
        raise ValueError(f"width_pct={width_pct!r} must be > 0 (100 is the full network)")
    return max(1, math.floor(channels * width_pct / 100 + 0.5))


def conv_bn_relu(
    c_in: int, c_out: int, kernel: int, *, stride: int = 1, padding: int = 0, groups: int = 1, name: str
) -> tuple[Layer, ...]:
    """Conv2d, then BatchNorm and ReLU named after it."""
    return (
        Conv2d(c_in, c_out, kernel, stride, padding, groups, name=name),
        BatchNorm(c_out, name=f"{name}_bn"),
        ReLU(name=f"{name}_relu"),
    )


def conv_relu(
    c_in: int, c_out: int, kernel: int, *, stride: int = 1, padding: int = 0, name: str
) -> tuple[Layer, ...]:
    """Conv2d with bias, then a ReLU named after it."""
    return (Conv2d(c_in, c_out, kernel, stride, padding, bias=True, name=name), ReLU(name=f"{name}_relu"))
