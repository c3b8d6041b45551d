"""qutiflow.runs: the RO-Crate and `audit diff` on synthetic provenance records (three jobs:
validate → normalise → plot), with every expected value written out by hand."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

import pytest
from qutiflow import audit
from qutiflow.runs import crate, crate_files, diff, report, rows
from synthetic_records import H, records, write


def compare(tmp_path: Path, old: list[dict], new: list[dict]) -> dict:
    return diff.compare(write(tmp_path / "old", old), write(tmp_path / "new", new))


def test_nothing_changed(tmp_path):
    found = compare(tmp_path, records(), records())
    assert not found["differs"] and found["artifacts"] == [] and found["unchanged"] == 4
    assert report.summary(found) == "no changes: 4 artifacts unchanged"


def test_one_code_file_changed(tmp_path):
    new = records(lib=H["lib2"], fig=H["other"])
    found = compare(tmp_path, records(), new)
    assert found["sources"]["code"] == {
        "workflow_scripts/qutiflow/clean.py": {"old": H["lib"], "new": H["lib2"]}
    }
    assert found["sources"]["inputs"] == {} and found["sources"]["params"] == {}
    assert [(a["path"], a["reasons"]) for a in found["artifacts"]] == [
        (
            "results/mnist/figures/efficiency.svg",
            [
                {
                    "source": "workflow_scripts/qutiflow/clean.py",
                    "chain": [
                        "workflow_scripts/qutiflow/clean.py",
                        "results/normalised/measurements.parquet",
                        "results/mnist/figures/efficiency.svg",
                    ],
                }
            ],
        ),
        (
            "results/normalised/measurements.parquet",
            [
                {
                    "source": "workflow_scripts/qutiflow/clean.py",
                    "chain": [
                        "workflow_scripts/qutiflow/clean.py",
                        "results/normalised/measurements.parquet",
                    ],
                }
            ],
        ),
    ]
    assert found["unchanged"] == 2  # validated table and the roofline figure
    assert report.artifact_lines(found)[0] == (
        "mnist/figures/efficiency.svg changed because workflow_scripts/qutiflow/clean.py changed"
        " → normalised/measurements.parquet"
    )


def test_one_raw_file_and_a_param_and_a_version(tmp_path):
    found = compare(tmp_path, records(), records(raw=H["raw2"], bandwidth=60.5, pandas="3.2.0"))
    src = found["sources"]
    assert src["inputs"] == {"raw_data/measurements/m.csv": {"old": H["raw"], "new": H["raw2"]}}
    assert src["params"] == {"normalise_measurements": {"bandwidth": {"old": 59.7, "new": 60.5}}}
    assert src["versions"] == {"pandas": {"old": "3.1.1", "new": "3.2.0"}}
    norm = next(a for a in found["artifacts"] if a["path"] == "results/normalised/measurements.parquet")
    assert [r["source"] for r in norm["reasons"]] == [
        "package pandas",
        "params of normalise_measurements: bandwidth",
        "raw_data/measurements/m.csv",
    ]
    assert norm["reasons"][2]["chain"] == [
        "raw_data/measurements/m.csv",
        "results/validated/measurements.parquet",
        "results/normalised/measurements.parquet",
    ]


def test_an_artifact_that_changed_without_a_cause_says_so(tmp_path):
    found = compare(tmp_path, records(), records(fig=H["other"]))
    assert found["artifacts"] == [
        {
            "path": "results/mnist/figures/efficiency.svg",
            "change": "changed",
            "job": "plot_measured-mnist",
            "reasons": [{"source": diff.NO_CAUSE, "chain": ["results/mnist/figures/efficiency.svg"]}],
        }
    ]


def test_exit_codes(tmp_path, capsys):
    old, new = write(tmp_path / "old", records()), write(tmp_path / "new", records(lib=H["lib2"]))
    assert audit.main(["diff", str(old), str(old)]) == 0
    assert audit.main(["diff", str(old), str(new)]) == 1
    assert audit.main(["diff", str(old), str(tmp_path / "missing")]) == 2
    assert "missing: no provenance records" in capsys.readouterr().err
    assert audit.main(["diff", str(old)]) == 2


def test_table_changes_by_configuration_and_line():
    old = [
        {
            "platform": "TX2",
            "op_mode": "maxn",
            "datatype": "FP16",
            "topology": "MLP",
            "pruning_pct": 50.0,
            "batch": 4,
            "latency_compute_ms": 2.0,
            "source_line": 4,
        },
        {
            "platform": "NCS",
            "op_mode": None,
            "datatype": "FP16",
            "topology": "MLP",
            "pruning_pct": 100.0,
            "batch": 8,
            "latency_compute_ms": 9.0,
            "source_line": 5,
        },
    ]
    new = [dict(old[0], latency_compute_ms=2.5), dict(old[1], batch=16, source_line=6)]
    found = rows.table_changes(old, new, rows.CONFIG_COLUMNS)
    assert found == {
        "changed": ["TX2 maxn FP16 MLP 50% batch 4: latency_compute_ms 2 → 2.5 (line 4)"],
        "added": ["NCS FP16 MLP 100% batch 16 (line 6)"],
        "removed": ["NCS FP16 MLP 100% batch 8 (line 5)"],
        "old_lines": "4–5",
        "new_lines": "4, 6",
    }


def build(recs, **kw):
    return crate.dumps(
        crate.build(
            recs,
            sizes={"raw_data/measurements/m.csv": 120},
            config={"tasks": ["mnist"]},
            published="2026-11-30T00:00:00+00:00",
            workflow_files={"results/workflow/Snakefile": H["script"]},
            **kw,
        )
    )


def test_crate_one_action_per_job_files_with_hashes_and_no_invented_fields():
    graph = {e["@id"]: e for e in json.loads(build(records(), licences=[]))["@graph"]}
    assert graph["#job/normalise_measurements"]["object"] == [
        {"@id": "validated/measurements.parquet"},
        {"@id": "#job/normalise_measurements/param/bandwidth"},
    ]
    assert graph["#job/plot_measured-mnist"]["result"] == [
        {"@id": "mnist/figures/efficiency.svg"},
        {"@id": "mnist/figures/roofline.svg"},
    ]
    assert graph["#job/plot_measured-mnist"]["instrument"] == {"@id": "#rule/plot_measured"}
    assert graph["#raw_data/measurements/m.csv"] == {
        "@id": "#raw_data/measurements/m.csv",
        "@type": "File",
        "name": "raw_data/measurements/m.csv",
        "sha256": H["raw"],
        "contentSize": "120",
    }
    assert "contentSize" not in graph["mnist/figures/roofline.svg"]  # size unknown: left out
    assert graph["workflow/Snakefile"]["version"] == "c" * 40
    assert graph["#software/pandas"]["softwareVersion"] == "3.1.1"
    assert json.loads(graph["#config/tasks"]["value"]) == ["mnist"]
    assert graph["./"]["datePublished"] == "2026-11-30T00:00:00+00:00"
    assert not any(k in e for e in graph.values() for k in ("startTime", "endTime", "author"))


def test_crate_licence_of_matching_inputs_only():
    row = {
        "path": "measurements/*.csv",
        "license": "http://spdx.org/licenses/Apache-2.0",
        "license_name": "Apache License 2.0",
        "copyright_holder": "Xilinx, Inc.",
        "notice": "QuTiBench data",
    }
    graph = {e["@id"]: e for e in json.loads(build(records(), licences=[row]))["@graph"]}
    raw = graph["#raw_data/measurements/m.csv"]
    assert raw["license"] == {"@id": "http://spdx.org/licenses/Apache-2.0"}
    assert raw["copyrightHolder"] == {"@id": "#organization/Xilinx-Inc"}
    assert graph["#organization/Xilinx-Inc"]["name"] == "Xilinx, Inc."
    assert "license" not in graph["validated/measurements.parquet"]


def test_crate_does_not_depend_on_record_order():
    recs = records()
    shuffled = copy.deepcopy(recs)
    random.Random(1).shuffle(shuffled)
    assert build(recs, licences=[]) == build(shuffled, licences=[])


def test_licence_table_without_a_column_names_it(tmp_path):
    path = tmp_path / "licences.csv"
    path.write_text("path,license\nx.csv,MIT\n")
    with pytest.raises(ValueError, match="column\\(s\\) license_name, copyright_holder, notice missing"):
        crate_files.read_licences(path)
