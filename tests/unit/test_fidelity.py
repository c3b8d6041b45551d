"""Fidelity scoring (qutiflow.fidelity): the anchor rule, calibration that reads only the
anchors, anchors kept out of every score, and the scores by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from qutiflow import fidelity, level1


def layers(gop: float, n: int = 4) -> pd.DataFrame:
    """n equal compute layers totalling ``gop`` GOP, tiny weights and activations."""
    return pd.DataFrame(
        {
            "layer": [f"l{i}" for i in range(n)],
            "kind": "conv",
            "ops": int(gop * 1e9 / n),
            "weights": 10,
            "in_elems": 10,
            "out_elems": 10,
            "in_channels": 8,
            "out_channels": 8,
            "groups": 1,
        }
    )


NETS = {("A", 100.0): 8.0, ("B", 100.0): 2.0, ("C", 100.0): 0.5, ("D", 100.0): 0.01}


def layers_for(topology, pruning):
    gop = NETS.get((topology, pruning))
    return None if gop is None else layers(gop)


def platform_for(platform, op_mode, datatype):
    return level1.Platform(peak_tops=1.0, offchip_gbps=100.0, onchip_bytes=1e6) if platform == "P" else None


def measured(fps: dict[str, float]) -> pd.DataFrame:
    rows = [
        {
            "task": "imagenet",
            "platform": "P",
            "op_mode": "",
            "datatype": "INT8",
            "topology": t,
            "pruning_pct": 100.0,
            "batch": 1,
            "measured_fps": f,
            "gop_per_inference": NETS[(t, 100.0)],
        }
        for t, f in fps.items()
    ]
    return pd.DataFrame(rows)


LEVEL0 = pd.DataFrame(
    {
        "platform": "P",
        "op_mode": "",
        "datatype": "INT8",
        "topology": ["A", "B", "C", "D"],
        "pruning_pct": 100.0,
        "predicted_fps": [100.0, 400.0, 1600.0, 9000.0],
        "bound": "compute",
    }
)


def test_anchor_rule_largest_and_smallest_network_per_platform():
    best = measured({"A": 40.0, "B": 150.0, "C": 500.0, "D": 5000.0})
    anchors = fidelity.choose_anchors(best)
    assert anchors["topology"].tolist() == ["A", "D"]


def test_calibration_reads_only_the_anchors():
    one = fidelity.compare(
        measured({"A": 40.0, "B": 150.0, "C": 500.0, "D": 5000.0}), LEVEL0, layers_for, platform_for
    )
    other = fidelity.compare(
        measured({"A": 40.0, "B": 15.0, "C": 50000.0, "D": 5000.0}), LEVEL0, layers_for, platform_for
    )

    def cal(f):
        return f.loc[f["model"] == "level1_calibrated", "predicted_fps"].tolist()

    assert cal(one) == cal(other)  # B and C changed; no prediction did


def test_anchors_never_enter_the_scores():
    rows = fidelity.compare(
        measured({"A": 40.0, "B": 150.0, "C": 500.0, "D": 5000.0}), LEVEL0, layers_for, platform_for
    )
    assert rows.loc[rows["is_anchor"], "topology"].unique().tolist() == ["A", "D"]
    s = fidelity.summary(rows).set_index(["model", "scope", "platform"])
    assert s.loc[("level1_calibrated", "best_batch", "all"), "n"] == 2
    assert s.loc[("level1_calibrated", "all_batches", "all"), "n"] == 2
    # an absurd anchor measurement changes the fit but is never scored itself
    wild = fidelity.compare(
        measured({"A": 4.0, "B": 150.0, "C": 500.0, "D": 5000.0}), LEVEL0, layers_for, platform_for
    )
    assert (
        fidelity.summary(wild)
        .set_index(["model", "scope", "platform"])
        .loc[("level0", "best_batch", "all"), "n"]
        == 2
    )


def test_scores_by_hand():
    rows = pd.DataFrame(
        {
            "platform": ["P", "P", "P", "Q"],
            "op_mode": "",
            "datatype": "INT8",
            "topology": ["A", "B", "C", "A"],
            "pruning_pct": 100.0,
            "batch": 1,
            "measured_fps": [100.0, 100.0, 100.0, 100.0],
            "predicted_fps": [100.0, 120.0, 300.0, 50.0],
        }
    )
    s = fidelity.scores(rows)
    errs = sorted([0.0, math.log10(1.2), math.log10(3.0), math.log10(2.0)])
    assert s["n"] == 4
    assert s["median_abs_log10"] == pytest.approx((errs[1] + errs[2]) / 2)
    assert s["within_25_pct"] == 50.0 and s["within_2x_pct"] == 75.0
    # P: measured all equal → no rank correlation; Q: one pair → none
    assert math.isnan(s["spearman_within_platform"])
    physics = rows.assign(predicted_fps=[50.0, 80.0, 60.0, 100.0])
    assert fidelity.scores(rows, physics)["beats_physics_n"] == 2  # 100 > 1.5 × 50 and × 60


def test_no_measurements_give_empty_rows_and_zero_counts():
    empty = measured({}).reindex(
        columns=[
            "task",
            "platform",
            "op_mode",
            "datatype",
            "topology",
            "pruning_pct",
            "batch",
            "measured_fps",
            "gop_per_inference",
        ]
    )
    rows = fidelity.compare(empty, LEVEL0, layers_for, platform_for)
    assert rows.empty and list(rows.columns) == list(fidelity.ROW_TYPES)
    s = fidelity.summary(rows)
    assert set(s["platform"]) == {"all"} and (s["n"] == 0).all() and len(s) == 6


def test_a_configuration_measured_twice_at_its_best_batch_counts_once():
    twice = pd.concat(
        [measured({"A": 40.0, "B": 150.0, "C": 500.0, "D": 5000.0}), measured({"B": 140.0})],
        ignore_index=True,
    )
    s = fidelity.summary(fidelity.compare(twice, LEVEL0, layers_for, platform_for))
    s = s.set_index(["model", "scope", "platform"])
    assert s.loc[("level1", "best_batch", "all"), "n"] == 2  # B and C
    assert s.loc[("level1", "all_batches", "all"), "n"] == 3  # every measured row
