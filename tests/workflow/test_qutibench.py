"""The whole DAG on the original QuTiBench data (required when CI=true)."""

from __future__ import annotations

import os

import pytest
from conftest import REPO, snakemake
from qutiflow.io import read_parquet

pytestmark = [pytest.mark.workflow, pytest.mark.qutibench]

CANONICAL_PLATFORMS = {
    "Ultra96-DPU",
    "ZCU102-DPU",
    "ZCU104-DPU",
    "ZCU104-FINN",
    "ZCU104-BISMO",
    "TX2",
    "EdgeTPU",
    "NCS2",
    "U96-Quadcore-A53",
}


def _run(qutibench_dir, results, overlay, *targets):
    raw = os.path.relpath(qutibench_dir, REPO)  # the README's form: ../shared/qutibench
    snakemake(*targets, "--configfile", overlay, "--config", f"raw_data={raw}", f"results={results}")
    return results


@pytest.fixture(scope="module")
def measurements(site):
    return read_parquet(site / "normalised/measurements.parquet")


def row(m, line):
    hit = m[(m.source_file == "cleaned_csv/backup.csv") & (m.source_line == line)]
    assert len(hit) == 1, line
    return hit.iloc[0]


def test_row_counts(site, measurements):
    assert len(measurements) == 974
    for task, n in {"imagenet": 190, "cifar10": 378, "mnist": 406}.items():
        assert len(read_parquet(site / f"{task}/measurements.parquet")) == n, task


def test_canonical_names(measurements):
    assert set(measurements["platform"]) <= CANONICAL_PLATFORMS
    assert "ZCU104-BISMO" in set(measurements["platform"])
    assert set(measurements["op_mode"].dropna()) == {"maxn", "maxp", "maxq", "fast", "slow"}
    assert set(measurements["datatype"]) == {"INT2", "INT4", "INT8", "FP16", "FP32"}
    assert set(measurements["pruning_pct"]) == {100.0, 80.0, 50.0, 30.0, 25.0, 12.5}
    modes = measurements.groupby("platform")["op_mode"].agg(lambda s: set(s.dropna()))
    assert modes["TX2"] == {"maxn", "maxp", "maxq"} and modes["EdgeTPU"] == {"fast", "slow"}
    assert all(modes[p] == set() for p in modes.index if p not in ("TX2", "EdgeTPU"))


def test_repeated_runs_are_kept(measurements):
    rn = measurements[measurements.topology == "ResNet-50v15"]
    assert len(rn) == 4 and rn["top1_pct"].isna().all()
    assert rn["op_mode"].tolist() == ["fast", "fast", "slow", "slow"]
    assert rn["perf_compute_gops"].tolist() == pytest.approx(
        [24.727 * 8.2, 24.64 * 8.2, 23.608 * 8.2, 23.983 * 8.2]
    )


def test_hand_computed_gops(measurements):
    tx2 = row(measurements, 2211)  # ResNet-50, TX2 maxn FP16, batch 128, "1,254.03"
    assert (tx2.platform, tx2.op_mode, tx2.batch) == ("TX2", "maxn", 128)
    assert tx2.latency_system_ms == pytest.approx(1254.03)
    assert tx2.is_gop_filled and tx2.gop_per_inference == 7.72
    assert tx2.perf_compute_gops == pytest.approx(130.898 * 7.72)  # 1010.53 in the file's tp-comp
    assert tx2.perf_system_gops == pytest.approx(102.708 * 7.72)
    bismo = row(measurements, 360)  # CNV 12.50 %, ZCU104-Bismo INT2, batch 2
    assert (bismo.platform, bismo.pruning_pct) == ("ZCU104-BISMO", 12.5)
    assert bismo.perf_compute_gops == pytest.approx(750.5827994 * 0.008017792)
    ncs = row(measurements, 1060)  # MLP 12.50 %, NCS2 FP16, batch 1
    assert ncs.perf_compute_gops == pytest.approx(618.928 * 0.000668672)
    eff = row(measurements, 6)  # EfficientNet-L, EdgeTPU fast: the file's GOPS 19.38
    assert not eff.is_gop_filled and eff.gop_per_inference == pytest.approx(19.38)
    assert eff.perf_compute_gops == pytest.approx(38.462 * 19.38)
    effs = measurements[measurements.topology.str.startswith("EfficientNet")]
    # the original zeroed them: each is its throughput × its GOP per inference
    assert len(effs) == 6 and (effs["perf_compute_gops"] > 0).all()
    assert effs["perf_compute_gops"].tolist() == pytest.approx(
        (effs["throughput_compute_fps"] * effs["gop_per_inference"]).tolist(), rel=1e-12
    )


