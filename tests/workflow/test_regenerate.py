"""The scheduled regeneration driver (cluster/regenerate.py), run locally on the tiny data:
two cycles publish, a failing cycle keeps the previous publication, overlapping cycles skip,
only audited artifacts are published, and a cycle that was killed (with or without its
Snakemake, or by its own timeout) is healed by the next one with no manual step."""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, TINY, TINY_OVERLAY

pytestmark = pytest.mark.workflow
NEW_FILE = """NN_Topology,HWType,Datatype,Op mode,batch/thread/stream,lat-comp,fps-comp,top1 [%],PruningFactor
MLP,ZCU104-FINN,INT2,,1,0.05,20000,98.49,50%
MLP,ZCU104-FINN,INT2,,4,0.1,40000,98.49,50%
"""


#: the tiny fixtures with MNIST alone (two overlays, passed on in this order): these tests are
#: about publishing, not the analysis
OVERLAYS = (TINY_OVERLAY, "tests/config/tiny_mnist.yaml")
PUBLISHED = ("site/", "imagenet/figures/", "cifar10/figures/", "mnist/figures/", "all/figures/")


def command(source: Path, work: Path, publish: Path, *extra: str) -> list[str]:
    return [sys.executable, "cluster/regenerate.py", "--source", str(source), "--work", str(work),
            "--publish", str(publish), "--configfile", *OVERLAYS, "--keep", "2",
            "--timeout", "600", *extra]


