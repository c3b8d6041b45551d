"""The run's Workflow Run RO-Crate and `audit diff` on real runs of the tiny data: the crate
validates offline (required when CI=true), runcrate reads it back, it lists every job and
file with the hashes on disk and is byte-identical when written again; `audit diff` names
exactly what changed after one measurement row, one platform value, and nothing."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TINY, clone_run
from conftest import tiny as run

pytestmark = pytest.mark.workflow
ROW_OLD = 'MLP,TX2,FP16,maxn,4,"1,234.5",2.0,3240.4,2000,'
ROW_NEW = 'MLP,TX2,FP16,maxn,4,"1,234.5",2.5,3240.4,1600,'
PLATFORM_OLD = "TX2,maxq,FP32,0.44,59.7,8,15,test fixture"
PLATFORM_NEW = "TX2,maxq,FP32,0.44,60.5,8,15,test fixture"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def runs(tiny_run, tmp_path_factory):
    """A copy of the session's tiny run (tests/conftest.py), snapshots of it (base), after
    rewriting the crate (again), after one measurement row changed (row) and after that row
    was put back and one platform value changed (platform)."""
    base = tmp_path_factory.mktemp("crate")
    raw, results = clone_run(tiny_run, base)
    snaps = {}

    def snap(name):
        snaps[name] = base / name
        shutil.copytree(results, snaps[name], ignore=shutil.ignore_patterns(".rollback"))

    snap("base")
    run(raw, results, "--forcerun", "write_ro_crate")
    snap("again")
    edit(raw / "measurements/bench_master.csv", ROW_OLD, ROW_NEW)
    run(raw, results)
    snap("row")
    edit(raw / "measurements/bench_master.csv", ROW_NEW, ROW_OLD)
    edit(raw / "platforms.csv", PLATFORM_OLD, PLATFORM_NEW)
    run(raw, results)
    snap("platform")
    return raw, snaps


def crate_of(results: Path) -> dict:
    return json.loads((results / "ro-crate-metadata.json").read_text())


def test_crate_validates_offline_against_the_provenance_run_crate_profile(runs):
    """As the README says: roc-validator with the shipped context, no network."""
    if importlib.util.find_spec("rocrate_validator") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but roc-validator is not installed: the crate must be validated")
        pytest.skip("roc-validator not installed (extra `crate`, in make install); required when CI=true")
    crate_file = runs[1]["base"] / "ro-crate-metadata.json"
    proc = subprocess.run(
        [sys.executable, "-m", "qutiflow.runs.validate", str(crate_file)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.endswith(f"{crate_file}: conforms to provenance-run-crate-0.5\n")


def test_runcrate_reads_the_crate_back(runs):
    from rocrate.rocrate import ROCrate
    from runcrate.report import dump_crate_actions

    out = io.StringIO()
    dump_crate_actions(ROCrate(runs[1]["base"]), f=out)
    text = out.getvalue()
    records = sorted(p.stem for p in (runs[1]["base"] / "provenance").glob("*.json"))
    for name in records:
        if name != "write_ro_crate":
            assert f"action: #job/{name}\n" in text, name
    assert "action: #run\n" in text and "instrument: workflow/Snakefile" in text


def test_crate_lists_every_job_and_file_with_the_hashes_on_disk(runs):
    results = runs[1]["base"]
    graph = {e["@id"]: e for e in crate_of(results)["@graph"]}
    records = [json.loads(p.read_text()) for p in sorted((results / "provenance").glob("*.json"))]
    jobs = [r for r in records if r["rule"] != "write_ro_crate"]
    assert len(jobs) == 26
    actions = [e for e in graph.values() if e["@type"] == "CreateAction" and e["@id"] != "#run"]
    assert len(actions) == len(jobs)
    for record in jobs:
        name = "-".join([record["rule"], *record["wildcards"].values()])
        action = graph[f"#job/{name}"]
        assert action["instrument"] == {"@id": f"#rule/{record['rule']}"}
        assert action["identifier"] == record["id"]
        results_ids = {o["@id"] for o in action["result"]}
        assert results_ids == {o["path"].removeprefix("results/") for o in record["outputs"]}
        for o in record["outputs"]:
            entity = graph[o["path"].removeprefix("results/")]
            on_disk = results / o["path"].removeprefix("results/")
            assert entity["sha256"] == sha256(on_disk) == o["sha256"]
            assert int(entity["contentSize"]) == on_disk.stat().st_size
        for i in record["inputs"]:
            if i["path"].startswith("raw_data/"):  # the base run read the tiny fixtures as they are
                entity = graph[f"#{i['path']}"]
                assert entity["sha256"] == sha256(TINY / i["path"].removeprefix("raw_data/"))
    assert graph["workflow/Snakefile"]["sha256"] == sha256(results / "workflow/Snakefile")
    assert (results / "workflow/Snakefile").read_bytes() == (
        Path(__file__).parents[2] / "Snakefile"
    ).read_bytes()
    # the artifact catalogue the run read, and its schema, are part of the definition
    for name in ("artifacts.yaml", "artifacts.schema.yaml"):
        copy = results / "workflow" / "config" / name
        assert copy.read_bytes() == (Path(__file__).parents[2] / "config" / name).read_bytes()
        assert graph[f"workflow/config/{name}"]["sha256"] == sha256(copy)
    assert not any(k in e for e in graph.values() for k in ("startTime", "endTime", "author"))
    # the tiny data declares no licence: none is invented
    assert graph["./"]["license"] == {"@id": "#licence/undeclared"}
    assert not any("license" in e for e in graph.values() if e.get("@type") == "File")


def test_crate_is_byte_identical_when_written_again(runs):
    snaps = runs[1]
    assert (snaps["again"] / "ro-crate-metadata.json").read_bytes() == (
        snaps["base"] / "ro-crate-metadata.json"
    ).read_bytes()


def diff(old: Path, new: Path) -> tuple[int, dict]:
    from qutiflow.runs import cli

    out = old.parent / f"diff-{old.name}-{new.name}.json"
    code = cli.main([str(old), str(new), "--json", str(out)])
    return code, json.loads(out.read_text())


def outputs(results: Path) -> int:
    """How many files the jobs of a run made, from its records."""
    return len(
        {
            o["path"]
            for p in (results / "provenance").glob("*.json")
            for o in json.loads(p.read_text())["outputs"]
        }
    )


def test_diff_of_nothing(runs):
    code, found = diff(runs[1]["base"], runs[1]["again"])
    assert code == 0 and not found["differs"] and found["artifacts"] == []
    assert found["unchanged"] == outputs(runs[1]["base"])


def test_diff_of_one_measurement_row(runs):
    code, found = diff(runs[1]["base"], runs[1]["row"])
    assert code == 1
    src = found["sources"]
    assert list(src["inputs"]) == ["raw_data/measurements/bench_master.csv"]
    assert src["code"] == {} and src["params"] == {} and src["versions"] == {}
    rows = src["inputs"]["raw_data/measurements/bench_master.csv"]["rows"]
    assert rows["changed"] == [
        "TX2 maxn FP16 MLP 50% batch 4: latency_compute_ms 2 → 2.5, "
        "throughput_compute_fps 2000 → 1600 (line 4)"
    ]
    assert rows["added"] == [] and rows["removed"] == []
    changed = {a["path"]: a for a in found["artifacts"]}
    # the row is MNIST's, and only its measured values changed: the measurement chain of
    # MNIST and the fidelity scores change; predictions, the overview of what was measured
    # and CIFAR-10's and ImageNet's tables do not
    assert {p for p in changed if p.endswith(".parquet")} == {
        f"results/{p}.parquet"
        for p in [
            "validated/measurements",
            "normalised/measurements",
            "normalised/measurements/mnist",
            "mnist/measurements",
            "mnist/efficiency",
            "mnist/pareto_measured",
            "fidelity/predictions_vs_measured",
            "site/data/fidelity_predictions_vs_measured",
            "site/data/mnist_efficiency",
            "site/data/mnist_measurements",
            "site/data/mnist_pareto_measured",
        ]
    }
    assert not any(p.startswith(("results/cifar10/", "results/imagenet/")) for p in changed)
    chain = changed["results/mnist/efficiency.parquet"]["reasons"]
    assert chain == [
        {
            "source": "raw_data/measurements/bench_master.csv",
            "chain": [
                "raw_data/measurements/bench_master.csv",
                "results/validated/measurements.parquet",
                "results/normalised/measurements/mnist.parquet",
                "results/mnist/efficiency.parquet",
            ],
        }
    ]
    assert all(a["change"] == "changed" for a in found["artifacts"])
    assert found["unchanged"] + len(changed) == outputs(runs[1]["base"])


def test_diff_of_one_platform_value(runs):
    code, found = diff(runs[1]["base"], runs[1]["platform"])
    assert code == 1
    src = found["sources"]
    assert list(src["inputs"]) == ["raw_data/platforms.csv"] and src["code"] == {}
    assert found["tables"]["results/validated/platforms.parquet"] == {
        "changed": ["TX2 maxq FP32: bandwidth_gbps 59.7 → 60.5"],
        "added": [],
        "removed": [],
    }
    changed = {a["path"]: a for a in found["artifacts"]}
    # a bandwidth: the rooflines, the catalogue and the level-1 fidelity change; the tiny
    # catalogue has no FP32 model, so no roofline prediction does, nor any measurement
    assert {p for p in changed if p.endswith(".parquet")} == {
        f"results/{p}.parquet"
        for p in [
            "validated/platforms",
            "normalised/platforms",
            "all/rooflines",
            "fidelity/predictions_vs_measured",
            "site/data/platforms",
            "site/data/rooflines",
            "site/data/fidelity_predictions_vs_measured",
        ]
    }
    assert changed["results/normalised/platforms.parquet"]["reasons"] == [
        {
            "source": "raw_data/platforms.csv",
            "chain": [
                "raw_data/platforms.csv",
                "results/validated/platforms.parquet",
                "results/normalised/platforms.parquet",
            ],
        }
    ]
