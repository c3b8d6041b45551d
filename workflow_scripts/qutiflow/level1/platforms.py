"""What the level-1 model knows of one platform (:class:`Platform`), read from the
platform catalogue (:func:`platforms_from_catalogue`), and the bits of each datatype."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

#: bits per value of each datatype (weights and activations alike)
BITS = {"INT2": 2, "INT4": 4, "INT8": 8, "FP16": 16, "FP32": 32}


@dataclass(frozen=True)
class Platform:
    """What the model knows of one platform × op mode × datatype."""

    peak_tops: float  # datasheet peak, TOP/s (10^12 operations per second)
    offchip_gbps: float  # bandwidth of the path off chip, GB/s (10^9 bytes per second)
    offchip_is_link: bool = False  # True: a host link (USB, PCIe), not the device's DRAM
    onchip_bytes: float = 0.0  # on-chip memory that can hold weights and activations
    batch_reuse: bool = True  # a batch runs layer by layer, weights read once per batch
    array_in: int = 1  # input channels processed in parallel (1: no rounding)
    array_out: int = 1  # output channels processed in parallel (1: no rounding)
    efficiency: float = 1.0  # sustained share of the peak (calibrated; physics: 1)
    overhead_s: float = 0.0  # fixed cost per layer and pass (calibrated; physics: 0)

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
            peak_tops=float(r.peak_tops),
            offchip_gbps=float(offchip),
            offchip_is_link=bool(r.is_host_link),
            onchip_bytes=float(r.onchip_weight_mb) * 1e6,
            batch_reuse=bool(r.batch_reuse),
            array_in=int(r.array_rows),
            array_out=int(r.array_cols),
        )
    return out
