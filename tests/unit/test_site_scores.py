"""qutiflow.site.scores: the prediction-fidelity scores as display tables."""

from __future__ import annotations

import pandas as pd
from qutiflow.site import scores

SUMMARY = pd.DataFrame(
    {
        "model": ["level0", "level1_calibrated", "level1_calibrated", "level0", "level1_calibrated"],
        "scope": ["best_batch"] * 3 + ["all_batches"] * 2,
        "platform": ["all", "all", "TX2", "all", "all"],
        "n": [111, 115, 58, 839, 843],
        "median_abs_log10": [0.682965, 0.0907, 0.0686, 0.6868, 0.138],
        "p90_abs_log10": [1.369, 0.3155, 0.264, 1.36, 0.52],
        "within_25_pct": [7.2, 51.3, 62.1, 5.1, 39.9],
        "within_2x_pct": [25.2, 87.8, 93.1, 26.3, 77.0],
        "spearman_within_platform": [0.555, 0.962, 0.984, float("nan"), 0.86],
        "beats_physics_n": [0, 0, 0, 0, 0],
    }
)


def test_score_table_orders_platforms_then_models_and_leaves_out_other_scopes():
    per = scores.score_table(SUMMARY, per_platform=True)
    assert per.to_dict("records") == [
        {
            "platform": "TX2",
            "model": "level 1 calibrated",
            "configurations scored": 58,
            "median error": "×1.17 (0.069)",
            "90th percentile": "×1.84 (0.264)",
            "within ±25 %": "62 %",
            "within ×2": "93 %",
            "rank correlation": "0.98",
        }
    ]
    overall = scores.score_table(SUMMARY)
    assert list(overall["model"]) == ["level 0: QuTiBench roofline", "level 1 calibrated"]
    assert "platform" not in overall.columns
    every = scores.score_table(SUMMARY, scope="all_batches")
    assert every["rank correlation"].tolist() == ["", "0.86"]  # NaN shown empty
