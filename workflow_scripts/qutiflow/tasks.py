"""Per-task tables: the rows of one task with the derived columns of the task pages."""

from __future__ import annotations

import pandas as pd


def platform_label(platform: pd.Series, op_mode: pd.Series) -> pd.Series:
    """``TX2`` + ``maxn`` → ``TX2-maxn``; the platform alone where there is no op mode.

    >>> platform_label(pd.Series(["TX2", "NCS2"]), pd.Series(["maxn", None])).tolist()
    ['TX2-maxn', 'NCS2']
    """
    mode = op_mode.astype("string")
    return (platform.astype("string") + ("-" + mode).fillna("")).astype("string")


def pruning_label(pruning_pct: pd.Series) -> pd.Series:
    """Pruning as short text: 100.0 → '100', 12.5 → '12.5'."""
    return pruning_pct.map(lambda p: f"{p:g}").astype("string")


def for_task(measurements: pd.DataFrame, task: str) -> pd.DataFrame:
    """Rows of ``task`` with platform_label, config_key and latency_compute_norm_ratio.

    ``latency_compute_norm_ratio`` divides each compute latency by the largest compute
    latency of the same topology within the task (the original site's normalisation,
    done as a per-group transform so that it cannot silently turn into NaN).
    """
    out = measurements.loc[measurements["task"] == task].reset_index(drop=True)
    out["platform_label"] = platform_label(out["platform"], out["op_mode"])
    text = {c: out[c].astype("string") for c in ("datatype", "topology")}
    out["config_key"] = (
        out["platform_label"]
        + "_"
        + text["datatype"]
        + "_"
        + text["topology"]
        + "_"
        + pruning_label(out["pruning_pct"])
    ).astype("string")
    peak = out.groupby("topology", observed=True)["latency_compute_ms"].transform("max")
    out["latency_compute_norm_ratio"] = (out["latency_compute_ms"] / peak).astype("float64")
    return out
