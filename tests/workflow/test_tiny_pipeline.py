"""The whole DAG on the tiny fixtures: outputs, hand-computed values, incremental reruns."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest
from conftest import planned_jobs
from conftest import tiny as run
from helpers import MEASURED_FIGURES
from qutiflow.io import parquet_units, read_parquet

pytestmark = pytest.mark.workflow


@pytest.fixture
def shared_run(tiny_run):
    """The session's tiny run (tests/conftest.py), read only."""
    return tiny_run.raw, tiny_run.results


def test_every_output_exists_with_units(shared_run):
    _, results = shared_run
    for name in [
        "normalised/measurements.parquet",
        "normalised/platforms.parquet",
        "normalised/topologies.parquet",
        "normalised/power_traces.parquet",
        "imagenet/measurements.parquet",
        "cifar10/measurements.parquet",
        "mnist/measurements.parquet",
    ]:
        assert (results / name).is_file(), name
    units = parquet_units(results / "normalised/measurements.parquet")
    assert units["latency_compute_ms"] == "ms"
    assert units["perf_compute_gops"] == "GOP/s"
    assert units["power_full_w"] == "W"
    assert parquet_units(results / "normalised/platforms.parquet")["peak_tops"] == "TOP/s"


def test_measurements_hand_computed(shared_run):
    _, results = shared_run
    m = read_parquet(results / "normalised/measurements.parquet")
    # 6 master rows (1 placeholder) + 2 per-run log rows
    assert len(m) == 7
    assert list(m["source_file"].unique()) == [
        "measurements/bench_master.csv",
        "measurements/bench_runlog.csv",
    ]
    finn1 = m[(m.platform == "ZCU104-FINN") & (m.batch == 1)].iloc[0]
    assert not finn1.is_gop_filled
    assert finn1.gop_per_inference == pytest.approx(0.118922752)
    assert finn1.perf_compute_gops == pytest.approx(3703.704 * 0.118922752)
    assert finn1.source_line == 2
    finn2 = m[(m.platform == "ZCU104-FINN") & (m.batch == 2)].iloc[0]
    assert finn2.is_gop_filled and finn2.gop_per_inference == pytest.approx(0.118922752)
    tx2 = m[(m.topology == "MLP")].iloc[0]
    assert (tx2.platform, tx2.op_mode, tx2.pruning_pct) == ("TX2", "maxn", 50.0)
    assert tx2.latency_system_ms == pytest.approx(1234.5)
    assert tx2.perf_compute_gops == pytest.approx(2000 * 0.005820416)
    assert tx2.perf_system_gops == pytest.approx(3240.4 * 0.005820416)
    ncs = m[m.topology == "GoogLeNetv1"].iloc[0]
    assert (
        ncs.platform == "NCS2"
        and ncs.task == "imagenet"
        and ncs.op_mode is None
        or ncs.op_mode != ncs.op_mode
    )
    assert ncs.perf_compute_gops == pytest.approx(40 * 3.13)
    rn = m[m.topology == "ResNet-50"].iloc[0]
    assert rn.pruning_pct == 30.0 and rn.perf_compute_gops == pytest.approx(20 * 2.45)
    log = m[m.source_file == "measurements/bench_runlog.csv"]
    assert log["op_mode"].tolist() == ["maxq", "maxq"]
    assert log["batch"].tolist() == [1, 2]
    assert log["pruning_pct"].tolist() == [25.0, 25.0]
    assert log["source_line"].tolist() == [2, 3]
    assert log["perf_compute_gops"].tolist() == pytest.approx([2000 * 0.030510848, 2500 * 0.030510848])


def test_task_split_and_normalised_latency(shared_run):
    _, results = shared_run
    c = read_parquet(results / "cifar10/measurements.parquet")
    assert len(c) == 4
    assert sorted(c["latency_compute_norm_ratio"].round(6)) == [0.3375, 0.4575, 0.625, 1.0]
    assert set(c["config_key"]) == {"ZCU104-FINN_INT2_CNV_50", "TX2-maxq_FP32_CNV_25"}
    assert len(read_parquet(results / "mnist/measurements.parquet")) == 1
    i = read_parquet(results / "imagenet/measurements.parquet")
    assert sorted(i["platform_label"]) == ["NCS2", "Ultra96-DPU"]


