"""`python -m qutiflow.hostbench --quick` and `snakemake measure_host` (the same code): a
contribution in the tidy layout that the pipeline ingests with no warning.

The sweep measures this machine for real (about 10 seconds on 2 cores); the checks are on what it
writes and on the default run reading it, never on how fast the machine is.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO, planned_jobs, snakemake
from doc_commands import readme_command
from qutiflow.hostbench import contribution, sweep
from qutiflow.io import read_parquet

pytestmark = pytest.mark.workflow


HOST_FILES = ("measurements/host-cpu.csv", "host_platforms.csv", "host.md")


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    """A copy of the repository's raw_data, its host files replaced by the documented
    command (`python -m qutiflow.hostbench --quick --force`) measuring this machine."""
    base = tmp_path_factory.mktemp("host")
    raw = base / "raw"
    shutil.copytree(REPO / "raw_data", raw)
    before = {name: (raw / name).read_bytes() for name in HOST_FILES}
    cmd = readme_command("python -m qutiflow.hostbench --quick")
    assert shlex.split(cmd) == ["python", "-m", "qutiflow.hostbench", "--quick", "--force"], cmd
    proc = subprocess.run(
        [sys.executable, *shlex.split(cmd)[1:], "--raw-data", str(raw), "--no-progress"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert all((raw / name).read_bytes() != before[name] for name in HOST_FILES)  # --force replaced them
    return raw, base / "results"


def test_quick_sweep_writes_the_tidy_layout(measured):
    raw, _ = measured
    plan = sweep.preset("quick")
    with open(raw / "measurements/host-cpu.csv", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == contribution.MEASUREMENT_COLUMNS
    assert len(rows) - 1 == plan.size
    body = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert {r["platform"] for r in body} == {"Host-CPU"}
    assert {r["op_mode"] for r in body} == {f"threads-{t}" for t in plan.threads}
    for r in body:
        # throughput is batch / median latency, written with 6 significant digits
        fps = int(r["batch"]) / (float(r["latency_compute_ms"]) / 1000)
        assert float(r["throughput_compute_fps"]) == pytest.approx(fps, rel=1e-5)
        assert (
            float(r["latency_compute_q1_ms"])
            <= float(r["latency_compute_ms"])
            <= float(r["latency_compute_q3_ms"])
        )
        # accuracy is the catalogue's reference, marked so, or empty: never measured here
        assert (r["top1_source"] == "reference") == (r["top1_pct"] != "")
    mlp_fp32 = [
        r for r in body if r["topology"] == "MLP" and r["datatype"] == "FP32" and r["pruning_pct"] == "100"
    ]
    assert mlp_fp32 and all(r["top1_pct"] == "97.31" for r in mlp_fp32)


def test_host_catalogue_rows_are_one_per_thread_count_and_datatype(measured):
    raw, _ = measured
    table = pd.read_csv(raw / "host_platforms.csv")
    plan = sweep.preset("quick")
    assert len(table) == len(plan.threads) * len(plan.datatypes)
    assert (table["peak_tops"] > 0).all() and (table["bandwidth_gbps"] > 0.1).all()
    assert (table["bandwidth_gbps"] < 1000).all()
    assert table["source"].str.contains("measured by `python -m qutiflow.hostbench`").all()


def test_the_default_run_ingests_the_contribution_with_no_warning(measured):
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
    validated = (results / "logs/validate_measurements.log").read_text()
    assert "measurements/host-cpu.csv" in validated  # the log names the files it read
    assert not [ln for ln in validated.splitlines() if ln.startswith("WARNING") and "host-cpu" in ln]
    table = read_parquet(results / "normalised/measurements.parquet")
    host = table.loc[table["platform"] == "Host-CPU"]
    assert len(host) == sweep.preset("quick").size
    assert set(host["source_file"].astype(str)) == {"measurements/host-cpu.csv"}
    assert set(host["top1_source"].dropna()) == {"reference"}
    assert host["power_full_w"].isna().all() or Path("/sys/class/powercap").is_dir()
    platforms = read_parquet(results / "normalised/platforms.parquet")
    assert {"threads-1"} <= set(platforms.loc[platforms["platform"] == "Host-CPU", "op_mode"])
    for task in ("imagenet", "cifar10", "mnist"):
        eff = read_parquet(results / f"{task}/efficiency.parquet")
        assert (eff["platform"] == "Host-CPU").any(), task
        pred = read_parquet(results / f"{task}/predictions.parquet")
        assert (pred["platform"] == "Host-CPU").any(), task


def test_the_snakemake_target_runs_the_same_code(tmp_path):
    """`snakemake measure_host`: refuses the copy's existing host files, then with
    measure_force=true writes the tidy layout and a receipt of what it wrote."""
    raw, results = tmp_path / "raw", tmp_path / "results"
    shutil.copytree(REPO / "raw_data", raw)
    before = (raw / "measurements/host-cpu.csv").read_bytes()
    args = ["measure_host", "--config", "measure_quick=true", f"raw_data={raw}", f"results={results}"]
    refused = snakemake(*args, check=False)
    assert refused.returncode != 0
    assert f"{raw / 'measurements/host-cpu.csv'}: exists" in refused.stderr
    assert "measure_force=true" in refused.stderr
    assert (raw / "measurements/host-cpu.csv").read_bytes() == before
    cmd = readme_command("snakemake measure_host --cores 1 --config measure_quick=true")
    assert shlex.split(cmd)[-2:] == ["measure_quick=true", "measure_force=true"], cmd
    snakemake(*args, "measure_force=true")
    with open(raw / "measurements/host-cpu.csv", newline="") as fh:
        assert next(csv.reader(fh)) == contribution.MEASUREMENT_COLUMNS
    record = json.loads((results / "host/measure_host.json").read_text())
    assert record["preset"] == "quick" and record["platform"] == "Host-CPU"
    assert set(record["files_sha256"]) == set(HOST_FILES)
    for name, digest in record["files_sha256"].items():
        assert hashlib.sha256((raw / name).read_bytes()).hexdigest() == digest


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
        "measure_force=true",  # the copy's host files exist: the platform is what fails
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
