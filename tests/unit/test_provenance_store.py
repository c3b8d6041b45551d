"""qutiflow.provenance.store: record names and reading a results folder's records back."""

from __future__ import annotations

import json

from qutiflow.provenance.store import RECORDS, index, load_records, lookup, record_name


def test_record_name_orders_wildcards_by_name():
    assert record_name("analyse_measured", {"task": "mnist"}) == "analyse_measured-mnist.json"
    assert record_name("compute_rooflines", {}) == "compute_rooflines.json"
    assert record_name("r", {"z": 1, "a": "x"}) == "r-x-1.json"


def write_records(results, records):
    (results / RECORDS).mkdir(parents=True)
    for name, record in records.items():
        (results / RECORDS / name).write_text(json.dumps(record))


A = {
    "id": "a" * 64,
    "rule": "a",
    "wildcards": {},
    "inputs": [{"path": "raw_data/m.csv", "sha256": "0"}],
    "code": [],
    "outputs": [
        {"path": "results/a.parquet", "sha256": "1"},
        {"path": "results/figures/a.svg", "sha256": "2"},
    ],
}
B = {
    "id": "b" * 64,
    "rule": "b",
    "wildcards": {"task": "mnist"},
    "inputs": [],
    "code": [],
    "outputs": [{"path": "results/b.parquet", "sha256": "3"}],
}


def test_records_load_in_file_name_order_and_index_by_output(tmp_path):
    assert load_records(tmp_path) == [] and index(tmp_path) == {}
    write_records(tmp_path, {"b.json": B, "a.json": A})
    (tmp_path / RECORDS / "notes.txt").write_text("not a record")
    assert load_records(tmp_path) == [A, B]
    assert index(tmp_path) == {"results/a.parquet": A, "results/figures/a.svg": A, "results/b.parquet": B}


def test_lookup_finds_the_record_of_an_output(tmp_path):
    write_records(tmp_path, {"a.json": A, "b.json": B})
    assert lookup(tmp_path, tmp_path / "figures/a.svg") == A
    assert lookup(str(tmp_path), str(tmp_path / "b.parquet")) == B
    assert lookup(tmp_path, tmp_path / "missing.svg") is None
