"""The prediction-fidelity scores (``fidelity/summary.parquet``) as tables for the site:
errors as factors, shares as percentages, a model's name in words."""

from __future__ import annotations

import math

import pandas as pd

from ..labels import error_factor

MODELS = ("level0", "level1", "level1_calibrated")
MODEL_NAMES = {
    "level0": "level 0: QuTiBench roofline",
    "level1": "level 1: physics only",
    "level1_calibrated": "level 1 calibrated",
}


def _share(value: float) -> str:
    return "" if value is None or not math.isfinite(value) else f"{value:.0f} %"


def _rho(value: float) -> str:
    return "" if value is None or not math.isfinite(value) else f"{value:.2f}"


def score_table(
    summary: pd.DataFrame, *, scope: str = "best_batch", per_platform: bool = False
) -> pd.DataFrame:
    """The scores of one ``scope`` as display text: over all platforms (a row per model),
    or ``per_platform`` (a row per platform and model, platforms in name order).

    >>> s = pd.DataFrame({"model": ["level1_calibrated"], "scope": ["best_batch"],
    ...                   "platform": ["all"], "n": [115], "median_abs_log10": [0.0907],
    ...                   "p90_abs_log10": [0.3155], "within_25_pct": [51.3],
    ...                   "within_2x_pct": [87.8], "spearman_within_platform": [0.962]})
    >>> score_table(s).astype(str).iloc[0].tolist()
    ['level 1 calibrated', '115', '×1.23 (0.091)', '×2.07 (0.316)', '51 %', '88 %', '0.96']
    """
    s = summary.loc[summary["scope"] == scope]
    s = s.loc[(s["platform"] != "all") if per_platform else (s["platform"] == "all")]
    rank = {m: i for i, m in enumerate(MODELS)}
    s = s.assign(_rank=s["model"].map(rank).fillna(len(MODELS)))
    s = s.sort_values((["platform"] if per_platform else []) + ["_rank"], kind="stable")
    out = pd.DataFrame(
        {
            "platform": s["platform"],
            "model": s["model"].map(lambda m: MODEL_NAMES.get(m, m)),
            "configurations scored": s["n"].astype("int64"),
            "median error": s["median_abs_log10"].map(error_factor),
            "90th percentile": s["p90_abs_log10"].map(error_factor),
            "within ±25 %": s["within_25_pct"].map(_share),
            "within ×2": s["within_2x_pct"].map(_share),
            "rank correlation": s["spearman_within_platform"].map(_rho),
        }
    )
    if not per_platform:
        out = out.drop(columns="platform")
    return out.reset_index(drop=True)
