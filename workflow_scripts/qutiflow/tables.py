"""Tables arranged for reading (the site's raw-measurement and overview pages): one
section per platform, and the overview as a platform × topology grid."""

from __future__ import annotations

import pandas as pd


def by_platform(
    frame: pd.DataFrame, column: str = "platform_label", *, limit: int | None = None
) -> list[tuple[str, pd.DataFrame]]:
    """One section per value of ``column``, in order of first appearance; with ``limit``,
    at most that many rows each, the heading saying how many were left out."""
    sections = []
    for key, part in frame.groupby(column, sort=False, observed=True):
        heading = str(key)
        if limit is not None and len(part) > limit:
            heading += f" (first {limit} of {len(part)} rows; all are in the Parquet file)"
            part = part.iloc[:limit]
        sections.append((heading, part.drop(columns=column)))
    return sections


def overview_grid(overview: pd.DataFrame) -> pd.DataFrame:
    """Platforms as rows, topologies as columns, cells 'INT8 · 100, 80 % · batch 1, 2'."""
    if overview.empty:
        return pd.DataFrame({"platform": []})
    cell = overview["datatypes"] + " · " + overview["pruning_pcts"] + " % · batch " + overview["batches"]
    grid = overview.assign(cell=cell).pivot(index="platform_label", columns="topology", values="cell")
    grid = grid.reindex(
        index=list(dict.fromkeys(overview["platform_label"])),
        columns=list(dict.fromkeys(overview["topology"])),
    )
    return grid.fillna("–").reset_index().rename(columns={"platform_label": "platform"})