def test_catalogues(shared_run):
    _, results = shared_run
    p = read_parquet(results / "normalised/platforms.parquet")
    assert p[["platform", "op_mode", "datatype"]].fillna("").values.tolist() == [
        ["ZCU104-FINN", "", "INT2"],
        ["TX2", "maxn", "FP16"],
        ["TX2", "maxq", "FP32"],
        ["NCS2", "", "FP16"],
    ]
    t = read_parquet(results / "normalised/topologies.parquet")
    row = t[t.topology == "MLP"].iloc[0]
    # the op-count table wins over the catalogue's own (rounded) 0.006
    assert row.gop_per_inference == 0.005820416 and row.pruning_pct == 50.0 and row.task == "mnist"
    cnv = t[t.topology == "CNV"].iloc[0]
    assert cnv.gop_per_inference == pytest.approx(0.118922752)  # filled from config
    assert list(t.task) == ["imagenet", "imagenet", "cifar10", "mnist"]


def test_nothing_to_do_after_a_run(shared_run):
    raw, results = shared_run
    assert planned_jobs(run(raw, results, "-n")) == {}


def test_platform_change_reruns_only_platform_rules(tiny_run, restoring):
    raw, results = tiny_run
    with open(restoring(raw / "platforms.csv"), "a") as fh:
        fh.write("EdgeTPU,fast,INT8,4,25.6,1,2,test fixture\n")
    jobs = planned_jobs(run(raw, results, "-n"))
    assert set(jobs) == {
        "validate_platforms",
        "normalise_platforms",
        "compute_rooflines",
        "predict_roofline",
        "plot_theory",
        "analyse_measured",
        "plot_measured",
        "score_fidelity",
        "plot_fidelity",
        "build_site",
        "write_ro_crate",
        "audit_run",
        "all",
    }
    # measurement cleaning and the task's rows never rerun; analyse_measured does (its
    # efficiency table uses predictions)
    assert "validate_measurements" not in jobs and "normalise_measurements" not in jobs
    assert "select_task_measurements" not in jobs


def test_measurement_change_reruns_measurement_chain_only(tiny_run, restoring):
    raw, results = tiny_run
    with open(restoring(raw / "measurements/bench_runlog.csv"), "a") as fh:
        fh.write('"maxq,FP32,b4",2.0,1.2,2000,3333,,,GPU,TX2,cnv,s0.5,4,FP32\n')
    jobs = planned_jobs(run(raw, results, "-n"))
    assert set(jobs) == {
        "validate_measurements",
        "normalise_measurements",
        "select_task_measurements",
        "analyse_measured",
        "plot_measured",
        "score_fidelity",
        "plot_fidelity",
        "build_site",
        "write_ro_crate",
        "audit_run",
        "all",
    }
    assert jobs["select_task_measurements"] == 3 and jobs["analyse_measured"] == 3
    assert "plot_theory" not in jobs and "predict_roofline" not in jobs


def test_new_measurement_file_is_picked_up(tiny_run, restoring):
    raw, results = tiny_run
    restoring(raw / "measurements/extra.csv").write_text((raw / "measurements/bench_runlog.csv").read_text())
    jobs = planned_jobs(run(raw, results, "-n"))
    assert "validate_measurements" in jobs and "validate_platforms" not in jobs


def test_bad_input_stops_before_downstream_and_keeps_results(tiny_clone):
    raw, results = tiny_clone
    out = results / "normalised/measurements.parquet"
    before = out.read_bytes()
    task_before = (results / "cifar10/measurements.parquet").read_bytes()
    with open(raw / "measurements/bench_master.csv", "a") as fh:
        fh.write("CNV,ZCU999,INT2,,1,,0.3,,3000,,,84.29,,,,12.5,,50%,l3,30.7,19.2,0.12\n")
    proc = run(raw, results, check=False)
    assert proc.returncode != 0
    assert "measurements/bench_master.csv" in proc.stderr
    assert "line 8: 'ZCU999'" in proc.stderr
    assert "unknown platform name" in proc.stderr
    assert out.read_bytes() == before
    assert (results / "cifar10/measurements.parquet").read_bytes() == task_before
    assert not list(results.rglob("*.tmp"))


