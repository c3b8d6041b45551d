"""A truncated or malformed provenance record, or a truncated Parquet table, given to `audit`
or `audit diff`: exit 2 "cannot read" naming the file and what is wrong, never a traceback
and never exit 1 ("differences", "audit failed"), which would blame the results."""

from __future__ import annotations

import json

import pytest
from qutiflow import audit
from qutiflow.provenance import store
from synthetic_records import H, records, write


def _truncate(path, keep: int) -> None:
    path.write_bytes(path.read_bytes()[:keep])


@pytest.mark.parametrize("command", [["diff", "{old}", "{new}"], ["--all", "--results", "{new}"]])
def test_a_truncated_record_cannot_be_read(tmp_path, capsys, command):
    old, new = write(tmp_path / "old", records()), write(tmp_path / "new", records())
    record = new / "provenance" / "normalise_measurements.json"
    _truncate(record, 40)
    argv = [a.format(old=old, new=new) for a in command]
    assert audit.main(argv) == 2
    err = capsys.readouterr().err
    assert f"cannot read {record}: not a provenance record" in err
    try:  # the standard library's parser, as the oracle of where the text stops making sense
        json.loads(record.read_text())
    except json.JSONDecodeError as stop:
        assert f"not valid JSON at line {stop.lineno}, column {stop.colno}: {stop.msg}" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "content, why",
    [
        ("[]", "an array, where a record is an object"),
        ({"outputs": None}, "no 'outputs'"),
        ({"wildcards": []}, "'wildcards' is an array, not an object"),
        ({"outputs": [{"path": "results/x.svg"}]}, "outputs[0] has no 'sha256' string"),
        (b"\xff\xfe{}", "not UTF-8 text (byte 0)"),
    ],
    ids=["array", "no-outputs", "wildcards-array", "output-without-hash", "not-utf8"],
)
def test_a_malformed_record_is_named_with_what_is_wrong(tmp_path, content, why):
    folder = write(tmp_path / "r", records())
    bad = folder / "provenance" / "zz.json"
    if isinstance(content, dict):  # a whole record with one field changed (None: left out)
        changed = {**records()[0], **content}
        content = json.dumps({k: v for k, v in changed.items() if v is not None})
    bad.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(store.RecordError) as err:
        store.load_records(folder)
    assert str(err.value).startswith(f"cannot read {bad}: not a provenance record (")
    assert why in str(err.value)
    assert "run the pipeline again to rewrite it" in str(err.value)


def test_a_truncated_table_given_to_diff_cannot_be_read(tmp_path, capsys):
    """The raw file changed, so `audit diff` reads both runs' validated tables, row by row."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    old, new = write(tmp_path / "old", records()), write(tmp_path / "new", records(raw=H["raw2"]))
    for folder in (old, new):
        (folder / "validated").mkdir()
        pq.write_table(pa.table({"platform": ["A"]}), folder / "validated/measurements.parquet")
    table = new / "validated/measurements.parquet"
    _truncate(table, table.stat().st_size // 2)
    assert audit.main(["diff", str(old), str(new)]) == 2
    err = capsys.readouterr().err
    assert f"cannot read {table}: not a Parquet table" in err
    assert "Traceback" not in err


def test_records_that_are_whole_still_load(tmp_path):
    folder = write(tmp_path / "r", records())
    assert [r["rule"] for r in store.load_records(folder)] == [
        "normalise_measurements",
        "plot_measured",
        "validate_measurements",
    ]
    assert json.loads((folder / "provenance/plot_measured-mnist.json").read_text())["id"] == "3" * 64
