"""The measured side of the whole DAG on the original QuTiBench data (required when CI=true):
the measured figures and tables of every task, efficiency, the measured fronts and the power
over time. Reads the session's run (``qutibench_run``, through the ``site`` fixture)."""

from __future__ import annotations

import pytest
from helpers import MEASURED_FIGURES
from qutiflow.io import read_parquet

pytestmark = [pytest.mark.workflow, pytest.mark.qutibench]

PLATFORMS_OF = {
    "imagenet": {
        "EdgeTPU-fast",
        "EdgeTPU-slow",
        "TX2-maxn",
        "TX2-maxp",
        "TX2-maxq",
        "Ultra96-DPU",
        "ZCU102-DPU",
        "ZCU104-DPU",
        "NCS2",
    },
    "cifar10": {
        "NCS2",
        "TX2-maxn",
        "TX2-maxp",
        "TX2-maxq",
        "U96-Quadcore-A53",
        "ZCU104-BISMO",
        "ZCU104-FINN",
    },
    "mnist": {"NCS2", "TX2-maxn", "TX2-maxp", "TX2-maxq", "U96-Quadcore-A53", "ZCU104-BISMO", "ZCU104-FINN"},
}


def chart_values(path, field):
    """Every value of ``field`` in the data sets of a saved spec."""
    import json

    spec = json.loads(path.read_text())
    return {row[field] for rows in spec.get("datasets", {}).values() for row in rows if field in row}


@pytest.mark.parametrize("task", ["imagenet", "cifar10", "mnist"])
def test_every_measured_figure_and_task_table_exists(site, task):
    for n in MEASURED_FIGURES:
        for ext in ("vl.json", "svg", "png", "html"):
            assert (site / task / "figures" / f"{n}.{ext}").is_file(), f"{task}/{n}.{ext}"
    # the site renders the raw measurements and the overview itself: only the overview's
    # Parquet stays under tables/ (the raw table was a copy of measurements.parquet)
    assert sorted(p.name for p in (site / task / "tables").iterdir()) == ["overview.parquet"]
    for n in ("measurements", "pareto_measured", "efficiency"):
        assert (site / task / f"{n}.parquet").is_file(), f"{task}/{n}.parquet"


@pytest.mark.parametrize("task", ["imagenet", "cifar10", "mnist"])
def test_every_platform_appears_everywhere(site, task):
    expected = PLATFORMS_OF[task]
    line_plot = site / task / "figures" / "latency_throughput.vl.json"
    assert chart_values(line_plot, "platform_label") == expected  # the original lost NCS2, A53, TX2
    assert set(read_parquet(site / f"{task}/efficiency.parquet")["platform_label"]) == expected
    assert set(read_parquet(site / f"{task}/tables/overview.parquet")["platform_label"]) == expected


def test_efficiency_hand_computed(site):
    def eff(task, key):
        e = read_parquet(site / f"{task}/efficiency.parquet")
        return e[e.config_key == key].iloc[0]

    # EdgeTPU fast, GoogLeNet INT8: 274.084 fps (backup.csv line 539) against 4 TOP/s / 3.13 GOP
    r = eff("imagenet", "EdgeTPU-fast_INT8_GoogLeNetv1_100")
    assert r.measured_fps == 274.084 and r.predicted_fps == pytest.approx(4000 / 3.13)
    assert r.efficiency_pct == pytest.approx(274.084 / (4000 / 3.13) * 100)  # 21.45 %
    assert r.peak_fps == pytest.approx(4000 / 3.13) and not r.is_above_roofline
    # FINN INT2, CNV 50 %: best 17029.769 fps at batch 512 (line 477); memory-bound prediction
    # 19.2 GB/s × 1000 / (1.54 M weights × 0.25 B) = 49870.1 fps
    r = eff("cifar10", "ZCU104-FINN_INT2_CNV_50")
    assert (r.batch, r.measured_fps) == (512, 17029.769)
    assert r.predicted_fps == pytest.approx(19.2 * 1000 / (1.54 * 0.25))
    assert r.efficiency_pct == pytest.approx(17029.769 / (19.2 * 1000 / (1.54 * 0.25)) * 100)
    assert r.peak_fps == pytest.approx(30700 / 0.118922752)
    # TX2 maxn FP16, MLP 12.5 %: above its roofline (the weights fit on chip)
    r = eff("mnist", "TX2-maxn_FP16_MLP_12.5")
    assert r.predicted_fps == pytest.approx(59.7 * 1000 / (0.33 * 2))
    assert r.is_above_roofline and r.efficiency_pct > 100
    counts = {t: len(read_parquet(site / f"{t}/efficiency.parquet")) for t in PLATFORMS_OF}
    assert counts == {"imagenet": 32, "cifar10": 46, "mnist": 51}  # all but ResNet-50v15


def test_measured_fronts_are_strict(site):
    sizes = {}
    for task in PLATFORMS_OF:
        f = read_parquet(site / f"{task}/pareto_measured.parquet")
        x, y = f["throughput_compute_fps"].to_numpy(), f["top1_pct"].to_numpy()
        assert f["top1_pct"].notna().all()
        for i in range(len(f)):
            assert not (((x >= x[i]) & (y >= y[i]) & ((x > x[i]) | (y > y[i]))).any())
        # a naive oracle on the task's rows: each configuration's fastest row, those with an
        # accuracy, and of them the ones no other beats on one axis without losing on the other
        m = read_parquet(site / f"{task}/measurements.parquet")
        m = m.loc[m["throughput_compute_fps"].notna()]
        best = m.loc[m.groupby("config_key", observed=True)["throughput_compute_fps"].idxmax()]
        points = [
            (k, fps, top1)
            for k, fps, top1 in zip(
                best["config_key"].astype(str), best["throughput_compute_fps"], best["top1_pct"]
            )
            if top1 == top1
        ]
        front = [
            k
            for k, a, b in points
            if not any(a2 >= a and b2 >= b and (a2 > a or b2 > b) for _, a2, b2 in points)
        ]
        assert sorted(f["config_key"].astype(str)) == sorted(front), task
        sizes[task] = len(f)
    assert sizes == {"imagenet": 5, "cifar10": 11, "mnist": 8}


def test_power_over_time(site):
    import json

    spec = json.loads((site / "imagenet/figures/power_over_time.vl.json").read_text())
    n = sum(len(rows) for rows in spec["datasets"].values())
    assert n == 2800  # 2801 samples less the one 9-sigma outlier (fast EfficientNet-L, 9.30 W)
    log = (site / "logs/plot_power_traces.log").read_text()
    assert "outlier dropped: fast EfficientNet-L" in log and "9.3022 W" in log
