"""Hardware families (FPGA, GPU, TPU, VPU, CPU) from config/platform_families.csv."""
from __future__ import annotations

import pandas as pd

from .errors import InputError, Problem
from .io import CsvText

OTHER = "other"


def family_table(text: CsvText) -> dict[str, str]:
    """``{platform: family}`` from ``platform,family[,description]``."""
    header = [h.strip() for h in text.header[0]]
    if "platform" not in header or "family" not in header:
        raise InputError([Problem(text.name, 1, None, None, "columns platform and family "
                                  "are required", "use the header platform,family,description")])
    p, f = header.index("platform"), header.index("family")
    return dict(zip(text.rows[p].str.strip(), text.rows[f].str.strip()))


def with_family(platforms: pd.DataFrame, families: dict[str, str]) -> tuple[pd.DataFrame, list[str]]:
    """Add a ``family`` column; platforms missing from the table get 'other' (returned)."""
    fam = platforms["platform"].astype("string").map(families)
    missing = sorted(set(platforms.loc[fam.isna(), "platform"]))
    return platforms.assign(family=fam.fillna(OTHER).astype("string")), missing
