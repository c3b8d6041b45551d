"""Level-1 performance model: a network bound layer by layer, memory-aware (physics only).

QuTiBench's level 0 is one roofline per network: attainable = min(peak, bandwidth × ops ÷
weight bytes). Level 1 walks the layers of the network (:mod:`qutiflow.networks`) on a
platform described by :class:`Platform` and, for a batch of ``B`` samples, gives each layer
the time of its slowest resource::

    t_layer = max(compute, off-chip traffic) + overhead
    compute = B × ops_effective ÷ (peak × efficiency)
    off-chip traffic = (weight bytes streamed + activation bytes spilled) ÷ off-chip bandwidth
    fps = B ÷ Σ t_layer

* **Weights that stay on chip are not re-read.** Weights are placed on chip in layer order
  while they fit (``onchip_bytes``; the Edge TPU compiler caches parameters the same way);
  the rest stream from off chip on every pass.
* **They stream over the link they really cross**: ``offchip_gbps`` is the DRAM bandwidth,
  or the host link (USB 3, PCIe) where the device has no DRAM of its own; the bound is then
  called ``link`` rather than ``memory``.
* **Batching reuses weights** where the runtime can execute a batch layer by layer
  (``batch_reuse``): streamed weights cross once per batch, else once per sample. Such a
  runtime can also run the batch sample by sample; the faster of the two schedules counts
  (a roofline is what is attainable), so reuse never lowers the throughput.
* **Activations spill** to DRAM when a layer's input and output for the samples in flight
  do not fit in what the resident weights leave of the on-chip memory. A device whose only
  path off chip is a host link has no DRAM to spill to: its activations stay on chip
  (assumption: the Edge TPU's parameter cache is not where it keeps activations, and its
  compiler maps a model whose activations fit). The network's input and output always
  cross (they come from and go to the host).
* **Arrays round up**: with a public array shape (``array_in`` input channels × ``array_out``
  output channels processed per cycle), a layer with fewer or indivisible channels leaves
  part of it idle; a depthwise layer uses one input lane.

Two numbers per platform are not physics: ``efficiency`` (the share of the datasheet peak
that is sustained, ≤ 1) and ``overhead_s`` (a fixed cost per layer and batch). The
physics-only model (``level1``) keeps them at 1 and 0; :func:`calibrate` fits them on
anchor measurements only (``level1_calibrated``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

#: bits per value of each datatype (weights and activations alike)
BITS = {"INT2": 2, "INT4": 4, "INT8": 8, "FP16": 16, "FP32": 32}

#: what binds a layer, in the order ties are named
BOUNDS = ("compute", "memory", "link", "overhead")


@dataclass(frozen=True)
class Platform:
    """What the model knows of one platform × op mode × datatype."""

    peak_tops: float            # datasheet peak, TOP/s (10^12 operations per second)
    offchip_gbps: float         # bandwidth of the path off chip, GB/s (10^9 bytes per second)
    offchip_is_link: bool = False  # True: a host link (USB, PCIe), not the device's DRAM
    onchip_bytes: float = 0.0   # on-chip memory that can hold weights and activations
    batch_reuse: bool = True    # a batch runs layer by layer, weights read once per batch
    array_in: int = 1           # input channels processed in parallel (1: no rounding)
    array_out: int = 1          # output channels processed in parallel (1: no rounding)
    efficiency: float = 1.0     # sustained share of the peak (calibrated; physics: 1)
    overhead_s: float = 0.0     # fixed cost per layer and batch (calibrated; physics: 0)

    def __post_init__(self) -> None:
        if not (self.peak_tops > 0 and self.offchip_gbps > 0):
            raise ValueError(f"peak_tops and offchip_gbps must be positive: {self}")
        if not 0 < self.efficiency <= 1:
            raise ValueError(f"efficiency must be in (0, 1]: {self.efficiency}")
        if self.overhead_s < 0 or self.onchip_bytes < 0:
            raise ValueError(f"overhead_s and onchip_bytes must be ≥ 0: {self}")


def _lanes_used(channels: np.ndarray, lanes: int) -> np.ndarray:
    """Share of ``lanes`` parallel lanes doing useful work for ``channels`` channels."""
    if lanes <= 1:
        return np.ones(len(channels))
    channels = np.maximum(channels, 1)
    return channels / (np.ceil(channels / lanes) * lanes)


def array_utilisation(layers: pd.DataFrame, platform: Platform) -> np.ndarray:
    """Share of the compute array a layer keeps busy (1 without a public array shape).

    A depthwise or grouped convolution reduces over ``in_channels / groups`` channels, so
    the input lanes see that many; pooling and adds run on the array's output lanes only.

    >>> layers = pd.DataFrame({"kind": ["conv", "dwconv"], "in_channels": [3, 32],
    ...                        "out_channels": [32, 32], "groups": [1, 32]})
    >>> array_utilisation(layers, Platform(1, 1, array_in=16, array_out=16)).round(4).tolist()
    [0.1875, 0.0625]
    """
    reduce = layers["in_channels"].to_numpy() // np.maximum(layers["groups"].to_numpy(), 1)
    computes = layers["kind"].isin(["conv", "dwconv", "dense"]).to_numpy()
    use_in = np.where(computes, _lanes_used(reduce, platform.array_in), 1.0)
    use_out = _lanes_used(layers["out_channels"].to_numpy(), platform.array_out)
    return use_in * use_out


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


def layer_times(layers: pd.DataFrame, platform: Platform, datatype: str,
                batch: int, *, layer_by_layer: bool | None = None) -> pd.DataFrame:
    """Seconds per layer for one batch: ``compute_s``, ``offchip_s``, ``overhead_s``,
    ``time_s`` and what binds it (``bound``), plus the bytes that cross off chip.

    ``layers`` is a per-layer table (:func:`qutiflow.networks.layer_table`): ``kind ops
    weights in_elems out_elems in_channels out_channels groups``, counts per sample.
    ``layer_by_layer`` is the schedule (default: the platform's ``batch_reuse``); a
    platform without batch reuse always runs sample by sample.
    """
    reuse = platform.batch_reuse if layer_by_layer is None else (
        layer_by_layer and platform.batch_reuse)
    if batch < 1:
        raise ValueError(f"batch must be ≥ 1: {batch}")
    byte = BITS[datatype] / 8.0
    ops = layers["ops"].to_numpy(dtype="float64")
    w_bytes = layers["weights"].to_numpy(dtype="float64") * byte
    act_bytes = (layers["in_elems"].to_numpy(dtype="float64")
                 + layers["out_elems"].to_numpy(dtype="float64")) * byte

    util = array_utilisation(layers, platform)
    compute_s = batch * ops / np.maximum(util, 1e-12) / (platform.peak_tops * 1e12
                                                          * platform.efficiency)
    resident = resident_weights(w_bytes, platform.onchip_bytes)
    passes = 1 if reuse else batch
    weight_traffic = np.where(resident, 0.0, w_bytes * passes)
    free = max(platform.onchip_bytes - float(w_bytes[resident].sum()), 0.0)
    in_flight = batch if reuse else 1
    spills = (act_bytes * in_flight > free) & (not platform.offchip_is_link)
    act_traffic = np.where(spills, act_bytes * batch, 0.0)
    if len(layers):  # the network's input and output come from and go to the host
        first_in = layers["in_elems"].to_numpy(dtype="float64")[0] * byte * batch
        last_out = layers["out_elems"].to_numpy(dtype="float64")[-1] * byte * batch
        if not spills[0]:
            act_traffic[0] += first_in
        if not spills[-1]:
            act_traffic[-1] += last_out
    offchip_bytes = weight_traffic + act_traffic
    offchip_s = offchip_bytes / (platform.offchip_gbps * 1e9)
    overhead_s = np.full(len(layers), platform.overhead_s)
    memory = "link" if platform.offchip_is_link else "memory"
    bound = np.where(compute_s >= offchip_s, "compute", memory)
    busy = np.maximum(compute_s, offchip_s)
    bound = np.where(overhead_s > busy, "overhead", bound)
    return pd.DataFrame({
        "layer": layers["layer"].to_numpy() if "layer" in layers else np.arange(len(layers)),
        "compute_s": compute_s, "offchip_s": offchip_s, "overhead_s": overhead_s,
        "time_s": busy + overhead_s, "bound": bound,
        "weight_bytes_offchip": weight_traffic, "activation_bytes_offchip": act_traffic,
    })


@dataclass(frozen=True)
class Prediction:
    fps: float
    bound: str       # what binds the most time: compute, memory, link or overhead
    time_s: float    # seconds per batch


def schedule_times(layers: pd.DataFrame, platform: Platform, datatype: str,
                   batch: int) -> pd.DataFrame:
    """:func:`layer_times` of the faster schedule the platform allows."""
    t = layer_times(layers, platform, datatype, batch)
    if platform.batch_reuse and batch > 1:
        alone = layer_times(layers, platform, datatype, batch, layer_by_layer=False)
        if float(alone["time_s"].sum()) < float(t["time_s"].sum()):
            return alone
    return t


def predict(layers: pd.DataFrame, platform: Platform, datatype: str, batch: int) -> Prediction:
    """Throughput of ``batch`` samples and the resource that takes most of the time."""
    t = schedule_times(layers, platform, datatype, batch)
    total = float(t["time_s"].sum())
    by_bound = {b: float(t.loc[t["bound"] == b, "time_s"].sum()) for b in BOUNDS}
    bound = max(BOUNDS, key=lambda b: (by_bound[b], -BOUNDS.index(b)))
    return Prediction(fps=batch / total, bound=bound, time_s=total)


@dataclass(frozen=True)
class Anchor:
    """A measured configuration used to calibrate its platform (left out of every score)."""

    layers: pd.DataFrame
    datatype: str
    batch: int
    measured_fps: float


#: efficiencies tried by :func:`calibrate`: 1 down to 0.0001, 200 steps per decade
EFFICIENCIES = tuple(10 ** (-k / 200) for k in range(0, 801))


def calibrate(platform: Platform, anchors: list[Anchor]) -> Platform:
    """The platform with ``efficiency`` (≤ 1) and ``overhead_s`` (≥ 0) fitted to at most two
    anchors: the pair that minimises the largest |log(measured ÷ predicted)| over them.

    One anchor fits the efficiency alone (overhead 0). The search is a fixed grid over the
    efficiency with the overhead solved in closed form for each anchor, so the result is
    deterministic. Nothing but the anchors is read.
    """
    if not 1 <= len(anchors) <= 2:
        raise ValueError(f"calibrate takes one or two anchors, not {len(anchors)}")
    best, best_err = platform, math.inf
    for eff in EFFICIENCIES:
        base = replace(platform, efficiency=eff, overhead_s=0.0)
        raw = [(a, schedule_times(a.layers, base, a.datatype, a.batch)) for a in anchors]
        candidates = [0.0]
        if len(anchors) == 2:
            for a, t in raw:  # the overhead that makes this anchor exact
                o = (a.batch / a.measured_fps - float(t["time_s"].sum())) / max(len(t), 1)
                if o > 0:
                    candidates.append(o)
        for o in candidates:
            err = max(abs(math.log(a.measured_fps * (float(t["time_s"].sum()) + o * len(t))
                                   / a.batch)) for a, t in raw)
            if err < best_err - 1e-12:
                best, best_err = replace(platform, efficiency=eff, overhead_s=o), err
    return best
