"""Hardware families (FPGA, GPU, TPU, VPU, CPU) of platforms, for the figures; the table
is read by :func:`qutiflow.reference.platform_families`."""

from __future__ import annotations

import pandas as pd

OTHER = "other"


def with_family(platforms: pd.DataFrame, families: dict[str, str]) -> tuple[pd.DataFrame, list[str]]:
    """Add a ``family`` column; platforms missing from the table get 'other' (returned)."""
    fam = platforms["platform"].astype("string").map(families)
    missing = sorted(set(platforms.loc[fam.isna(), "platform"]))
    return platforms.assign(family=fam.fillna(OTHER).astype("string")), missing
