"""An edit to one task's measurements reruns that task's jobs (and the cross-task ones: the
fidelity scores and the site), never the other tasks'. normalise_measurements is a checkpoint
that writes one table per task; Snakemake compares the checksum of each task's table with
the one it recorded and leaves the unchanged tasks alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import tiny as run

pytestmark = pytest.mark.workflow
TASKS = ("imagenet", "cifar10", "mnist")


def stamps(results: Path, task: str) -> dict[str, int]:
    """Modification time of every table, figure spec and provenance record of one task."""
    files = [
        *(results / task).glob("*.parquet"),
        *(results / task / "tables").glob("*.parquet"),
        *(results / task / "figures").glob("*.vl.json"),
        *(
            results / "provenance" / f"{rule}-{task}.json"
            for rule in ("select_task_measurements", "analyse_measured", "plot_measured")
        ),
    ]
    assert all(f.is_file() for f in files), [str(f) for f in files if not f.is_file()]
    return {str(f.relative_to(results)): f.stat().st_mtime_ns for f in files}


def test_editing_one_mnist_row_reruns_mnist_only(tiny_raw: Path, tmp_path: Path):
    results = tmp_path / "results"
    run(tiny_raw, results)
    before = {task: stamps(results, task) for task in TASKS}
    rows = {t: (results / "normalised" / "measurements" / f"{t}.parquet").read_bytes() for t in TASKS}
    site = (results / "site" / "index.html").stat().st_mtime_ns

    master = tiny_raw / "measurements" / "bench_master.csv"
    text = master.read_text()
    row = 'MLP,TX2,FP16,maxn,4,"1,234.5",2.0,'  # the only MNIST row with a compute latency
    assert text.count(row) == 1
    master.write_text(text.replace(row, 'MLP,TX2,FP16,maxn,4,"1,234.5",2.5,'))
    run(tiny_raw, results)

    after = {task: stamps(results, task) for task in TASKS}
    # the checkpoint rewrote every task's table, byte-identical where the task did not change
    for task in ("imagenet", "cifar10"):
        assert (results / "normalised" / "measurements" / f"{task}.parquet").read_bytes() == rows[task]
    assert after["imagenet"] == before["imagenet"]
    assert after["cifar10"] == before["cifar10"]
    changed = [name for name, t in after["mnist"].items() if t != before["mnist"][name]]
    assert "mnist/measurements.parquet" in changed
    assert {
        f"provenance/{rule}-mnist.json"
        for rule in ("select_task_measurements", "analyse_measured", "plot_measured")
    } <= set(changed)
    assert (results / "site" / "index.html").stat().st_mtime_ns != site
    # the edit reached the task's table
    from qutiflow.io import read_parquet

    mnist = read_parquet(results / "mnist" / "measurements.parquet")
    assert mnist["latency_compute_ms"].tolist() == [2.5]
