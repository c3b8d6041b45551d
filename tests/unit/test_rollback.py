"""A run as a transaction over the results folder (qutiflow.rollback), on a hand-made folder."""

from __future__ import annotations

import os
from pathlib import Path

from qutiflow import rollback


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and rollback.FOLDER not in p.parts and "failed-run" not in p.parts
    }


def replace(path: Path, data: bytes) -> None:
    """What Snakemake and the writers do: unlink the old output, write a new file."""
    path.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def good_results(root: Path) -> dict[str, bytes]:
    for rel, data in {
        "validated/m.parquet": b"good table",
        "a/figures/f.svg": b"<svg/>",
        "logs/validate.log": b"INFO ok\n",
        "provenance/v.json": b"{}",
    }.items():
        replace(root / rel, data)
    return tree(root)


def test_restore_puts_back_removed_and_replaced_files_and_drops_new_ones(tmp_path):
    results = tmp_path / "results"
    before = good_results(results)
    untouched = (1_700_000_000_123_456_789, 1_700_000_001_987_654_321)  # its (atime, mtime)
    os.utime(results / "provenance/v.json", ns=untouched)
    assert rollback.begin(results) == 4
    (results / "validated/m.parquet").unlink()  # Snakemake before the failed job
    replace(results / "a/figures/f.svg", b"<svg>new</svg>")  # a job that succeeded
    replace(results / "new/table.parquet", b"made by the failed run")
    replace(results / "logs/validate.log", b"ERROR bad line 7\n")
    assert sorted(rollback.changed(results)) == ["a/figures/f.svg", "logs/validate.log", "new/table.parquet"]
    done = rollback.restore(results)
    assert tree(results) == before
    assert sorted(done.restored) == ["a/figures/f.svg", "logs/validate.log", "validated/m.parquet"]
    assert done.removed == ["new/table.parquet"] and done.lost == []
    assert not (results / "new").exists()
    # the failed run's logs are kept beside the restored ones
    assert (results / "logs/failed-run/validate.log").read_bytes() == b"ERROR bad line 7\n"
    # restored files are older than any input, so the next run redoes those jobs
    assert os.stat(results / "validated/m.parquet").st_mtime == 0
    assert os.stat(results / "provenance/v.json").st_mtime_ns == untouched[1]  # untouched: kept
    assert not rollback.pending(results)


def test_commit_drops_the_snapshot_and_stale_failed_logs(tmp_path):
    results = tmp_path / "results"
    good_results(results)
    rollback.begin(results)
    replace(results / "validated/m.parquet", b"newer good table")
    (results / "logs/failed-run").mkdir()
    rollback.commit(results)
    assert not (results / rollback.FOLDER).exists() and not (results / "logs/failed-run").exists()
    assert (results / "validated/m.parquet").read_bytes() == b"newer good table"
    assert rollback.restore(results) is None


def test_a_killed_runs_snapshot_stays_the_last_good_state(tmp_path):
    results = tmp_path / "results"
    before = good_results(results)
    rollback.begin(results)
    replace(results / "validated/m.parquet", b"half of a killed run")  # then kill -9: no hook
    assert rollback.pending(results)
    rollback.begin(results)  # the next run keeps the earlier snapshot
    replace(results / "a/figures/f.svg", b"second run")
    rollback.restore(results)  # ... and fails
    assert tree(results) == before


def test_a_file_written_in_place_is_reported_not_silently_kept(tmp_path):
    results = tmp_path / "results"
    good_results(results)
    rollback.begin(results)
    with open(results / "a/figures/f.svg", "r+b") as fh:  # through the hard link
        fh.write(b"<SVG")
    done = rollback.restore(results)
    assert done.lost == ["a/figures/f.svg"]
    assert "could not be restored: a/figures/f.svg" in done.summary(results)


def test_first_run_that_fails_leaves_no_partial_results(tmp_path):
    results = tmp_path / "results"
    rollback.begin(results)
    replace(results / "normalised/platforms.parquet", b"made before the failure")
    rollback.restore(results)
    assert tree(results) == {}
