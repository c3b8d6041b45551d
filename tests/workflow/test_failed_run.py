"""Nothing silently wrong, nothing lost: bad raw data is refused before any job, a failed run
leaves the last good results byte for byte (and auditable), and an input restored with an
old time stamp but other bytes is rebuilt."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import audit, planned_jobs
from conftest import tiny as run
from qutiflow.io import read_parquet

pytestmark = pytest.mark.workflow


def audit_all(results: Path) -> subprocess.CompletedProcess:
    """The README's audit command on a results folder."""
    return audit("--all", "--results", str(results))


def artifacts(results: Path) -> dict[str, bytes]:
    """Every file of the results but the logs, by relative path."""
    return {
        p.relative_to(results).as_posix(): p.read_bytes()
        for p in sorted(results.rglob("*"))
        if p.is_file() and p.relative_to(results).parts[0] != "logs"
    }


@pytest.fixture
def built(tiny_raw: Path, tmp_path: Path):
    results = tmp_path / "results"
    run(tiny_raw, results)
    return tiny_raw, results


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda tmp: tmp / "nonexistent", "does not exist"),
        (lambda tmp: (tmp / "a-file").write_text("x") and tmp / "a-file", "is not a folder"),
        (
            lambda tmp: (tmp / "empty").mkdir() or tmp / "empty",
            "inputs.measurements: 'measurements/*.csv' matches no file",
        ),
    ],
)
def test_bad_data_folder_is_refused_before_any_job(tmp_path, make, expected):
    raw = make(tmp_path)
    results = tmp_path / "results"
    proc = run(raw, results, check=False)
    assert proc.returncode != 0
    assert expected in proc.stderr and str(raw) in proc.stderr
    assert not results.exists()  # refused before any job: nothing made, nothing removed


@pytest.mark.parametrize(
    "make, why",
    [
        (lambda p: os.symlink(p.name, p), "is a dangling symbolic link or a link loop"),
        (lambda p: os.symlink("gone.csv", p), "is a dangling symbolic link or a link loop"),
        (lambda p: p.mkdir(), "is a folder, not a file"),
    ],
)
def test_unreadable_glob_hit_is_an_error_naming_the_path(tiny_raw, tmp_path, make, why):
    bad = tiny_raw / "measurements/zz.csv"
    make(bad)
    proc = run(tiny_raw, tmp_path / "results", check=False)
    assert proc.returncode != 0
    assert f"'{bad}' (matched by 'measurements/*.csv') {why}" in proc.stderr


def test_missing_data_folder_leaves_the_last_good_results(tiny_clone, tmp_path):
    """The reproduction: raw_data=/nonexistent on the results of a good run exited 0 and
    emptied the measurement tables."""
    raw, results = tiny_clone
    before = artifacts(results)
    proc = run(tmp_path / "nonexistent", results, check=False)
    assert proc.returncode != 0
    assert f"the data folder '{tmp_path / 'nonexistent'}' does not exist" in proc.stderr
    assert artifacts(results) == before
    assert audit_all(results).returncode == 0


def test_failed_run_keeps_the_last_good_results_then_content_change_is_rebuilt(built):
    raw, results = built
    before = artifacts(results)
    assert len(read_parquet(results / "validated/measurements.parquet")) == 7
    # a bad file joins the measurements: validation fails
    (raw / "measurements/zz_bad.csv").write_text(
        (raw / "measurements/bench_master.csv").read_text().splitlines()[0] + "\n"
        "CNV,ZCU999,INT2,,1,,0.3,,3000,,,84.29,,,,12.5,,50%,l3,30.7,19.2,0.12\n"
    )
    proc = run(raw, results, check=False)
    assert proc.returncode != 0
    assert "measurements/zz_bad.csv" in proc.stderr and "'ZCU999'" in proc.stderr
    assert "results restored to the last good run" in proc.stderr
    # every table, figure, page and record as it was, and still auditable
    assert artifacts(results) == before
    check = audit_all(results)
    assert check.returncode == 0, check.stderr
    failed_log = (results / "logs/failed-run/validate_measurements.log").read_text()
    assert "ZCU999" in failed_log
    assert not list(results.rglob("*.tmp")) and not (results / ".rollback").exists()

    # the bad file goes; a value changes under an old time stamp (cp -p, rsync -a)
    (raw / "measurements/zz_bad.csv").unlink()
    master = raw / "measurements/bench_master.csv"
    old = os.stat(master)
    text = master.read_text()
    assert ",0.5,0.27,2000," in text
    master.write_text(text.replace(",0.5,0.27,2000,", ",0.5,0.29,2000,"))
    os.utime(master, ns=(old.st_atime_ns, old.st_mtime_ns - 10**12))
    assert "validate_measurements" in planned_jobs(run(raw, results, "-n"))
    run(raw, results)
    m = read_parquet(results / "validated/measurements.parquet")
    assert sorted(m["latency_compute_ms"].round(3))[:2] == [0.29, 0.366]
    assert audit_all(results).returncode == 0
    assert not (results / "logs/failed-run").exists()
    assert planned_jobs(run(raw, results, "-n")) == {}


