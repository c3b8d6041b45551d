"""qutiflow.provenance.snakemake_job and qutiflow.logs.run_entry: a Snakemake job's record,
begun before its work, its id handed to a ``main`` that asks for it, written after."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from helpers import sha
from qutiflow import logs
from qutiflow.errors import InputError, Problem
from qutiflow.provenance import snakemake_job


class Named(list):
    """What a script's ``snakemake.input``, ``.params`` and ``.wildcards`` offer (Snakemake's
    documented script interface): a list whose named entries are also attributes, with
    ``items()`` and ``get()`` over those names. Unnamed entries come first."""

    def __init__(self, unnamed=(), **named):
        super().__init__([*named.values(), *unnamed])
        self.names = named
        self.__dict__.update(named)

    def items(self):
        return self.names.items()

    def get(self, key, default=None):
        return self.names.get(key, default)


@pytest.fixture
def job(tmp_path):
    """A ``snakemake`` object as Snakemake gives a script: an input table (named) and one
    unnamed; params code (two files) and input_sha256 besides the others."""
    for rel, text in {
        "raw/m.csv": "m\n",
        "lib/a.py": "a\n",
        "lib/b.py": "b\n",
        "out/extra.parquet": "e",
        "scripts/normalise.py": "s\n",
    }.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    return SimpleNamespace(
        rule="normalise",
        wildcards=Named(task="mnist"),
        params=Named(
            task="mnist",
            code=[str(tmp_path / "lib/a.py"), str(tmp_path / "lib/b.py")],
            input_sha256="ff",
            out=str(tmp_path / "out/y"),
        ),
        input=Named([str(tmp_path / "out/extra.parquet")], table=str(tmp_path / "raw/m.csv")),
        output=Named([str(tmp_path / "out/x.parquet")]),
        config={"results": str(tmp_path / "out"), "raw_data": str(tmp_path / "raw")},
        scriptdir=str(tmp_path / "scripts"),
        log=[str(tmp_path / "out/logs/normalise.log")],
    )


def test_arguments_split_code_from_inputs_and_add_the_script(job, tmp_path):
    args = snakemake_job.arguments(job)
    assert args["rule"] == "normalise" and args["wildcards"] == {"task": "mnist"}
    assert args["params"] == {"task": "mnist", "out": str(tmp_path / "out/y")}  # no input_sha256
    assert args["inputs"] == [str(tmp_path / "raw/m.csv"), str(tmp_path / "out/extra.parquet")]
    assert args["code"] == [
        str(tmp_path / "lib/a.py"),
        str(tmp_path / "lib/b.py"),
        str(tmp_path / "scripts/normalise.py"),
    ]
    assert args["roots"].results == tmp_path / "out" and args["roots"].raw_data == tmp_path / "raw"


def test_no_script_file_no_script_in_the_code(job, tmp_path):
    (tmp_path / "scripts/normalise.py").unlink()
    assert snakemake_job.arguments(job)["code"] == [str(tmp_path / "lib/a.py"), str(tmp_path / "lib/b.py")]


def test_run_entry_hands_the_record_id_to_main_and_writes_the_record(job, tmp_path):
    got = {}

    def main(*, table, record_id=None):
        got["record_id"] = record_id
        (tmp_path / "out/x.parquet").write_bytes(b"made from " + open(table, "rb").read())

    logs.run_entry(main, job, table=job.input.table)
    record = json.loads((tmp_path / "out/provenance/normalise-mnist.json").read_text())
    assert got["record_id"] == record["id"] and len(record["id"]) == 64
    assert record["params"] == {"task": "mnist", "out": "results/y"}
    assert record["inputs"] == [
        {"path": "raw_data/m.csv", "sha256": sha(b"m\n")},
        {"path": "results/extra.parquet", "sha256": sha(b"e")},
    ]
    assert [e["path"] for e in record["code"]] == [
        str(tmp_path / p) for p in ("lib/a.py", "lib/b.py", "scripts/normalise.py")
    ]
    assert record["outputs"] == [{"path": "results/x.parquet", "sha256": sha(b"made from m\n")}]
    assert record["roots"] == {"raw_data": str(tmp_path / "raw")}


def test_run_entry_gives_no_record_id_to_a_main_without_the_parameter(job, tmp_path):
    calls = []
    logs.run_entry(lambda *, n: calls.append(n), job, n=1)  # would fail on record_id=
    assert calls == [1] and (tmp_path / "out/provenance/normalise-mnist.json").is_file()
    # outside a job: a main that asks for the id gets None
    logs.run_entry(lambda *, record_id="unset": calls.append(record_id))
    assert calls == [1, None]


def test_a_failed_job_writes_no_record(job, tmp_path):
    def main(*, record_id=None):
        raise InputError([Problem("m.csv", 2, "lat-comp", "abc", "is not a number", "write ms")])

    with pytest.raises(SystemExit):
        logs.run_entry(main, job)
    assert not (tmp_path / "out/provenance").exists()