def test_task_derived_columns(site):
    c = read_parquet(site / "cifar10/measurements.parquet")
    assert c["latency_compute_ms"].max() == pytest.approx(14561.129)
    assert c["latency_compute_norm_ratio"].max() == 1.0
    m = read_parquet(site / "mnist/measurements.parquet")
    assert m["latency_compute_ms"].max() == pytest.approx(435.264)
    assert c["config_key"].nunique() == 46 and m["config_key"].nunique() == 51
    i = read_parquet(site / "imagenet/measurements.parquet")
    assert "EdgeTPU-fast_INT8_EfficientNet-L_100" in set(i["config_key"])


def test_catalogues(site):
    p = read_parquet(site / "normalised/platforms.parquet")
    assert len(p) == 20 and set(p.platform) == CANONICAL_PLATFORMS
    a53 = p[p.platform == "U96-Quadcore-A53"]
    assert a53["datatype"].tolist() == ["INT2", "INT4", "INT8"]
    assert (a53["peak_tops"] == 0.192).all() and (a53["bandwidth_gbps"] == 4.26).all()
    tx2 = p[(p.platform == "TX2") & (p.op_mode == "maxq") & (p.datatype == "FP32")].iloc[0]
    assert (tx2.peak_tops, tx2.bandwidth_gbps, tx2.memory_gb, tx2.power_w) == (0.44, 59.7, 8, 15)
    assert p.loc[p.platform == "ZCU104-DPU", "power_w"].isna().all()
    t = read_parquet(site / "normalised/topologies.parquet")
    assert len(t) == 45
    rn = t[(t.topology == "ResNet-50") & (t.pruning_pct == 30)].iloc[0]
    assert (rn.datatype, rn.top1_pct, rn.top5_pct, rn.gop_per_inference, rn.params_m) == (
        "INT8",
        68.83,
        90.16,
        2.45,
        10.1,
    )  # op count from config/op_counts.csv, not the rounded 2.5
    assert rn.intensity_reported_opb == 242.54
    eff = t[t.topology == "EfficientNet-S"].iloc[0]
    assert eff.top1_pct == 77 and eff.top5_pct != eff.top5_pct  # NaN: no top-5 published
    cnv = t[(t.topology == "CNV") & (t.pruning_pct == 100) & (t.datatype == "INT2")].iloc[0]
    assert cnv.intensity_reported_opb == 304.95 and cnv.task == "cifar10"


def test_power_traces(site):
    tr = read_parquet(site / "normalised/power_traces.parquet")
    assert len(tr) == 2801  # the site drops one 9-sigma outlier later, leaving 2800
    fast_l = tr[(tr.op_mode == "fast") & (tr.series == "EfficientNet-L")]
    assert fast_l["power_w"].max() == pytest.approx(10.29 * 0.904)
    assert set(tr.series) == {
        "idle",
        "GoogLeNetv1",
        "MobileNetv1",
        "EfficientNet-S",
        "EfficientNet-M",
        "EfficientNet-L",
        "ResNet-50v15",
    }
    assert (tr.platform == "EdgeTPU").all()


def test_overlay_with_per_run_logs(qutibench_dir, tmp_path):
    results = tmp_path / "logs"
    _run(
        qutibench_dir,
        results,
        "tests/config/qutibench_with_logs.yaml",
        str(results / "normalised/measurements.parquet"),
    )  # the table checked here, no figures
    m = read_parquet(results / "normalised/measurements.parquet")
    assert len(m) == 974 + 10 + 4 * 8 + 4 * 48
    finn = m[m.source_file == "cleaned_csv/l3_FPGA_FINN_perf_cnv-W2A2.csv"]
    assert (finn.pruning_pct == 50).all() and finn["batch"].tolist() == [
        1,
        2,
        4,
        8,
        16,
        32,
        64,
        128,
        256,
        512,
    ]
    tx2 = m[m.source_file == "cleaned_csv/l3_GPU_TX2_perf_cnv-s0.5.csv"]
    assert set(tx2.op_mode) == {"maxn", "maxp", "maxq"} and (tx2.pruning_pct == 25).all()
    myriad = m[m.source_file.str.contains("MYRIAD")]
    assert set(myriad.platform) == {"NCS2"}


