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
that is sustained, ≤ 1) and ``overhead_s`` (a fixed cost per layer and pass: once per batch
when the batch runs layer by layer, once per sample when it runs sample by sample, as on a
platform without batch reuse). The
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
    overhead_s: float = 0.0     # fixed cost per layer and pass (calibrated; physics: 0)

    def __post_init__(self) -> None:
        if not (self.peak_tops > 0 and self.offchip_gbps > 0):
            raise ValueError(f"peak_tops and offchip_gbps must be positive: {self}")
        if not 0 < self.efficiency <= 1:
            raise ValueError(f"efficiency must be in (0, 1]: {self.efficiency}")
        if self.overhead_s < 0 or self.onchip_bytes < 0:
            raise ValueError(f"overhead_s and onchip_bytes must be ≥ 0: {self}")


def platforms_from_catalogue(platforms: pd.DataFrame) -> dict[tuple, Platform]:
    """(platform, op_mode, datatype) → its :class:`Platform`, from the normalised platform
    rows joined with their architecture facts (:func:`qutiflow.architecture.architecture_for`);
    op_mode "" where the platform has none. Rows without a positive peak or bandwidth are
    left out."""
    out = {}
    for r in platforms.itertuples(index=False):
        offchip = r.weight_link_gbps if r.is_host_link else r.bandwidth_gbps
        if not (r.peak_tops > 0 and offchip > 0):
            continue
        op_mode = "" if pd.isna(r.op_mode) else str(r.op_mode)
        out[(r.platform, op_mode, r.datatype)] = Platform(
            peak_tops=float(r.peak_tops), offchip_gbps=float(offchip),
            offchip_is_link=bool(r.is_host_link), onchip_bytes=float(r.onchip_weight_mb) * 1e6,
            batch_reuse=bool(r.batch_reuse), array_in=int(r.array_rows),
            array_out=int(r.array_cols))
    return out


@dataclass(frozen=True, eq=False)
class Layers:
    """A per-layer table as arrays (per sample): what the model reads of a network, taken
    out of the DataFrame once, because a network is predicted many times."""

    ops: np.ndarray
    weights: np.ndarray
    act: np.ndarray            # input + output activation elements of each layer
    first_in: float            # the network's input elements
    last_out: float            # the network's output elements
    reduce: np.ndarray         # channels each output reduces over (in_channels / groups)
    out_channels: np.ndarray
    computes: np.ndarray       # conv, dwconv or dense: the array's input lanes are used
    names: np.ndarray

    @classmethod
    def of(cls, table: pd.DataFrame | Layers) -> Layers:
        if isinstance(table, Layers):
            return table
        f = lambda c: table[c].to_numpy(dtype="float64")  # noqa: E731
        n = len(table)
        return cls(ops=f("ops"), weights=f("weights"), act=f("in_elems") + f("out_elems"),
                   first_in=float(f("in_elems")[0]) if n else 0.0,
                   last_out=float(f("out_elems")[-1]) if n else 0.0,
                   reduce=f("in_channels") // np.maximum(f("groups"), 1),
                   out_channels=f("out_channels"),
                   computes=table["kind"].isin(["conv", "dwconv", "dense"]).to_numpy(),
                   names=(table["layer"].to_numpy() if "layer" in table
                          else np.arange(n).astype(str)))

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


@dataclass(frozen=True)
class _Parts:
    """Per-layer seconds of one schedule at efficiency 1 and no overhead."""

    compute_s: np.ndarray
    offchip_s: np.ndarray
    weight_bytes: np.ndarray
    activation_bytes: np.ndarray
    passes: int              # times each layer is started: 1 (layer by layer) or the batch


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


def _schedules(L: Layers, platform: Platform, datatype: str, batch: int) -> list[_Parts]:
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
    return pd.DataFrame({
        "layer": L.names, "compute_s": compute_s, "offchip_s": parts.offchip_s,
        "overhead_s": overhead_s, "time_s": busy + overhead_s, "bound": bound,
        "weight_bytes_offchip": parts.weight_bytes,
        "activation_bytes_offchip": parts.activation_bytes,
    })


def layer_times(layers: pd.DataFrame | Layers, platform: Platform, datatype: str,
                batch: int, *, layer_by_layer: bool | None = None) -> pd.DataFrame:
    """Seconds per layer for one batch: ``compute_s``, ``offchip_s``, ``overhead_s``,
    ``time_s`` and what binds it (``bound``), plus the bytes that cross off chip.

    ``layers`` is a per-layer table (:func:`qutiflow.networks.layer_table`): ``kind ops
    weights in_elems out_elems in_channels out_channels groups``, counts per sample.
    ``layer_by_layer`` is the schedule (default: the platform's ``batch_reuse``); a
    platform without batch reuse always runs sample by sample.
    """
    L = Layers.of(layers)
    reuse = platform.batch_reuse if layer_by_layer is None else (
        layer_by_layer and platform.batch_reuse)
    return _frame(L, _parts(L, platform, datatype, batch, reuse), platform)