def cycle(source: Path, work: Path, publish: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(command(source, work, publish, *extra), cwd=REPO, capture_output=True,
                          text=True, timeout=900)


def log_lines(publish: Path) -> list[str]:
    return (publish / "regenerate.log").read_text().splitlines()


def result_lines(publish: Path) -> list[str]:
    return [ln for ln in log_lines(publish) if ln.split(" ")[2] in ("ok:", "FAILED", "skipped:")]


def last_started(publish: Path) -> str:
    return [ln.split(" ")[1] for ln in log_lines(publish) if ln.split(" ")[2].startswith("started")][-1]


def cycle_log(work: Path, cycle_id: str) -> str:
    return (work / "logs" / f"cycle-{cycle_id}.log").read_text()


def members(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group."""
    found = []
    for entry in os.scandir("/proc"):
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_bytes() if entry.name.isdigit() else b""
        except OSError:
            continue
        if stat:
            state, _, pgrp = stat[stat.rindex(b")") + 2:].split()[:3]
            if int(pgrp) == pgid and state not in (b"Z", b"X"):
                found.append(int(entry.name))
    return found


def marked_processes(cycle_id: str) -> list[int]:
    """Live processes started by the given cycle (they carry its mark in their environment)."""
    found = []
    for entry in os.scandir("/proc"):
        try:
            env = Path(f"/proc/{entry.name}/environ").read_bytes() if entry.name.isdigit() else b""
        except OSError:
            continue
        if f"QUTIFLOW_REGENERATE={cycle_id}@".encode() in env:
            try:
                state = Path(f"/proc/{entry.name}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
            except OSError:
                continue
            if state not in (b"Z", b"X"):
                found.append(int(entry.name))
    return found


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def start_and_wait_for_jobs(source: Path, work: Path, publish: Path) -> tuple[subprocess.Popen, dict]:
    """Start a cycle and return once its pipeline step runs jobs: the step's process group
    (in ``<work>/snakemake.pid``) holds Snakemake and at least one job, and is watched."""
    driver = subprocess.Popen(command(source, work, publish, *HEALING), cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    info = {}

    def running() -> bool:
        nonlocal info
        try:
            info = json.loads((work / "snakemake.pid").read_text())
        except (FileNotFoundError, ValueError):
            return False
        return (info["step"] == "pipeline" and "watchdog" in info
                and len(members(info["pgid"])) >= 2)

    if not wait_until(lambda: running() or driver.poll() is not None, 90) or driver.poll() is not None:
        driver.kill()
        pytest.fail(f"the cycle ended or stalled before its pipeline ran a job: {info}")
    return driver, info


def our_locks(work: Path) -> list[Path]:
    """Snakemake lock files that name files in the work folder."""
    locks = REPO / ".snakemake" / "locks"
    out = []
    for path in locks.glob("*.lock") if locks.is_dir() else []:
        try:
            if f"{work}/" in path.read_text():
                out.append(path)
        except FileNotFoundError:
            pass
    return out


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
    lines = result_lines(publish)
    assert len(lines) == 2 and all(" ok: published releases/" in ln for ln in lines)
    assert "raw files changed" in lines[1] and lines[1].split("; ")[1].startswith("1 raw files")
    current = publish / "current"
    assert os.readlink(current) != release1  # a new release
    for rel in ("report.html", "mnist/figures/roofline.svg", "all/figures/platforms.png",
                "mnist/figures/latency_throughput.vl.json"):
        assert (current / rel).is_file(), rel
    if (work / "results/site/index.html").is_file():
        assert (current / "site/index.html").is_file()
    # the new measurements are in the second publication's MNIST figures, not the first's
    spec2 = (current / "mnist/figures/latency_throughput.vl.json").read_text()
    assert "ZCU104-FINN_INT2_MLP" in spec2 and "ZCU104-FINN_INT2_MLP" not in spec1
    assert (work / "raw_data/measurements/new_finn_mlp.csv").read_text() == NEW_FILE
    # both overlays reached Snakemake in their order (tiny.yaml's inputs, without which the
    # tiny data would not validate; then tiny_mnist.yaml's one task), in every step
    log = cycle_log(work, lines[1].split(" ")[1])
    assert log.count(f" --configfile {' '.join(OVERLAYS)} --config raw_data=") == 3  # run, site, report
    assert sorted(p.name for p in (work / "results").iterdir()
                  if p.name in ("imagenet", "cifar10", "mnist")) == ["mnist"]


def test_each_release_says_what_changed_since_the_previous_one(cycles):
    """The first release has nothing to compare with; the second names the new measurement
    file, its rows and the artifacts it reached, in CHANGES.md, changes.json, the log line
    and the site's index."""
    source, work, publish, first, second, release1, spec1 = cycles
    release2 = os.readlink(publish / "current")
    old, new = publish / release1, publish / release2
    assert "First publication" in (old / "CHANGES.md").read_text()
    assert json.loads((old / "changes.json").read_text()) == {"previous": None}
    assert "What changed in this release" not in (old / "site/index.html").read_text()
    changes = (new / "CHANGES.md").read_text()
    name = "raw_data/measurements/new_finn_mlp.csv"
    digest = hashlib.sha256(NEW_FILE.encode()).hexdigest()
    assert (f"- {name}: new file (sha256 {digest[:12]}), lines 2–3; rows added: ZCU104-FINN "
            "INT2 MLP 50% batch 1 (line 2); ZCU104-FINN INT2 MLP 50% batch 4 (line 3)\n") in changes
    assert (f"mnist/measurements.parquet changed because {name} is new (lines 2–3) → "
            "validated/measurements.parquet → normalised/measurements/mnist.parquet\n") in changes
    data = json.loads((new / "changes.json").read_text())
    assert data["previous"] == release1.split("/")[-1]
    assert data["sources"]["inputs"] == {name: {"old": None, "new": digest, "rows": {
        "added": ["ZCU104-FINN INT2 MLP 50% batch 1 (line 2)",
                  "ZCU104-FINN INT2 MLP 50% batch 4 (line 3)"],
        "changed": [], "removed": [], "old_lines": "", "new_lines": "2–3"}}}
    assert data["sources"]["code"] == {} and data["sources"]["params"] == {}
    index = (new / "site/index.html").read_text()
    assert "What changed in this release" in index and name in index
    line = result_lines(publish)[1]
    assert f"since {release1.split('/')[-1]}: changes: 1 input file, 0 code files" in line


def test_dot_files_and_temporary_files_are_not_published(cycles):
    """(d) Only what the audit covered is published: not a dot-file, not a temporary file."""
    source, work, publish, *_ = cycles
    results = work / "results"
    planted = {"site/.evil.html": "<script>alert(1)</script>",
               "mnist/figures/.roofline.svg.x1y2.tmp": "<svg>half written",
               "site/data/.platforms.csv.tmp": "half"}
    for rel, text in planted.items():
        (results / rel).write_text(text)
    try:
        done = cycle(source, work, publish)
        manifest = json.loads((work / "audited.json").read_text())
    finally:
        for rel in planted:
            (results / rel).unlink()
    assert done.returncode == 0, result_lines(publish)[-1]
    current = publish / "current"
    published = {p.relative_to(current).as_posix() for p in current.rglob("*") if p.is_file()}
    assert not set(planted) & published
    assert not [rel for rel in published if any(part.startswith(".") for part in rel.split("/"))]
    # exactly the audited artifacts under the published folders, plus the report and the
    # difference to the previous publication
    assert published == {rel.removeprefix("results/") for rel in manifest["artifacts"]
                         if rel.removeprefix("results/").startswith(PUBLISHED)} | {
        "report.html", "CHANGES.md", "changes.json"}
    # the audit lists the dot-files instead of skipping them silently, and passes
    assert set(planted) <= set(manifest["not_artifacts"])
    log = cycle_log(work, last_started(publish))
    assert "not artifacts, not published: 3 dot-files" in log and "site/.evil.html" in log
    # and the site is complete: every file of it that is not a dot-file is published
    site = {f"site/{p.relative_to(results / 'site').as_posix()}"
            for p in (results / "site").rglob("*") if p.is_file()}
    assert site and site - set(planted) <= published
    assert {"site/index.html", "site/vendor/vega-bundle.js"} <= published


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


def test_every_cycle_logs_started_first_and_keeps_its_own_log(cycles):
    """(e) A "started" line precedes each cycle's result line; every cycle that ran has its
    own log, none is overwritten."""
    source, work, publish, *_ = cycles
    seen: dict[str, list[str]] = {}
    for ln in log_lines(publish):
        seen.setdefault(ln.split(" ")[1], []).append(ln.split(" ")[2])
    assert len(seen) >= 5  # two cycles, the dot-file one, the failing one, the skipped one
    for cycle_id, words in seen.items():
        assert words[0].startswith("started") and len(words) == 2, (cycle_id, words)
        if words[1] != "skipped:":
            log = cycle_log(work, cycle_id)
            assert log.startswith(f"cycle {cycle_id} ") and "$ " in log
    assert not (work / "cycle.log").exists()


# --- healing: each scenario is followed by a cycle that publishes with no manual step ---
HEALING = ("--grace", "10", "--keep-logs", "3")


@pytest.fixture(scope="module")
def healing(tmp_path_factory):
    base = tmp_path_factory.mktemp("heal")
    source, work, publish = base / "source", base / "work", base / "publish"
    shutil.copytree(TINY, source)
    return source, work, publish


def test_a_cycle_killed_with_its_snakemake_is_healed_by_the_next(healing):
    """(a) kill -9 of the driver and of its Snakemake mid-run leaves Snakemake's lock and
    incomplete markers; the next cycle clears them and publishes."""
    source, work, publish = healing
    driver, info = start_and_wait_for_jobs(source, work, publish)
    killed = last_started(publish)
    os.kill(driver.pid, signal.SIGKILL)
    os.kill(info["pgid"], signal.SIGKILL)
    driver.wait(timeout=10)
    # the watchdog stops the jobs the dead Snakemake left (SIGTERM, SIGKILL after 10 s)
    assert wait_until(lambda: not members(info["pgid"]), 30), members(info["pgid"])
    stale = our_locks(work)  # normally there; another Snakemake finishing would remove them
    healed = cycle(source, work, publish, *HEALING)
    assert healed.returncode == 0, cycle_log(work, last_started(publish))[-3000:]
    lines = log_lines(publish)
    assert [ln.split(" ")[2] for ln in lines] == ["started", "started;", "ok:"]
    assert f"previous cycle {killed} did not finish" in lines[1]
    assert " ok: published releases/" in lines[2]
    if stale:
        assert "removed 2 stale Snakemake lock files" in lines[2]
    assert not our_locks(work)
    assert (publish / "current/site/index.html").is_file()
    assert (publish / "current/report.html").is_file()


def test_b_a_cycle_killed_by_its_timeout_is_healed_by_the_next(healing):
    """(b) A step past its timeout is stopped as a whole process group; the next cycle
    publishes."""
    source, work, publish = healing
    (source / "measurements/new_finn_mlp.csv").write_text(NEW_FILE)
    t0 = time.monotonic()
    timed_out = cycle(source, work, publish, *HEALING, "--timeout", "5")
    assert time.monotonic() - t0 < 60
    assert timed_out.returncode == 1
    last = log_lines(publish)[-1]
    assert "FAILED at pipeline: timed out after 5 s" in last and "previous publication stays" in last
    assert not marked_processes(last.split(" ")[1]) and not (work / "snakemake.pid").exists()
    before = os.readlink(publish / "current")
    healed = cycle(source, work, publish, *HEALING)
    assert healed.returncode == 0, cycle_log(work, last_started(publish))[-3000:]
    assert " ok: published releases/" in log_lines(publish)[-1]
    assert os.readlink(publish / "current") != before
    assert "ZCU104-FINN_INT2_MLP" in (publish / "current/mnist/figures/latency_throughput.vl.json").read_text()


def test_c_killing_only_the_driver_stops_its_snakemake(healing):
    """(c) kill -9 of the driver alone: its watchdog stops the Snakemake group. When the
    watchdog is gone too, the next cycle stops the leftover Snakemake before it syncs the raw
    data, and publishes."""
    source, work, publish = healing
    (source / "measurements/new_finn_mlp.csv").unlink()
    driver, info = start_and_wait_for_jobs(source, work, publish)
    os.kill(driver.pid, signal.SIGKILL)
    driver.wait(timeout=10)
    assert wait_until(lambda: not members(info["pgid"]), 25), members(info["pgid"])

    driver, info = start_and_wait_for_jobs(source, work, publish)
    unwatched = last_started(publish)
    os.kill(info["watchdog"], signal.SIGKILL)
    os.kill(driver.pid, signal.SIGKILL)
    driver.wait(timeout=10)
    assert members(info["pgid"])  # Snakemake runs on, with nobody watching it
    healed = cycle(source, work, publish, *HEALING)
    assert not members(info["pgid"])
    assert healed.returncode == 0, cycle_log(work, last_started(publish))[-3000:]
    lines = log_lines(publish)
    assert f"previous cycle {unwatched} did not finish" in lines[-2]
    assert "recovered: stopped" in lines[-1] and f"of cycle {unwatched}" in lines[-1]
    log = cycle_log(work, last_started(publish))
    assert log.index("leftover processes of cycle") < log.index("pulled:")
    assert "ZCU104-FINN_INT2_MLP" not in (publish / "current/mnist/figures/latency_throughput.vl.json").read_text()


def test_only_the_last_cycle_logs_are_kept(healing):
    source, work, publish = healing
    ran = [ln.split(" ")[1] for ln in log_lines(publish) if ln.split(" ")[2].startswith("started")]
    assert len(ran) >= 6
    assert sorted(p.name for p in (work / "logs").glob("cycle-*.log")) == sorted(
        f"cycle-{c}.log" for c in ran[-3:])
