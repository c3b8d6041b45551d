"""Seconds per layer of a batch on a platform, the schedules the platform allows (layer by
layer, sample by sample) and the throughput they predict (:func:`predict`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .layer_arrays import Layers, array_utilisation, resident_weights
from .platforms import BITS, Platform

#: what binds a layer, in the order ties are named
BOUNDS = ("compute", "memory", "link", "overhead")


@dataclass(frozen=True)
class _Parts:
    """Per-layer seconds of one schedule at efficiency 1 and no overhead."""

    compute_s: np.ndarray
    offchip_s: np.ndarray
    weight_bytes: np.ndarray
    activation_bytes: np.ndarray
    passes: int  # times each layer is started: 1 (layer by layer) or the batch


def _parts(L: Layers, platform: Platform, datatype: str, batch: int, reuse: bool) -> _Parts:
    if batch < 1:
        raise ValueError(f"batch must be ≥ 1: {batch}")
    byte = BITS[datatype] / 8.0
    w_bytes = L.weights * byte
    act_bytes = L.act * byte
    util = array_utilisation(L, platform)
    compute_s = batch * L.ops / np.maximum(util, 1e-12) / (platform.peak_tops * 1e12)
    resident = resident_weights(w_bytes, platform.onchip_bytes)
    weight_traffic = np.where(resident, 0.0, w_bytes * (1 if reuse else batch))
    free = max(platform.onchip_bytes - float(w_bytes[resident].sum()), 0.0)
    in_flight = batch if reuse else 1
    spills = (act_bytes * in_flight > free) & (not platform.offchip_is_link)
    act_traffic = np.where(spills, act_bytes * batch, 0.0)
    if len(L):  # the network's input and output come from and go to the host
        if not spills[0]:
            act_traffic[0] += L.first_in * byte * batch
        if not spills[-1]:
            act_traffic[-1] += L.last_out * byte * batch
    offchip_s = (weight_traffic + act_traffic) / (platform.offchip_gbps * 1e9)
    return _Parts(compute_s, offchip_s, weight_traffic, act_traffic, 1 if reuse else batch)


def allowed_schedules(L: Layers, platform: Platform, datatype: str, batch: int) -> list[_Parts]:
    """The schedules the platform allows: layer by layer when it reuses weights across a
    batch (and sample by sample as well, for a batch), else sample by sample."""
    if platform.batch_reuse:
        both = [_parts(L, platform, datatype, batch, True)]
        if batch > 1:
            both.append(_parts(L, platform, datatype, batch, False))
        return both
    return [_parts(L, platform, datatype, batch, False)]


def _frame(L: Layers, parts: _Parts, platform: Platform) -> pd.DataFrame:
    compute_s = parts.compute_s / platform.efficiency
    overhead_s = np.full(len(L), platform.overhead_s * parts.passes)
    memory = "link" if platform.offchip_is_link else "memory"
    busy = np.maximum(compute_s, parts.offchip_s)
    bound = np.where(compute_s >= parts.offchip_s, "compute", memory)
    bound = np.where(overhead_s > busy, "overhead", bound)
    return pd.DataFrame(
        {
            "layer": L.names,
            "compute_s": compute_s,
            "offchip_s": parts.offchip_s,
            "overhead_s": overhead_s,
            "time_s": busy + overhead_s,
            "bound": bound,
            "weight_bytes_offchip": parts.weight_bytes,
            "activation_bytes_offchip": parts.activation_bytes,
        }
    )


def layer_times(
    layers: pd.DataFrame | Layers,
    platform: Platform,
    datatype: str,
    batch: int,
    *,
    layer_by_layer: bool | None = None,
) -> pd.DataFrame:
    """Seconds per layer for one batch: ``compute_s``, ``offchip_s``, ``overhead_s``,
    ``time_s`` and what binds it (``bound``), plus the bytes that cross off chip.

    ``layers`` is a per-layer table (:func:`qutiflow.networks.layer_table`): ``kind ops
    weights in_elems out_elems in_channels out_channels groups``, counts per sample.
    ``layer_by_layer`` is the schedule (default: the platform's ``batch_reuse``); a
    platform without batch reuse always runs sample by sample.
    """
    L = Layers.of(layers)
    reuse = platform.batch_reuse if layer_by_layer is None else (layer_by_layer and platform.batch_reuse)
    return _frame(L, _parts(L, platform, datatype, batch, reuse), platform)


def schedule_times(
    layers: pd.DataFrame | Layers, platform: Platform, datatype: str, batch: int
) -> pd.DataFrame:
    """:func:`layer_times` of the faster schedule the platform allows."""
    L = Layers.of(layers)
    frames = [_frame(L, p, platform) for p in allowed_schedules(L, platform, datatype, batch)]
    return min(frames, key=lambda f: float(f["time_s"].sum()))


@dataclass(frozen=True)
class Prediction:
    fps: float
    bound: str  # what binds the most time: compute, memory, link or overhead
    time_s: float  # seconds per batch


def predict(layers: pd.DataFrame | Layers, platform: Platform, datatype: str, batch: int) -> Prediction:
    """Throughput of ``batch`` samples and the resource that takes most of the time."""
    L = Layers.of(layers)
    best = None
    for parts in allowed_schedules(L, platform, datatype, batch):
        compute_s = parts.compute_s / platform.efficiency
        busy = np.maximum(compute_s, parts.offchip_s)
        overhead_s = platform.overhead_s * parts.passes
        total = float(busy.sum()) + overhead_s * len(L)
        if best is None or total < best[0]:
            best = (total, compute_s, parts.offchip_s, busy, overhead_s)
    total, compute_s, offchip_s, busy, overhead_s = best
    over = overhead_s > busy
    is_compute = ~over & (compute_s >= offchip_s)
    is_memory = ~over & ~is_compute
    memory = "link" if platform.offchip_is_link else "memory"
    t = busy + overhead_s
    by_bound = {
        "compute": float(t[is_compute].sum()),
        memory: float(t[is_memory].sum()),
        "overhead": float(t[over].sum()),
    }
    bound = max(BOUNDS, key=lambda b: (by_bound.get(b, 0.0), -BOUNDS.index(b)))
    return Prediction(fps=batch / total, bound=bound, time_s=total)