def schedule_times(layers: pd.DataFrame | Layers, platform: Platform, datatype: str,
                   batch: int) -> pd.DataFrame:
    """:func:`layer_times` of the faster schedule the platform allows."""
    L = Layers.of(layers)
    frames = [_frame(L, p, platform) for p in _schedules(L, platform, datatype, batch)]
    return min(frames, key=lambda f: float(f["time_s"].sum()))


@dataclass(frozen=True)
class Prediction:
    fps: float
    bound: str       # what binds the most time: compute, memory, link or overhead
    time_s: float    # seconds per batch


def predict(layers: pd.DataFrame | Layers, platform: Platform, datatype: str,
            batch: int) -> Prediction:
    """Throughput of ``batch`` samples and the resource that takes most of the time."""
    L = Layers.of(layers)
    best = None
    for parts in _schedules(L, platform, datatype, batch):
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
    by_bound = {"compute": float(t[is_compute].sum()), memory: float(t[is_memory].sum()),
                "overhead": float(t[over].sum())}
    bound = max(BOUNDS, key=lambda b: (by_bound.get(b, 0.0), -BOUNDS.index(b)))
    return Prediction(fps=batch / total, bound=bound, time_s=total)


@dataclass(frozen=True)
class Anchor:
    """A measured configuration used to calibrate its platform (left out of every score)."""

    layers: pd.DataFrame
    datatype: str
    batch: int
    measured_fps: float


#: efficiencies tried by :func:`calibrate`: 1 down to 0.0001, 200 steps per decade
EFFICIENCIES = np.array([10 ** (-k / 200) for k in range(0, 801)])


def _busy_over_grid(anchor: Anchor, platform: Platform) -> list[tuple[np.ndarray, int]]:
    """Per schedule the platform allows: Σ max(compute ÷ efficiency, off-chip) of the anchor
    for every efficiency of the grid, and the layer starts the schedule's overhead is
    charged for (layers × passes)."""
    L = Layers.of(anchor.layers)
    out = []
    for parts in _schedules(L, platform, anchor.datatype, anchor.batch):
        busy = np.maximum(parts.compute_s[None, :] / EFFICIENCIES[:, None],
                          parts.offchip_s[None, :]).sum(axis=1)
        out.append((busy, max(len(L), 1) * parts.passes))
    return out


def _seconds(schedules: list[tuple[np.ndarray, int]], overhead: np.ndarray) -> np.ndarray:
    """Seconds per batch over the efficiency grid: the faster schedule at each point."""
    return np.min([busy + overhead * starts for busy, starts in schedules], axis=0)


def calibrate(platform: Platform, anchors: list[Anchor]) -> Platform:
    """The platform with ``efficiency`` (≤ 1) and ``overhead_s`` (≥ 0) fitted to at most two
    anchors: the pair that minimises the largest |log(measured ÷ predicted)| over them.

    One anchor fits the efficiency alone (overhead 0). The search is a fixed grid over the
    efficiency with the overhead solved in closed form for each anchor and schedule, so the
    result is deterministic. Nothing but the anchors is read.
    """
    if not 1 <= len(anchors) <= 2:
        raise ValueError(f"calibrate takes one or two anchors, not {len(anchors)}")
    base = replace(platform, efficiency=1.0, overhead_s=0.0)
    grids = [_busy_over_grid(a, base) for a in anchors]
    target = [a.batch / a.measured_fps for a in anchors]        # measured seconds per batch
    candidates = [np.zeros(len(EFFICIENCIES))]
    if len(anchors) == 2:  # the overhead that makes one anchor exact, where it is positive
        candidates += [np.maximum((t - busy) / starts, 0.0)
                       for schedules, t in zip(grids, target) for busy, starts in schedules]
    best, best_err = (1.0, 0.0), math.inf
    for o in candidates:
        err = np.max([np.abs(np.log(_seconds(g, o) / t)) for g, t in zip(grids, target)],
                     axis=0)
        i = int(np.argmin(err))  # the first (highest) efficiency among equal errors
        if err[i] < best_err - 1e-12:
            best, best_err = (float(EFFICIENCIES[i]), float(o[i])), float(err[i])
    return replace(platform, efficiency=best[0], overhead_s=best[1])