def prediction(site, task, platform, datatype, topology, pruning, op_mode=None):
    p = read_parquet(site / f"{task}/predictions.parquet")
    mode = p.op_mode == op_mode if op_mode else p.op_mode.isna()
    hit = p[
        (p.platform == platform)
        & (p.datatype == datatype)
        & (p.topology == topology)
        & (p.pruning_pct == pruning)
        & mode
    ]
    assert len(hit) == 1
    return hit.iloc[0]


def test_predictions_hand_computed(site):
    # compute-bound: peak × 1000 / GOP, exact op counts
    r = prediction(site, "imagenet", "Ultra96-DPU", "INT8", "GoogLeNetv1", 100)
    assert r.bound == "compute" and r.predicted_fps == pytest.approx(960 / 3.13)  # the site: 306.709
    r = prediction(site, "imagenet", "EdgeTPU", "INT8", "EfficientNet-L", 100, "slow")
    assert r.predicted_fps == pytest.approx(2000 / 19.38)  # the site: 103.199
    # memory-bound: bandwidth × 1000 / (weights × bytes), whatever the op count. The site
    # used intensities from unrounded weight counts; the catalogue states 25.5 M (0.01 %)
    r = prediction(site, "imagenet", "ZCU102-DPU", "INT8", "ResNet-50", 100)
    assert r.bound == "memory" and r.predicted_fps == pytest.approx(19.2 * 1000 / 25.5)  # site 752.854
    # ...and 23.7 M for ResNet-50 80 %, where the site's intensity implies 24.07 M (1.6 %)
    r = prediction(site, "imagenet", "ZCU102-DPU", "INT8", "ResNet-50", 80)
    assert r.predicted_fps == pytest.approx(19.2 * 1000 / 23.7)  # site 797.505
    r = prediction(site, "mnist", "U96-Quadcore-A53", "INT2", "MLP", 100)
    assert r.predicted_fps == pytest.approx(4.26 * 1000 / (10.01 * 0.25))  # site 1704 (0.1 %)
    # the original's wrong cell (38400): 19.2 GB/s × 8.0 op/B / GOP; the site's formula gives
    # 76800 with its rounded 0.002 GOP, the exact 0.001861632 GOP and 0.93 M weights give:
    r = prediction(site, "mnist", "ZCU104-FINN", "INT2", "MLP", 25)
    assert r.predicted_fps == pytest.approx(19.2 * 1000 / (0.93 * 0.25))  # 82580.6, not 38400
    # the A53 has its line and its predictions (the original lost its bandwidth)
    lines = read_parquet(site / "all/rooflines.parquet")
    a53 = lines[lines.platform == "U96-Quadcore-A53"]
    assert len(a53) == 3 and a53.ridge_opb.tolist() == pytest.approx([192 / 4.26] * 3)
    # NCS2 is one platform with its predictions (the original named it NCS)
    c = read_parquet(site / "cifar10/predictions.parquet")
    assert set(c.loc[c.platform == "NCS2", "datatype"]) == {"FP16"}
    assert len(read_parquet(site / "imagenet/predictions.parquet")) == 77


def test_theoretical_fronts_are_strict(site):
    for task in ("imagenet", "cifar10", "mnist"):
        f = read_parquet(site / f"{task}/pareto_theoretical.parquet")
        assert f["predicted_fps"].is_monotonic_increasing
        assert f["top1_pct"].is_monotonic_decreasing
        x, y = f["predicted_fps"].to_numpy(), f["top1_pct"].to_numpy()
        for i in range(len(f)):
            assert not (((x >= x[i]) & (y >= y[i]) & ((x > x[i]) | (y > y[i]))).any())


def test_all_theory_figures_exist(site):
    for task, names in [
        (t, ["roofline", "prediction_heatmap", "pareto_theoretical"])
        for t in ("imagenet", "cifar10", "mnist")
    ] + [("all", ["roofline", "prediction_heatmap", "requirements", "platforms"])]:
        for n in names:
            for ext in ("vl.json", "svg", "png", "html"):
                assert (site / task / "figures" / f"{n}.{ext}").is_file()
