"""Provenance on the tiny fixtures: identical records across runs, the audit passing on a
fresh run and failing after each kind of tampering, and the Snakemake report."""

from __future__ import annotations

import zipfile

import pytest
from conftest import REPO, audit, planned_jobs
from conftest import tiny as run
from qutiflow.provenance.files import sha256_file
from qutiflow.provenance.store import index as record_index
from qutiflow.provenance.tagging import png_id, svg_id

pytestmark = pytest.mark.workflow


@pytest.fixture
def two_runs(tiny_run, tiny_rerun):
    """The session's two independent runs of the same tiny inputs (tests/conftest.py)."""
    return tiny_run.raw, tiny_run.results, tiny_rerun.results


@pytest.fixture
def fresh(tiny_run, restoring):
    """The session's run, its files to be changed through `restore` (given back after)."""
    return tiny_run.raw, tiny_run.results, restoring


def test_records_are_identical_across_two_runs(two_runs):
    _, a, b = two_runs
    names = sorted(p.name for p in (a / "provenance").glob("*.json"))
    assert "plot_measured-mnist.json" in names and "select_task_measurements-imagenet.json" in names
    assert names == sorted(p.name for p in (b / "provenance").glob("*.json"))
    for name in names:
        assert (a / "provenance" / name).read_bytes() == (b / "provenance" / name).read_bytes(), name
    # and so are the figures that carry their ids
    for fig in ("imagenet/figures/efficiency.svg", "all/figures/roofline.png"):
        assert (a / fig).read_bytes() == (b / fig).read_bytes()
    # and the run's RO-Crate, written from them
    assert (a / "ro-crate-metadata.json").read_bytes() == (b / "ro-crate-metadata.json").read_bytes()


def test_every_output_has_a_record_and_figures_carry_its_id(two_runs):
    _, a, _ = two_runs
    index = record_index(a)
    record = index["results/mnist/figures/latency_throughput.svg"]
    assert record["rule"] == "plot_measured" and record["wildcards"] == {"task": "mnist"}
    svg = (a / "mnist/figures/latency_throughput.svg").read_text()
    png = (a / "mnist/figures/latency_throughput.png").read_bytes()
    assert svg_id(svg) == record["id"] == png_id(png)
    inputs = {e["path"] for e in record["inputs"]}
    assert "results/mnist/measurements.parquet" in inputs
    assert all(
        e["sha256"] == sha256_file(a / e["path"][len("results/") :])
        for e in record["inputs"]
        if e["path"].startswith("results/")
    )
    raw_record = index["results/validated/measurements.parquet"]
    assert any(e["path"].startswith("raw_data/measurements/") for e in raw_record["inputs"])
    assert raw_record["git"]["commit"] and len(raw_record["git"]["commit"]) == 40


def test_audit_prints_the_lineage_down_to_raw_files(two_runs):
    _, a, _ = two_runs
    proc = audit(str(a / "imagenet/figures/efficiency.svg"))
    assert proc.returncode == 0, proc.stderr
    assert "results/imagenet/efficiency.parquet" in proc.stdout
    assert "results/normalised/measurements/imagenet.parquet" in proc.stdout
    assert "raw_data/measurements/" in proc.stdout and "(raw input)" in proc.stdout
    assert "config/aliases.csv" in proc.stdout
    proc = audit("--all", "--results", str(a))
    assert proc.returncode == 0, proc.stderr
    assert "every hash matches" in proc.stdout


def test_audit_fails_after_an_input_changed(fresh):
    raw, results, restore = fresh
    platforms = restore(raw / "platforms.csv")
    platforms.write_text(platforms.read_text() + "\n")
    proc = audit(str(results / "imagenet/figures/roofline.svg"))
    assert proc.returncode == 1
    assert "AUDIT FAILED: raw_data/platforms.csv: input of validate_platforms changed" in proc.stderr
    assert audit("--all", "--results", str(results)).returncode == 1


def test_audit_fails_after_a_figure_was_edited(fresh):
    _, results, restore = fresh
    svg = restore(results / "cifar10/figures/efficiency.svg")
    svg.write_text(svg.read_text().replace("Efficiency", "Efficiency (edited)", 1))
    proc = audit(str(svg))
    assert proc.returncode == 1
    assert "results/cifar10/figures/efficiency.svg was changed after it was made" in proc.stderr


def test_audit_fails_when_a_record_is_missing(fresh):
    _, results, restore = fresh
    restore(results / "provenance/analyse_measured-mnist.json").unlink()
    proc = audit(str(results / "mnist/figures/design_pareto.vl.json"))
    assert proc.returncode == 1
    assert (
        "results/mnist/efficiency.parquet: no provenance record" in proc.stderr
        or "results/mnist/measurements.parquet: no provenance record" in proc.stderr
    )


def test_audit_target_and_report(two_runs, tmp_path):
    raw, a, _ = two_runs
    proc = run(raw, a, "audit")
    assert "audit passed" in proc.stdout + proc.stderr
    report = tmp_path / "report.zip"
    run(raw, a, "--report", str(report))
    with zipfile.ZipFile(report) as z:
        names = z.namelist()
        html = z.read(next(n for n in names if n.endswith("report.html"))).decode()
    assert sum(n.endswith(".svg") for n in names) >= 30
    # each figure's caption file is shown (its first words: the report may re-wrap the rest)
    captions = [
        " ".join((REPO / "report/captions" / f"{name}.rst").read_text().split()[:4])
        for name in ("roofline", "efficiency")
    ]
    for text in ("Theoretical analysis", "Pareto fronts", "Power and energy", "imagenet", *captions):
        assert text in html, text


@pytest.mark.parametrize(
    "rel, rule",
    [
        ("provenance/plot_theory.json", "plot_theory"),  # a job's record: a declared output
        ("provenance/predict_roofline-mnist.json", "predict_roofline"),
        ("validated/platforms.parquet", "validate_platforms"),
        ("mnist/figures/roofline.svg", "plot_theory"),
        ("site/fidelity.html", "build_site"),
    ],
)
def test_a_deleted_result_is_rebuilt(tiny_clone, rel, rule):
    (tiny_clone.results / rel).unlink()
    assert rule in planned_jobs(tiny_clone.snakemake("-n"))
