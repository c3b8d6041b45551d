"""Results that their own provenance records show out of date (qutiflow.freshness): the
workflow rebuilds them whatever Snakemake's records say."""

from __future__ import annotations

import json
import os

import pytest
from conftest import REPO
from helpers import sha
from qutiflow.freshness import Stale, stale_outputs

CODE = "workflow_scripts/qutiflow/__init__.py"


@pytest.fixture
def made(tmp_path):
    """A raw file, a code file in the repository, and one job's output with its record."""
    raw, results = tmp_path / "raw", tmp_path / "results"
    (raw / "measurements").mkdir(parents=True)
    (raw / "measurements/a.csv").write_bytes(b"a\n")
    (results / "provenance").mkdir(parents=True)
    (results / "validated").mkdir()
    (results / "validated/m.parquet").write_bytes(b"table")
    record = {
        "rule": "validate_measurements",
        "inputs": [
            {"path": "raw_data/measurements/a.csv", "sha256": sha(b"a\n")},
            {"path": "results/other.parquet", "sha256": "not checked here"},
        ],
        "code": [{"path": CODE, "sha256": sha((REPO / CODE).read_bytes())}],
        "outputs": [{"path": "results/validated/m.parquet", "sha256": sha(b"table")}],
    }
    (results / "provenance/validate_measurements.json").write_text(json.dumps(record))
    os.utime(results / "validated/m.parquet", ns=(10**18, 10**18))
    os.utime(results / "provenance/validate_measurements.json", ns=(15 * 10**17, 15 * 10**17))
    return raw, results


def stale(raw, results, files=None):
    files = [str(raw / "measurements/a.csv")] if files is None else files
    return stale_outputs(results, raw, {"validate_measurements": files})


def test_results_that_match_their_record_are_fresh(made):
    assert stale(*made) == []


def test_a_raw_file_with_other_bytes_makes_its_outputs_stale(made):
    raw, results = made
    (raw / "measurements/a.csv").write_bytes(b"b\n")
    old, new = sha(b"a\n")[:12], sha(b"b\n")[:12]
    assert stale(raw, results) == [
        Stale(
            "results/validated/m.parquet",
            f"made from other files (raw_data/measurements/a.csv: recorded sha256 {old}, now {new})",
        )
    ]


def test_a_raw_file_removed_or_added_makes_its_outputs_stale(made):
    raw, results = made
    (raw / "measurements/z.csv").write_bytes(b"z\n")
    files = [str(raw / "measurements/a.csv"), str(raw / "measurements/z.csv")]
    assert [s.why for s in stale(raw, results, files)] == [
        "made from other files (raw_data/measurements/z.csv was added since it was made)"
    ]
    (raw / "measurements/a.csv").unlink()
    assert "raw_data/measurements/a.csv: recorded sha256" in stale(raw, results, [])[0].why
    assert stale(raw, results, [])[0].why.endswith("now missing)")


def test_an_output_edited_after_its_record_is_stale(made):
    raw, results = made
    (results / "validated/m.parquet").write_bytes(b"edited")  # mtime now: after the record
    assert stale(raw, results) == [Stale("results/validated/m.parquet", "changed after it was made")]


def test_an_output_not_newer_than_its_record_is_not_hashed(made):
    raw, results = made
    (results / "validated/m.parquet").write_bytes(b"edited")
    os.utime(results / "validated/m.parquet", ns=(10**18, 10**18))
    assert stale(raw, results) == []  # cheap: the audit still names it


def test_a_missing_output_or_a_broken_record_is_left_to_snakemake_and_the_audit(made):
    raw, results = made
    (raw / "measurements/a.csv").write_bytes(b"b\n")
    (results / "validated/m.parquet").unlink()
    assert stale(raw, results) == []
    (results / "provenance/broken.json").write_text('{"rule": "x", "inpu')
    (results / "provenance/list.json").write_text("[1, 2]")
    assert stale(raw, results) == []


def test_rules_not_named_are_checked_for_bytes_but_not_for_added_files(made):
    raw, results = made
    (raw / "measurements/z.csv").write_bytes(b"z\n")
    assert stale_outputs(results, raw, {}) == []
