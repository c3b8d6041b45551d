"""The level-1 model calibrated: ``efficiency`` and ``overhead_s`` of a platform fitted to
one or two measured configurations, its anchors (:func:`calibrate`)."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from .layer_arrays import Layers
from .platforms import Platform
from .timing import allowed_schedules


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
    for parts in allowed_schedules(L, platform, anchor.datatype, anchor.batch):
        busy = np.maximum(parts.compute_s[None, :] / EFFICIENCIES[:, None], parts.offchip_s[None, :]).sum(
            axis=1
        )
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
    target = [a.batch / a.measured_fps for a in anchors]  # measured seconds per batch
    candidates = [np.zeros(len(EFFICIENCIES))]
    if len(anchors) == 2:  # the overhead that makes one anchor exact, where it is positive
        candidates += [
            np.maximum((t - busy) / starts, 0.0)
            for schedules, t in zip(grids, target)
            for busy, starts in schedules
        ]
    best, best_err = (1.0, 0.0), math.inf
    for o in candidates:
        err = np.max([np.abs(np.log(_seconds(g, o) / t)) for g, t in zip(grids, target)], axis=0)
        i = int(np.argmin(err))  # the first (highest) efficiency among equal errors
        if err[i] < best_err - 1e-12:
            best, best_err = (float(EFFICIENCIES[i]), float(o[i])), float(err[i])
    return replace(platform, efficiency=best[0], overhead_s=best[1])
