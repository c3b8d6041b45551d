"""The published QuTiBench data embedded in raw_data/ against the original layout.

The embedded files (raw_data/measurements/qutibench-*.csv, raw_data/power_traces/
qutibench-*.csv) are converted from ../shared/qutibench by
workflow_scripts/convert_original.py. Here: rerunning the conversion gives the committed
files byte for byte, and the pipeline's normalised tables from the embedded default and
from the original layout (tests/config/qutibench.yaml) hold the same measurements and
power samples row for row, each naming the same original file and line. The embedded
catalogues (hand-written, each row with its source) agree with the original tables on
every value those publish. Needs the original data: required when CI=true, skipped with
the reason otherwise.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO, snakemake
from qutiflow.io import read_parquet

pytestmark = [pytest.mark.workflow, pytest.mark.qutibench]

RAW = REPO / "raw_data"
#: the embedded files the conversion writes, relative to raw_data
CONVERTED_GLOBS = ["measurements/qutibench-*.csv", "power_traces/qutibench-*.csv"]
TABLES = ["measurements", "power_traces", "platforms", "topologies"]
HOST_FILES = ("measurements/host-cpu.csv",)


def committed_files() -> dict[str, bytes]:
    return {
        p.relative_to(RAW).as_posix(): p.read_bytes() for g in CONVERTED_GLOBS for p in sorted(RAW.glob(g))
    }


def normalised(config: list[str], results: Path) -> dict[str, pd.DataFrame]:
    """The normalised tables of one run (only the rules they need)."""
    targets = [str(results / "normalised" / f"{t}.parquet") for t in TABLES]
    snakemake(*targets, *config, f"results={results}")
    return {t: read_parquet(results / "normalised" / f"{t}.parquet") for t in TABLES}


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    """The default run (config/config.yaml as it is), up to the normalised tables."""
    return normalised(["--config"], tmp_path_factory.mktemp("embedded") / "results")


@pytest.fixture(scope="module")
def runs(qutibench_run, embedded):
    """(the original layout's normalised tables, from the session's run on it; the
    embedded default's)."""
    original = {t: read_parquet(qutibench_run / "normalised" / f"{t}.parquet") for t in TABLES}
    return original, embedded


def csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_default_run_holds_the_host_and_the_published_measurements(embedded):
    # counted from the raw files themselves: rows with a compute latency, per file
    host = [r for r in csv_rows(RAW / "measurements/host-cpu.csv") if r["lat-comp"].strip()]
    published = {
        p.name: [r for r in csv_rows(p) if r["latency_compute_ms"]]
        for p in sorted(RAW.glob("measurements/qutibench-*.csv"))
    }
    m = embedded["measurements"]
    assert (m["source_file"] == "measurements/host-cpu.csv").sum() == len(host)
    assert (m["source_file"] != "measurements/host-cpu.csv").sum() == sum(map(len, published.values()))
    platforms = {r["HWType"] for r in host} | {r["platform"] for rows in published.values() for r in rows}
    assert set(m["platform"]) == platforms
    assert m.loc[m["platform"] != "Host-CPU", "power_full_w"].notna().any()
    traces = embedded["power_traces"]
    samples = sum(len(csv_rows(p)) for p in RAW.glob("power_traces/*.csv"))
    assert len(traces) == samples and set(traces["platform"]) == {"EdgeTPU"}


def by_origin(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["source_file", "source_line"], ignore_index=True)


def test_rerunning_the_conversion_gives_the_committed_files(qutibench_dir, tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "workflow_scripts/convert_original.py",
            "--source",
            str(qutibench_dir),
            "--dest",
            str(tmp_path),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    fresh = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in sorted(tmp_path.rglob("*.csv"))}
    committed = committed_files()
    assert sorted(fresh) == sorted(committed)
    for name, data in fresh.items():
        assert data == committed[name], f"raw_data/{name} differs from a fresh conversion"


def test_measurements_equal_row_for_row_with_the_same_origin(runs):
    original, embedded = runs
    o = by_origin(original["measurements"])
    e = embedded["measurements"]
    e = by_origin(e.loc[~e["source_file"].isin(HOST_FILES)])
    assert len(e) == len(o) > 0
    assert set(e["source_file"]) == set(o["source_file"])  # the original file names
    pd.testing.assert_frame_equal(e, o, check_categorical=False)


def test_power_traces_equal_row_for_row_with_the_same_origin(runs):
    original, embedded = runs
    o, e = original["power_traces"], embedded["power_traces"]
    assert len(e) == len(o) > 0
    pd.testing.assert_frame_equal(by_origin(e), by_origin(o), check_categorical=False)


def test_embedded_platform_catalogue_agrees_with_the_published_table(runs):
    original, embedded = runs
    key = ["platform", "op_mode", "datatype"]
    values = ["peak_tops", "bandwidth_gbps", "memory_gb", "power_w"]
    o = original["platforms"].fillna({"op_mode": ""})
    e = embedded["platforms"].fillna({"op_mode": ""})
    both = o.merge(e, on=key, how="left", suffixes=("_o", "_e"), indicator=True)
    assert (both["_merge"] == "both").all(), both.loc[both["_merge"] != "both", key]
    for col in values:
        # the original leaves the A53's bandwidth blank; the catalogue fills it (4.26 GB/s,
        # the board's), so a blank published value is not compared
        published = both[f"{col}_o"].notna()
        pd.testing.assert_series_equal(
            both.loc[published, f"{col}_e"], both.loc[published, f"{col}_o"], check_names=False
        )


def test_embedded_topology_catalogue_agrees_with_the_published_tables(runs):
    original, embedded = runs
    key = ["topology", "pruning_pct", "datatype"]
    both = original["topologies"].merge(
        embedded["topologies"], on=key, how="left", suffixes=("_o", "_e"), indicator=True
    )
    assert (both["_merge"] == "both").all(), both.loc[both["_merge"] != "both", key]
    for col in ("task", "top1_pct", "top5_pct", "gop_per_inference"):
        pd.testing.assert_series_equal(both[f"{col}_e"], both[f"{col}_o"], check_names=False)
    # the published weights are rounded to one or two decimals; the catalogue counts them
    # from the layer shapes (CNV, MLP) or takes them from the model's paper
    assert (both["params_m_e"] - both["params_m_o"]).abs().max() <= 0.05
