"""`snakemake measure_host` with the quick preset: a contribution the pipeline ingests.

The sweep measures this machine for real (about 10 seconds on 2 cores); the checks are on what it
writes and on the default run reading it, never on how fast the machine is.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO, planned_jobs, snakemake
from qutiflow.hostbench import contribution, sweep
from qutiflow.io import read_parquet

pytestmark = pytest.mark.workflow


def measure(raw: Path, results: Path):
    return snakemake(
        "measure_host", "--config", "measure_quick=true", f"raw_data={raw}", f"results={results}"
    )


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    """The repository's raw_data without the host's files, measured with the quick preset."""
    base = tmp_path_factory.mktemp("host")
    raw = base / "raw"
    shutil.copytree(REPO / "raw_data", raw)
    for name in ("measurements/host-cpu.csv", "host_platforms.csv", "host.md"):
        (raw / name).unlink(missing_ok=True)
    # the default catalogue list names host_platforms.csv: measuring must not need it
    results = base / "results"
    measure(raw, results)
    return raw, results


def test_quick_sweep_writes_the_master_layout(measured):
    raw, results = measured
    plan = sweep.preset("quick")
    with open(raw / "measurements/host-cpu.csv", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == contribution.MASTER_HEADER
    assert len(rows) - 1 == plan.size
    body = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert {r["HWType"] for r in body} == {"Host-CPU"}
    assert {r["Op mode"] for r in body} == {f"threads-{t}" for t in plan.threads}
    for r in body:
        # throughput is batch / median latency, written with 6 significant digits
        fps = int(r["batch/thread/stream"]) / (float(r["lat-comp"]) / 1000)
        assert float(r["fps-comp"]) == pytest.approx(fps, rel=1e-5)
        assert float(r["lat-comp-q1"]) <= float(r["lat-comp"]) <= float(r["lat-comp-q3"])
        # accuracy is the catalogue's reference, marked so, or empty: never measured here
        assert (r["top1 source"] == "reference") == (r["top1 [%]"] != "")
    mlp_fp32 = [
        r
        for r in body
        if r["NN_Topology"] == "MLP" and r["Datatype"] == "FP32" and r["PruningFactor"] == "100%"
    ]
    assert mlp_fp32 and all(r["top1 [%]"] == "97.31" for r in mlp_fp32)


def test_receipt_hashes_the_files_it_wrote(measured):
    raw, results = measured
    record = json.loads((results / "host/measure_host.json").read_text())
    assert record["preset"] == "quick" and record["platform"] == "Host-CPU"
    assert set(record["files_sha256"]) == {"measurements/host-cpu.csv", "host_platforms.csv", "host.md"}
    for name, digest in record["files_sha256"].items():
        assert hashlib.sha256((raw / name).read_bytes()).hexdigest() == digest


def test_host_catalogue_rows_are_one_per_thread_count_and_datatype(measured):
    raw, _ = measured
    table = pd.read_csv(raw / "host_platforms.csv")
    plan = sweep.preset("quick")
    assert len(table) == len(plan.threads) * len(plan.datatypes)
    assert (table["peak_tops"] > 0).all() and (table["bandwidth_gbps"] > 0.1).all()
    assert (table["bandwidth_gbps"] < 1000).all()
    assert table["source"].str.contains("measured by `snakemake measure_host`").all()


def test_the_default_run_ingests_the_contribution(measured):
    raw, results = measured
    dry = snakemake("-n", "--config", f"raw_data={raw}", f"results={results}")
    assert "measure_host" not in planned_jobs(dry)
    # the tables checked here, not the figures and the site (the default target's rest)
    tables = ["normalised/measurements.parquet", "normalised/platforms.parquet"] + [
        f"{task}/{name}.parquet"
        for task in ("imagenet", "cifar10", "mnist")
        for name in ("efficiency", "predictions")
    ]
    snakemake(*[str(results / t) for t in tables], "--config", f"raw_data={raw}", f"results={results}")
    table = read_parquet(results / "normalised/measurements.parquet")
    host = table.loc[table["platform"] == "Host-CPU"]
    assert len(host) == sweep.preset("quick").size
    assert set(host["top1_source"].dropna()) == {"reference"}
    assert host["power_full_w"].isna().all() or Path("/sys/class/powercap").is_dir()
    platforms = read_parquet(results / "normalised/platforms.parquet")
    assert {"threads-1"} <= set(platforms.loc[platforms["platform"] == "Host-CPU", "op_mode"])
    for task in ("imagenet", "cifar10", "mnist"):
        eff = read_parquet(results / f"{task}/efficiency.parquet")
        assert (eff["platform"] == "Host-CPU").any(), task
        pred = read_parquet(results / f"{task}/predictions.parquet")
        assert (pred["platform"] == "Host-CPU").any(), task


def test_measuring_is_never_planned_by_the_default_target(tmp_path):
    # a results folder with nothing in it: every analysis job is planned, measuring is not
    dry = snakemake("-n", "--config", f"results={tmp_path / 'results'}")
    jobs = planned_jobs(dry)
    assert "analyse_measured" in jobs and "measure_host" not in jobs


def test_unknown_platform_id_fails_before_measuring(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(REPO / "raw_data", raw)
    before = (
        (raw / "measurements/host-cpu.csv").read_bytes()
        if (raw / "measurements/host-cpu.csv").exists()
        else None
    )
    overlay = tmp_path / "laptop.yaml"
    overlay.write_text("measure_host:\n  platform: My-Laptop\n")
    proc = snakemake(
        "measure_host",
        "--configfile",
        str(overlay),
        "--config",
        "measure_quick=true",
        f"raw_data={raw}",
        f"results={tmp_path / 'results'}",
        check=False,
    )
    assert proc.returncode != 0
    assert "measure_host.platform" in proc.stderr and "My-Laptop" in proc.stderr
    assert "config/aliases.csv" in proc.stderr
    after = (
        (raw / "measurements/host-cpu.csv").read_bytes()
        if (raw / "measurements/host-cpu.csv").exists()
        else None
    )
    assert before == after  # nothing written
    assert not (tmp_path / "results/host/measure_host.json").exists()
