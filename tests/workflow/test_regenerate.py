"""The scheduled regeneration driver (cluster/regenerate.py), run locally on the tiny data:
two cycles publish, a failing cycle keeps the previous publication, overlapping cycles skip."""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, TINY

pytestmark = pytest.mark.workflow
NEW_FILE = """NN_Topology,HWType,Datatype,Op mode,batch/thread/stream,lat-comp,fps-comp,top1 [%],PruningFactor
MLP,ZCU104-FINN,INT2,,1,0.05,20000,98.49,50%
MLP,ZCU104-FINN,INT2,,4,0.1,40000,98.49,50%
"""


def cycle(source: Path, work: Path, publish: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "cluster/regenerate.py", "--source", str(source), "--work", str(work),
         "--publish", str(publish), "--configfile", "tests/config/tiny.yaml", "--keep", "2",
         "--timeout", "600"],
        cwd=REPO, capture_output=True, text=True, timeout=900)


def log_lines(publish: Path) -> list[str]:
    return (publish / "regenerate.log").read_text().splitlines()


@pytest.fixture(scope="module")
def cycles(tmp_path_factory):
    base = tmp_path_factory.mktemp("regen")
    source, work, publish = base / "source", base / "work", base / "publish"
    shutil.copytree(TINY, source)
    first = cycle(source, work, publish)
    release1 = os.readlink(publish / "current")
    spec1 = (publish / "current/mnist/figures/latency_throughput.vl.json").read_text()
    (source / "measurements/new_finn_mlp.csv").write_text(NEW_FILE)
    second = cycle(source, work, publish)
    return source, work, publish, first, second, release1, spec1


def test_two_cycles_publish_the_expected_figures(cycles):
    source, work, publish, first, second, release1, spec1 = cycles
    assert first.returncode == 0 and second.returncode == 0, (first.stderr, second.stderr)
    lines = log_lines(publish)
    assert len(lines) == 2 and all(" ok: published releases/" in ln for ln in lines)
    assert "raw files changed" in lines[1] and lines[1].split("; ")[1].startswith("1 raw files")
    current = publish / "current"
    assert os.readlink(current) != release1  # a new release
    for rel in ("report.html", "imagenet/figures/roofline.svg", "all/figures/platforms.png",
                "mnist/figures/latency_throughput.vl.json"):
        assert (current / rel).is_file(), rel
    if (work / "results/site/index.html").is_file():
        assert (current / "site/index.html").is_file()
    # the new measurements are in the second publication's MNIST figures, not the first's
    spec2 = (current / "mnist/figures/latency_throughput.vl.json").read_text()
    assert "MLP" in spec2 and spec2 != spec1
    assert (work / "raw_data/measurements/new_finn_mlp.csv").read_text() == NEW_FILE


def test_a_failing_cycle_keeps_the_previous_publication(cycles):
    source, work, publish, *_ = cycles
    before = os.readlink(publish / "current")
    files_before = sorted(p.relative_to(publish) for p in (publish / "current").rglob("*"))
    (source / "measurements/broken.csv").write_text(NEW_FILE.replace("ZCU104-FINN", "Nonexistent-Board", 1))
    try:
        failed = cycle(source, work, publish)
    finally:
        (source / "measurements/broken.csv").unlink()
    assert failed.returncode == 1
    last = log_lines(publish)[-1]
    assert "FAILED at pipeline" in last and "the previous publication stays" in last
    assert os.readlink(publish / "current") == before
    assert sorted(p.relative_to(publish) for p in (publish / "current").rglob("*")) == files_before


def test_an_overlapping_cycle_skips(cycles):
    source, work, publish, *_ = cycles
    before = os.readlink(publish / "current")
    with open(publish / ".regenerate.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        skipped = cycle(source, work, publish)
    assert skipped.returncode == 0
    assert "skipped: another cycle holds the lock" in log_lines(publish)[-1]
    assert os.readlink(publish / "current") == before
