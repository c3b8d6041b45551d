"""The closing summary of a run (qutiflow.run_summary) on hand-made logs and files."""

from __future__ import annotations

from pathlib import Path

from qutiflow import run_summary

# the messages as the entry scripts write them (two tasks of analyse_measured and predict_roofline)
LOGS = {
    "validate_measurements.log": """\
INFO [validate_measurements] measurements/a.csv: 12 rows read
INFO [validate_measurements] 12 rows read, 7 with a compute latency kept
INFO [validate_measurements] dropped 4 placeholder rows with no measured value
INFO [validate_measurements] dropped 1 rows with system values but no compute latency (the original site dropped them too)
INFO [validate_measurements] every row is valid
""",
    "normalise_measurements.log": """\
INFO [normalise_measurements] 7 measured rows
INFO [normalise_measurements] gop_per_inference: 2 rows from their own file, 5 from config/op_counts.csv
INFO [normalise_measurements] 2 kept rows have no top1_pct
""",
    "plot_power_traces.log": """\
INFO [plot_power_traces] outlier dropped: fast idle sample 3, 9.0000 W (traces/a.csv:4)
INFO [plot_power_traces] 20 samples kept, 1 outliers dropped
""",
    "predict_roofline_cifar10.log": """\
INFO [predict_roofline cifar10] theoretical front: 3 points (2 predictions without a reference accuracy left out)
""",
    "predict_roofline_mnist.log": """\
INFO [predict_roofline mnist] theoretical front: 1 points (5 predictions without a reference accuracy left out)
""",
    "analyse_measured_mnist.log": """\
INFO [analyse_measured mnist] 4 configurations (best over batch sizes); 3 without accuracy left out of the front; front: 1 points
WARNING [analyse_measured mnist] no level-0 prediction for X: left out of the efficiency table
WARNING [analyse_measured mnist] 1 measured configurations have no level-0 prediction
""",
    "score_fidelity.log": """\
INFO [score_fidelity] architecture default: TX2: no array shape: no rounding
INFO [score_fidelity] architecture default: NCS2: no array shape: no rounding
WARNING [score_fidelity] no layer definition for CNV 12.5 %: unknown
""",
    "compute_rooflines.log": "WARNING [compute_rooflines] no family for Z in f.csv: shown as 'other'\n",
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


def results_with_logs(root: Path, logs: dict[str, str], *, site: bool = True) -> Path:
    (root / "logs" / "failed-run").mkdir(parents=True)
    for name, text in logs.items():
        (root / "logs" / name).write_text(text)
    # an older failed run's log is not part of the results
    (root / "logs" / "failed-run" / "validate_measurements.log").write_text(
        "INFO [validate_measurements] dropped 99 placeholder rows with no measured value\n"
        "WARNING [validate_measurements] old\n"
    )
    if site:
        (root / "site").mkdir()
        (root / "site" / "index.html").write_text("<html></html>")
    return root


def test_counts_from_hand_made_logs(tmp_path):
    summary = run_summary.summarise(results_with_logs(tmp_path / "r", LOGS), MADE)
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
    assert summary.warnings == [
        "WARNING [analyse_measured mnist] no level-0 prediction for X: left out of the efficiency table",
        "WARNING [analyse_measured mnist] 1 measured configurations have no level-0 prediction",
        "WARNING [compute_rooflines] no family for Z in f.csv: shown as 'other'",
        "WARNING [score_fidelity] no layer definition for CNV 12.5 %: unknown",
    ]
    assert summary.site_index is True  # results_with_logs wrote site/index.html


def test_lines_end_with_the_site_to_open(tmp_path):
    results = results_with_logs(tmp_path / "r", LOGS)
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


def test_a_count_no_log_states_is_left_out_and_no_site_no_open_line(tmp_path):
    logs = {
        "validate_measurements.log": LOGS["validate_measurements.log"],
        # a log of another rule that happens to say the same is not counted
        "measure_host.log": "INFO [measure_host] dropped 7 placeholder rows with no measured value\n",
    }
    results = results_with_logs(tmp_path / "r", logs, site=False)
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
