"""The console of a run on the tiny fixtures: profiles/default (loaded by Snakemake itself),
one line per job from the logger plugin snakemake_logger_plugin_qutiflow, the closing summary of qutiflow.run_summary, a
failed job's rule, log and message, and Snakemake's full output on request."""

from __future__ import annotations

import re
import shutil
import socket

import pytest
from conftest import TINY, planned_jobs
from conftest import tiny as run

pytestmark = pytest.mark.workflow


def file_lists(text: str, results) -> list[str]:
    """Lines that name an output file of the run (what Snakemake's job blocks list, whatever
    their wording), but for the closing line's site to open."""
    output = re.compile(rf"{re.escape(str(results))}/\S+\.(?:parquet|json|svg|png|html|js|css)\b")
    return [line for line in text.splitlines() if output.search(line) and not line.startswith("open ")]


@pytest.fixture
def first_run(tiny_run):
    """The session's first run of the tiny fixtures (tests/conftest.py) and what it printed."""
    return tiny_run.results, tiny_run.proc


def test_a_run_prints_a_short_line_per_job_and_no_file_lists(first_run):
    results, proc = first_run
    text = proc.stdout + proc.stderr
    lines = text.splitlines()
    # each job writes a record but `all` and the run's audit (audit_run), which follow them
    jobs = len(list((results / "provenance").glob("*.json"))) + 2
    assert jobs > 20
    assert len(lines) <= 8 * jobs + 40, "\n".join(lines)
    assert not file_lists(text, results), file_lists(text, results)[:5]
    assert "workflow_scripts/qutiflow/io.py" not in text
    assert socket.gethostname() not in text  # no host header
    started = [line for line in lines if line.startswith("Started jobid: ")]
    assert len(started) == jobs
    assert any(line.endswith("(Rule: predict_roofline, task=mnist)") for line in started)
    assert any(line.endswith("(Rule: validate_measurements)") for line in started)
    # the steps' counts go to their logs, their warnings to the console as well
    assert not [line for line in lines if line.startswith("INFO [")]
    assert "dropped 1 placeholder rows" in (results / "logs/validate_measurements.log").read_text()
    warnings = [
        w
        for log in sorted((results / "logs").glob("*.log"))
        for w in log.read_text().splitlines()
        if w.startswith("WARNING")
    ]
    assert warnings and all(w in lines for w in warnings)


def test_a_run_ends_with_what_it_built_and_the_site_to_open(first_run):
    results, proc = first_run
    lines = proc.stderr.rstrip("\n").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("qutiflow: done"))
    end = next(i for i, line in enumerate(lines) if line.startswith("open "))
    assert lines[end] == f"open {results}/site/index.html"  # the summary's last line
    summary = lines[start : end + 1]
    tables = [p for p in results.rglob("*.parquet") if "site" not in p.relative_to(results).parts]
    figures = list(results.glob("*/figures/*.vl.json"))
    pages = list(results.glob("site/*.html"))
    assert f": {len(tables)} tables, {len(figures)} figures, {len(pages)} site pages" in summary[0]
    # by hand: per task 3 theory + 10 measured figures, 4 across tasks, ImageNet's power
    # trace, 3 of prediction fidelity; the pages: index, one per task, theoretical,
    # fidelity, raw measurements, overview
    assert len(figures) == 3 * (3 + 10) + 4 + 1 + 3 and len(pages) == 1 + 3 + 4
    # the tiny master table: one placeholder row, six rows without their own op count
    assert "    validate_measurements: 1 placeholder measurement rows dropped (no measured value)" in summary
    assert (
        "    normalise_measurements: 6 op counts (GOP per inference) filled from the op-count table"
    ) in summary
    warnings = sum(
        line.startswith("WARNING")
        for log in (results / "logs").glob("*.log")
        for line in log.read_text().splitlines()
    )
    assert any(
        line.startswith(f"  warnings: {warnings} in the step logs in {results}/logs") for line in summary
    )


def test_a_failed_run_names_the_job_its_log_and_that_nothing_changed(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(TINY, raw)
    with open(raw / "measurements/bench_master.csv", "a") as fh:
        fh.write("CNV,ZCU999,INT2,,1,,0.3,,3000,,,84.29,,,,12.5,,50%,l3,30.7,19.2,0.12\n")
    results = tmp_path / "results"
    proc = run(raw, results, "--show-failed-logs", check=False)
    assert proc.returncode != 0
    lines = proc.stderr.splitlines()
    assert any(line.startswith("Error in rule validate_measurements, jobid ") for line in lines)
    log = results / "logs/failed-run/validate_measurements.log"
    assert f"    log: {log} (check it for the error's details)" in lines
    assert "ZCU999" in log.read_text()
    # --show-failed-logs: the log's text under its path at the time the job failed
    shown = lines.index(f"    {results}/logs/validate_measurements.log:")
    assert any("'ZCU999'" in line for line in lines[shown : shown + 20])
    assert "unknown platform name" in proc.stderr  # the script's own message
    assert (
        f"qutiflow: the run failed and nothing under {results} changed: results restored to the last good run"
    ) in proc.stderr
    assert "(errors in validate_measurements.log)" in proc.stderr
    assert not (results / "validated").exists()


def test_dry_run_lists_the_jobs_in_short(tmp_path):
    results = tmp_path / "results"
    proc = run(TINY, results, "-n")
    jobs = planned_jobs(proc)  # the plugin's "Would run jobid" lines
    assert jobs["predict_roofline"] == 3 and jobs["all"] == 1
    assert not file_lists(proc.stdout + proc.stderr, results)


def test_full_output_without_the_default_profile(tmp_path):
    results = tmp_path / "results"
    proc = run(TINY, results, "-n", "--workflow-profile", "none")
    text = proc.stdout + proc.stderr
    assert file_lists(text, results)  # Snakemake's own job blocks, listing the files
    assert not planned_jobs(proc)  # and no line of the plugin
