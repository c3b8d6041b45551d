"""qutiflow.provenance.record: a job's record, begun before it runs and written after."""

from __future__ import annotations

import json
import platform

from helpers import sha
from qutiflow.provenance import record as rec
from qutiflow.provenance.files import Roots


def make_job(tmp_path, params=None, raw_text="a,b\n1,2\n"):
    """Begin and finish one job (raw/m.csv and a script → out/x.parquet); (begun, path)."""
    results, raw = tmp_path / "out", tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    (raw / "m.csv").write_text(raw_text)
    script = tmp_path / "rule.py"
    script.write_text("print('hi')\n")
    roots = Roots(results, raw, tmp_path)
    begun = rec.begin(
        rule="normalise",
        wildcards={"task": "mnist"},
        params=params or {"raw_data": str(raw), "n": 3, "figures": {"a": str(results / "f")}},
        inputs=[str(raw / "m.csv"), str(raw / "absent.csv")],
        code=[str(script)],
        roots=roots,
    )
    out = results / "x.parquet"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(b"table")
    return begun, rec.finish(begun, outputs=[str(out)], roots=roots, raw_data_root=str(raw))


def test_record_lists_hashes_and_logical_params(tmp_path):
    begun, path = make_job(tmp_path)
    assert path == tmp_path / "out/provenance/normalise-mnist.json"
    record = json.loads(path.read_text())
    assert record["rule"] == "normalise" and record["wildcards"] == {"task": "mnist"}
    assert record["params"] == {"raw_data": "raw_data", "n": 3, "figures": {"a": "results/f"}}
    # a file that does not exist is left out
    assert record["inputs"] == [{"path": "raw_data/m.csv", "sha256": sha(b"a,b\n1,2\n")}]
    assert record["code"] == [{"path": "rule.py", "sha256": sha(b"print('hi')\n")}]
    assert record["outputs"] == [{"path": "results/x.parquet", "sha256": sha(b"table")}]
    assert record["roots"] == {"raw_data": str(tmp_path / "raw")}
    assert set(record["git"]) == {"commit", "dirty"}
    assert record["versions"]["python"] == platform.python_version()
    assert set(record["versions"]) == {"python", *rec.PACKAGES}
    # the id: sha256 of the recipe as compact JSON with sorted keys, computed here by hand
    recipe = {k: record[k] for k in ("rule", "wildcards", "params", "inputs", "code", "versions")}
    by_hand = sha(json.dumps(recipe, sort_keys=True, separators=(",", ":")).encode())
    assert record["id"] == begun["id"] == by_hand
    # what begin returned is the record but for outputs, git, roots and the job's counts
    # and warnings (none here: for the run's summary)
    assert record["counts"] == [] and record["warnings"] == []
    rest = ("outputs", "git", "roots", "counts", "warnings")
    assert {k: v for k, v in record.items() if k not in rest} == begun


def test_same_job_twice_gives_the_same_record_and_a_change_a_new_id(tmp_path):
    first, path = make_job(tmp_path)
    text = path.read_bytes()
    again, _ = make_job(tmp_path)
    assert path.read_bytes() == text and again["id"] == first["id"]
    changed, _ = make_job(tmp_path, raw_text="a,b\n1,3\n")
    assert changed["id"] != first["id"]
    other_params, _ = make_job(tmp_path, params={"n": 4})
    assert other_params["id"] not in (first["id"], changed["id"])


def test_begin_keeps_no_state(tmp_path):
    """Two records begun one after the other are finished each with its own content."""
    roots = Roots(tmp_path / "out", tmp_path / "raw", tmp_path)
    (tmp_path / "in.txt").write_text("x")
    a = rec.begin(rule="a", wildcards={}, params={}, inputs=[str(tmp_path / "in.txt")], code=[], roots=roots)
    b = rec.begin(rule="b", wildcards={"task": "mnist"}, params={}, inputs=[], code=[], roots=roots)
    path_a = rec.finish(a, outputs=[], roots=roots, raw_data_root="raw")
    written = json.loads(path_a.read_text())
    assert path_a.name == "a.json" and written["id"] == a["id"] != b["id"]
    assert written["inputs"] == [{"path": "in.txt", "sha256": sha(b"x")}]
    assert rec.finish(b, outputs=[], roots=roots, raw_data_root="raw").name == "b-mnist.json"


def test_git_state_outside_a_repository(tmp_path):
    assert rec.git_state(tmp_path) == {"commit": None, "dirty": None}