def test_results_restored_from_a_backup_after_a_failed_run_are_rebuilt(built, tmp_path):
    """Reproduction: a run fails on a bad value; results/ is put back from a backup (cp -a);
    the next run had nothing to do and exited 0 while the bad file was still there:
    Snakemake had kept the failed job's record, with the bad file's checksum."""
    raw, results = built
    backup = tmp_path / "backup"
    subprocess.run(["cp", "-a", str(results), str(backup)], check=True)
    master = raw / "measurements/bench_master.csv"
    good = master.read_text()
    master.write_text(good.replace(",0.5,0.27,2000,", ",0.5,-0.27,2000,"))
    assert run(raw, results, check=False).returncode != 0

    def restore_backup():
        subprocess.run(["rm", "-rf", str(results)], check=True)
        subprocess.run(["cp", "-a", str(backup), str(results)], check=True)

    restore_backup()
    failed = audit_all(results)
    assert failed.returncode == 1
    assert "measurements/bench_master.csv: input of validate_measurements changed" in failed.stderr
    proc = run(raw, results, check=False)
    assert proc.returncode != 0, "a run on the bad file passed as up to date"
    assert "-0.27" in proc.stderr and "bench_master.csv" in proc.stderr
    # the file fixed, the same restore: the run rebuilds from the good data and passes
    master.write_text(good)
    restore_backup()
    run(raw, results)
    assert audit_all(results).returncode == 0
    assert planned_jobs(run(raw, results, "-n")) == {}


def test_probable_slips_are_warnings_naming_file_and_line(tiny_raw, tmp_path):
    """Reproduction: each of these passed with "warnings: none"."""
    header = (tiny_raw / "measurements/bench_master.csv").read_text().splitlines()[0]
    (tiny_raw / "measurements/slips.csv").write_text(
        f"{header}\n"
        # bench_master.csv:2 measured the same configuration at 0.27 ms
        "CNV,ZCU104-FINN,INT2,,1,,0.9,,1111.1,,,84.29,,,,12.5,,50%,l3,30.7,19.2,0.12\n"
        'CNV,ZCU104-FINN,INT2,,16,,"1,250",,12.8,,,84.29,,,,12.5,,50%,l3,30.7,19.2,0.12\n'
        "CNV,ZCU104-FINN,INT2,,32,,0.01,,3200,,,0.8429,,,,12.5,,50%,l3,30.7,19.2,0.12\n"
        "CNV,ZCU104-FINN,INT2,,64,,0.1,,640000,,,84.29,,,,12.5,,50%,l3,30.7,19.2,0.12\n"
    )
    proc = run(tiny_raw, tmp_path / "results")
    warned = [line.split("] ", 1)[-1] for line in proc.stderr.splitlines() if line.startswith("WARNING [")]
    slips = "measurements/slips.csv"
    for expected in [
        f"{slips}:2: latency_compute_ms '0.9': the same configuration is measured from 0.27 to 0.9 (3.3× apart)",
        "measurements/bench_master.csv:2: latency_compute_ms '0.27': the same configuration is measured",
        f"{slips}:3: lat-comp '1,250': read as 1250, with the comma as a thousands separator",
        # 32 × 1000 / 0.01 ms = 3.2e6 fps implied, 3200 given
        f"{slips}:4: latency_compute_ms, throughput_compute_fps '0.01 ms, 3200 fps': at batch 32 they"
        " imply 3.2e+06 fps, 1000× apart",
        f"{slips}:4: top1_pct '0.8429': an accuracy of at most 1 %: a fraction?",
        # 640000 fps × 0.118922752 GOP = 76111 GOP/s against 30.7 TOP/s: 2.48×
        f"{slips}:5: perf_compute_gops '7.611e+04': 2.5× the platform's peak of 30.7 TOP/s",
    ]:
        assert any(w.startswith(expected) for w in warned), expected
    summary = proc.stderr[proc.stderr.index("qutiflow: done") :]
    assert "warnings: none" not in summary and "measurements/slips.csv:" in summary


def test_a_hand_edited_table_is_named_with_the_command_that_rebuilds_it(built):
    """Reproduction: a Parquet edited in results failed the audit of every later run with
    "rerun the pipeline", which does not rebuild it (Snakemake sees an output newer than
    its inputs). The message now gives a command, and that command works."""
    import pyarrow.parquet as pq

    raw, results = built
    table = results / "validated/measurements.parquet"
    edited = pq.read_table(table).to_pandas()
    edited.loc[0, "latency_compute_ms"] *= 3
    edited.to_parquet(table)  # the next run feeds it to the jobs downstream, then audits them
    proc = run(raw, results, check=False)
    assert proc.returncode != 0
    command = f"snakemake --cores 1 --forcerun {table}"
    assert "results/validated/measurements.parquet was changed after it was made" in proc.stderr
    assert f"rebuild it with `{command}`" in proc.stderr
    check = audit_all(results)
    assert check.returncode == 1 and f"rebuild it with `{command}`" in check.stderr
    run(raw, results, *command.split()[3:])  # the command, with the run's own config options
    assert audit_all(results).returncode == 0
    assert planned_jobs(run(raw, results, "-n")) == {}
