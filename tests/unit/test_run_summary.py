"""The closing summary of a run (qutiflow.run_summary) on hand-made records and files."""

from __future__ import annotations

import json
from pathlib import Path

from qutiflow import run_summary

# what the jobs' records hold (two tasks of analyse_measured and predict_roofline), as
# qutiflow.logs.tally and the warnings of the job's log put them there
JOBS = {
    "validate_measurements": (
        [
            ("placeholder measurement rows dropped (no measured value)", 4),
            ("measurement rows dropped (system values but no compute latency)", 1),
        ],
        [],
    ),
    "normalise_measurements": ([("op counts (GOP per inference) filled from the op-count table", 5)], []),
    "plot_power_traces": ([("power-trace outliers dropped", 1)], []),
    "predict_roofline-cifar10": (
        [("predictions without a reference accuracy left out of the theoretical fronts", 2)],
        [],
    ),
    "predict_roofline-mnist": (
        [("predictions without a reference accuracy left out of the theoretical fronts", 5)],
        [],
    ),
    "analyse_measured-mnist": (
        [("configurations without accuracy left out of the measured fronts", 3)],
        [
            "WARNING [analyse_measured mnist] no level-0 prediction for X: left out of the efficiency table",
            "WARNING [analyse_measured mnist] 1 measured configurations have no level-0 prediction",
        ],
    ),
    "score_fidelity": (
        [("architecture defaults filled in for the level-1 model", 2)],
        ["WARNING [score_fidelity] no layer definition for CNV 12.5 %: unknown"],
    ),
    "compute_rooflines": ([], ["WARNING [compute_rooflines] no family for Z in f.csv: shown as 'other'"]),
}


MADE = [
    "validated/measurements.parquet",
    "normalised/measurements.parquet",
    "cifar10/tables/overview.parquet",
    "cifar10/figures/efficiency.html",
    "cifar10/figures/roofline.vl.json",
    "cifar10/figures/roofline.svg",
    "cifar10/figures/roofline.png",
    "cifar10/figures/roofline.html",
    "all/figures/platforms.vl.json",
    "fidelity/figures/fidelity_error.vl.json",
    "site/index.html",
    "site/cifar10.html",
    "site/style.css",
    "site/data/cifar10_measurements.parquet",
    "site/data/cifar10_measurements.csv",
    "logs/validate_measurements.log",
    "provenance/validate_measurements.json",
]


def results_with_records(root: Path, jobs: dict, *, site: bool = True) -> Path:
    """A results folder with a record per job (name → counts, warnings); its step logs say
    other numbers, which the summary does not read."""
    (root / "provenance").mkdir(parents=True)
    (root / "logs").mkdir()
    for name, (counts, warnings) in jobs.items():
        rule, _, task = name.partition("-")
        record = {
            "id": "0" * 64,
            "rule": rule,
            "wildcards": {"task": task} if task else {},
            "inputs": [],
            "code": [],
            "outputs": [],
            "counts": [{"what": what, "n": n} for what, n in counts],
            "warnings": warnings,
        }
        (root / "provenance" / f"{name}.json").write_text(json.dumps(record))
        (root / "logs" / f"{rule}.log").write_text(
            f"INFO [{rule}] dropped 99 placeholder rows\nWARNING [{rule}] old\n"
        )
    if site:
        (root / "site").mkdir()
        (root / "site" / "index.html").write_text("<html></html>")
    return root


def test_counts_from_the_records(tmp_path):
    summary = run_summary.summarise(results_with_records(tmp_path / "r", JOBS), MADE)
    assert (summary.files, summary.tables, summary.figures, summary.pages) == (17, 3, 3, 2)
    counts = {(c.rule, c.what.split(" (")[0]): c.n for c in summary.counts}
    assert counts == {
        ("validate_measurements", "placeholder measurement rows dropped"): 4,
        ("validate_measurements", "measurement rows dropped"): 1,
        ("normalise_measurements", "op counts"): 5,
        ("plot_power_traces", "power-trace outliers dropped"): 1,
        (
            "predict_roofline",
            "predictions without a reference accuracy left out of the theoretical fronts",
        ): 7,
        ("analyse_measured", "configurations without accuracy left out of the measured fronts"): 3,
        ("score_fidelity", "architecture defaults filled in for the level-1 model"): 2,
    }
    assert summary.warnings == [  # by record file name, then in the order logged
        "WARNING [analyse_measured mnist] no level-0 prediction for X: left out of the efficiency table",
        "WARNING [analyse_measured mnist] 1 measured configurations have no level-0 prediction",
        "WARNING [compute_rooflines] no family for Z in f.csv: shown as 'other'",
        "WARNING [score_fidelity] no layer definition for CNV 12.5 %: unknown",
    ]
    assert summary.site_index is True  # results_with_records wrote site/index.html


def test_lines_end_with_the_site_to_open(tmp_path):
    results = results_with_records(tmp_path / "r", JOBS)
    lines = run_summary.success_lines(run_summary.summarise(results, MADE), "out/run")
    assert lines[0] == (
        "qutiflow: done; this run wrote 17 files under out/run: 3 tables, 3 figures, 2 site pages"
    )
    assert "    validate_measurements: 4 placeholder measurement rows dropped (no measured value)" in lines
    assert (
        "    normalise_measurements: 5 op counts (GOP per inference) filled from the op-count table" in lines
    )
    assert "  warnings: 4 in the step logs in out/run/logs; the first 3:" in lines
    assert "    WARNING [compute_rooflines] no family for Z in f.csv: shown as 'other'" in lines
    assert "    WARNING [score_fidelity] no layer definition for CNV 12.5 %: unknown" not in lines
    assert lines[-1] == "open out/run/site/index.html"
    assert len(lines) == 1 + 1 + 7 + 1 + 3 + 1


def test_only_what_the_records_count_and_no_site_no_open_line(tmp_path):
    jobs = {"validate_measurements": JOBS["validate_measurements"], "measure_host": ([], [])}
    results = results_with_records(tmp_path / "r", jobs, site=False)
    summary = run_summary.summarise(results, [])
    assert [(c.rule, c.n) for c in summary.counts] == [
        ("validate_measurements", 4),
        ("validate_measurements", 1),
    ]
    lines = run_summary.success_lines(summary, "r")
    assert lines[0].startswith("qutiflow: done; this run wrote 0 files under r: 0 tables")
    assert lines[-1] == "  warnings: none"
    assert not any(line.startswith("open ") for line in lines)


def test_no_logs_at_all(tmp_path):
    summary = run_summary.summarise(tmp_path / "nothing", ["a.parquet"])
    assert summary.counts == [] and summary.warnings == [] and not summary.site_index
    assert summary.tables == 1


def test_failure_line_names_the_logs_with_errors(tmp_path):
    failed = tmp_path / "logs" / "failed-run"
    failed.mkdir(parents=True)
    (failed / "validate_measurements.log").write_text("INFO [v] read\nERROR [v] 1 input problem:\n")
    (failed / "validate_platforms.log").write_text("INFO [p] fine\n")
    errors = run_summary.failed_logs(failed)
    assert errors == ["validate_measurements.log"]
    line = run_summary.failure_line(
        "out", "results restored to the last good run: 2 files put back", nothing_lost=True, errors=errors
    )
    assert line.startswith(
        "qutiflow: the run failed and nothing under out changed: results restored to the last good run"
    )
    assert line.endswith("(errors in validate_measurements.log)")
    lost = run_summary.failure_line(
        "out", "…; 1 files had been changed in place", nothing_lost=False, errors=[]
    )
    assert lost == "qutiflow: the run failed; …; 1 files had been changed in place"
