"""A network's per-layer table as arrays (:class:`Layers`), and what a platform makes of
its layers: the share of the compute array each keeps busy (:func:`array_utilisation`) and
whose weights stay on chip (:func:`resident_weights`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .platforms import Platform


@dataclass(frozen=True, eq=False)
class Layers:
    """A per-layer table as arrays (per sample): what the model reads of a network, taken
    out of the DataFrame once, because a network is predicted many times."""

    ops: np.ndarray
    weights: np.ndarray
    act: np.ndarray  # input + output activation elements of each layer
    first_in: float  # the network's input elements
    last_out: float  # the network's output elements
    reduce: np.ndarray  # channels each output reduces over (in_channels / groups)
    out_channels: np.ndarray
    computes: np.ndarray  # conv, dwconv or dense: the array's input lanes are used
    names: np.ndarray

    @classmethod
    def of(cls, table: pd.DataFrame | Layers) -> Layers:
        if isinstance(table, Layers):
            return table
        f = lambda c: table[c].to_numpy(dtype="float64")  # noqa: E731
        n = len(table)
        return cls(
            ops=f("ops"),
            weights=f("weights"),
            act=f("in_elems") + f("out_elems"),
            first_in=float(f("in_elems")[0]) if n else 0.0,
            last_out=float(f("out_elems")[-1]) if n else 0.0,
            reduce=f("in_channels") // np.maximum(f("groups"), 1),
            out_channels=f("out_channels"),
            computes=table["kind"].isin(["conv", "dwconv", "dense"]).to_numpy(),
            names=(table["layer"].to_numpy() if "layer" in table else np.arange(n).astype(str)),
        )

    def __len__(self) -> int:
        return len(self.ops)


def _lanes_used(channels: np.ndarray, lanes: int) -> np.ndarray:
    """Share of ``lanes`` parallel lanes doing useful work for ``channels`` channels."""
    if lanes <= 1:
        return np.ones(len(channels))
    channels = np.maximum(channels, 1)
    return channels / (np.ceil(channels / lanes) * lanes)


def array_utilisation(layers: pd.DataFrame | Layers, platform: Platform) -> np.ndarray:
    """Share of the compute array a layer keeps busy (1 without a public array shape).

    A depthwise or grouped convolution reduces over ``in_channels / groups`` channels, so
    the input lanes see that many; pooling and adds run on the array's output lanes only.

    >>> layers = pd.DataFrame({"kind": ["conv", "dwconv"], "in_channels": [3, 32],
    ...                        "out_channels": [32, 32], "groups": [1, 32], "ops": 0,
    ...                        "weights": 0, "in_elems": 1, "out_elems": 1})
    >>> array_utilisation(layers, Platform(1, 1, array_in=16, array_out=16)).round(4).tolist()
    [0.1875, 0.0625]
    """
    L = Layers.of(layers)
    use_in = np.where(L.computes, _lanes_used(L.reduce, platform.array_in), 1.0)
    return use_in * _lanes_used(L.out_channels, platform.array_out)


def resident_weights(weight_bytes: np.ndarray, onchip_bytes: float) -> np.ndarray:
    """Mask of the layers whose weights stay on chip: placed in layer order while they fit.

    >>> resident_weights(np.array([4.0, 3.0, 2.0, 1.0]), 8.0).tolist()
    [True, True, False, True]
    """
    out = np.zeros(len(weight_bytes), dtype=bool)
    used = 0.0
    for i, w in enumerate(weight_bytes):
        if used + w <= onchip_bytes:
            out[i] = True
            used += w
    return out
