"""Display labels shared by tables and figures (and what they name as unscored)."""

from __future__ import annotations

import math

import pandas as pd

from .tasks import platform_label, pruning_label


def hardware_label(frame: pd.DataFrame) -> pd.Series:
    """'TX2-maxn FP16': platform with op mode, then datatype."""
    return (
        platform_label(frame["platform"], frame["op_mode"]) + " " + frame["datatype"].astype("string")
    ).astype("string")


def network_label(frame: pd.DataFrame) -> pd.Series:
    """'ResNet-50 80%': topology and pruning."""
    return (frame["topology"].astype("string") + " " + pruning_label(frame["pruning_pct"]) + "%").astype(
        "string"
    )


def model_label(frame: pd.DataFrame) -> pd.Series:
    """'ResNet-50 80% INT8': topology, pruning and datatype of a trained model."""
    return (network_label(frame) + " " + frame["datatype"].astype("string")).astype("string")


def error_factor(abs_log10: float) -> str:
    """An error |log10(measured ÷ predicted)| as a factor, with the value itself: 0.0907 →
    '×1.23 (0.091)'; '' when missing.

    >>> error_factor(0.0907), error_factor(2.6871), error_factor(3.5), error_factor(float("nan"))
    ('×1.23 (0.091)', '×487 (2.687)', '×3,162 (3.500)', '')
    """
    if abs_log10 is None or not math.isfinite(abs_log10):
        return ""
    factor = 10**abs_log10
    shown = f"{factor:.3g}" if factor < 1000 else f"{factor:,.0f}"
    return f"×{shown} ({abs_log10:.3f})"


def unscored_platforms(rows: pd.DataFrame, summary: pd.DataFrame) -> list[str]:
    """Platforms with measurements but no scored configuration at the best batch under any
    model (every configuration an anchor, or without a prediction), sorted.

    >>> unscored_platforms(pd.DataFrame({"platform": ["A", "B", "C"]}),
    ...                    pd.DataFrame({"platform": ["all", "A", "C"], "scope": ["best_batch"] * 3,
    ...                                  "n": [4, 4, 0]}))
    ['B', 'C']
    """
    scored = summary.loc[(summary["scope"] == "best_batch") & (summary["n"] > 0), "platform"]
    return sorted(set(rows["platform"].dropna().astype(str)) - set(scored.astype(str)))