def test_same_inputs_give_byte_identical_tables(tiny_run, tiny_rerun):
    results, again = tiny_run.results, tiny_rerun.results

    def made(root):
        return sorted(
            p.relative_to(root)
            for pattern in ("*.parquet", "*.vl.json", "*.svg")
            for p in root.rglob(pattern)
        )

    compared = made(results)
    assert made(again) == compared  # the same files in both runs
    # every figure (the lists below, and ImageNet's power trace) as a spec and an SVG
    figures = 3 * (len(THEORY_FIGURES) + len(MEASURED_FIGURES)) + len(ALL_FIGURES) + 1 + len(FIDELITY_FIGURES)
    assert figures == 47
    assert sum(p.name.endswith(".vl.json") for p in compared) == figures
    assert sum(p.suffix == ".svg" for p in compared) == figures
    for rel in compared:
        assert (again / rel).read_bytes() == (results / rel).read_bytes(), rel


def test_empty_measurement_set_is_valid(tiny_raw, tmp_path):
    """No measurement patterns in the config: valid (a pattern that matches nothing is not,
    see test_failed_run.py)."""
    for f in (tiny_raw / "measurements").iterdir():
        f.unlink()
    overlay = tmp_path / "no_measurements.yaml"
    overlay.write_text("inputs:\n  measurements: []\n")
    results = tmp_path / "empty"
    # MNIST alone: the empty set is the same for every task, and costs half
    proc = run(tiny_raw, results, overlays=("tests/config/tiny_mnist.yaml", overlay))
    m = pq.read_table(results / "normalised/measurements.parquet")
    assert m.num_rows == 0 and "perf_compute_gops" in m.column_names
    assert (results / "normalised/platforms.parquet").is_file()
    assert "no measurement files given" in (results / "logs/validate_measurements.log").read_text()
    assert "there are no measurements" in proc.stderr


THEORY_FIGURES = ["roofline", "prediction_heatmap", "pareto_theoretical"]
ALL_FIGURES = ["roofline", "prediction_heatmap", "requirements", "platforms"]
FIDELITY_FIGURES = ["fidelity_scatter", "fidelity_error", "fidelity_batches"]


def test_every_figure_in_every_format_offline_and_small(shared_run):
    _, results = shared_run
    expected = (
        [
            results / t / "figures" / n
            for t in ("imagenet", "cifar10", "mnist")
            for n in THEORY_FIGURES + MEASURED_FIGURES
        ]
        + [results / "all" / "figures" / n for n in ALL_FIGURES]
        + [results / "imagenet" / "figures" / "power_over_time"]
        + [results / "fidelity" / "figures" / n for n in FIDELITY_FIGURES]
    )
    for stem in expected:
        for ext in ("vl.json", "svg", "png", "html"):
            assert stem.with_name(f"{stem.name}.{ext}").is_file(), f"{stem}.{ext}"
        spec = stem.with_name(f"{stem.name}.vl.json")
        assert spec.stat().st_size < 1_000_000
        html = stem.with_name(f"{stem.name}.html").read_text()
        assert '<script src="http' not in html and '"url": "http' not in spec.read_text()


def test_theory_tables(shared_run):
    _, results = shared_run
    p = read_parquet(results / "imagenet/predictions.parquet")
    # GoogLeNet FP16 (5.98 M weights) on the two FP16 platforms; ResNet-50 INT8 has none
    assert sorted(p["platform"]) == ["NCS2", "TX2"]
    ncs = p[p.platform == "NCS2"].iloc[0]
    # intensity 3130 / (5.98 × 2) = 261.7 op/B; 12.8 GB/s × 261.7 = 3.35 > 0.5 TOP/s: compute-bound
    assert ncs.arithmetic_intensity_opb == pytest.approx(3130 / 11.96)
    assert ncs.bound == "compute" and ncs.predicted_fps == pytest.approx(500 / 3.13)
    m = read_parquet(results / "mnist/predictions.parquet")
    tx2 = m.iloc[0]  # MLP 50 % FP16 on TX2 maxn: 59.7 GB/s × 5820.416 / (2.910208 × 2) op/B
    assert tx2.bound == "memory"
    assert tx2.predicted_fps == pytest.approx(59.7 * 1000 / (2.910208 * 2))
    front = read_parquet(results / "imagenet/pareto_theoretical.parquet")
    assert front["predicted_fps"].tolist() == pytest.approx([1330 / 3.13])  # TX2 maxn beats NCS2
