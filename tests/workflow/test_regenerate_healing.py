"""The scheduled regeneration driver (cluster/regenerate.py) heals what a killed cycle left
(with or without its Snakemake, or by its own timeout) with no manual step: each scenario is
followed by a cycle that publishes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import REPO, TINY
from regenerate_driver import NEW_FILE, command, cycle, cycle_log, last_started, log_lines

# slow: three killed cycles and their healing, about 75 s on 2 cores; make test-all and CI
# run them (make test stays under 10 minutes)
pytestmark = [pytest.mark.workflow, pytest.mark.slow]
HEALING = ("--grace", "10", "--keep-logs", "3")


def parent_and_state(pid: int) -> tuple[int, bytes] | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return None
    state, ppid = stat[stat.rindex(b")") + 2 :].split()[:2]
    return int(ppid), state


def live(pids) -> list[int]:
    return [pid for pid in pids if (st := parent_and_state(pid)) and st[1] not in (b"Z", b"X")]


def in_work(work: Path) -> list[int]:
    """Live (not zombie) processes whose current directory is the work folder: the cycle's
    Snakemake (--directory) and its local jobs."""
    found = []
    for entry in os.scandir("/proc"):
        try:
            if entry.name.isdigit() and os.readlink(f"/proc/{entry.name}/cwd") == str(work):
                found.append(int(entry.name))
        except OSError:
            continue
    return live(found)


def children(pid: int) -> list[int]:
    return live(
        int(e.name)
        for e in os.scandir("/proc")
        if e.name.isdigit() and (parent_and_state(int(e.name)) or (0,))[0] == pid
    )


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def start_and_wait_for_jobs(source: Path, work: Path, publish: Path) -> tuple[subprocess.Popen, dict]:
    """Start a cycle and return once its pipeline step runs jobs: the step's ``timeout``
    (the driver's child) runs Snakemake, and Snakemake and at least one job run in the work
    folder."""
    driver = subprocess.Popen(
        command(source, work, publish, *HEALING),
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    info = {}

    def running() -> bool:
        try:
            log = cycle_log(work, last_started(publish))
        except (FileNotFoundError, IndexError):
            return False
        steps = [ln for ln in log.splitlines() if ln.startswith("$ ")]
        supervisor = children(driver.pid)
        snakemake = children(supervisor[0]) if supervisor else []
        if not (steps and "--rerun-incomplete" in steps[-1] and snakemake and len(in_work(work)) >= 2):
            return False
        info.update(timeout=supervisor[0], snakemake=snakemake[0])
        return True

    if not wait_until(lambda: running() or driver.poll() is not None, 90) or driver.poll() is not None:
        driver.kill()
        pytest.fail(f"the cycle ended or stalled before its pipeline ran a job: {info}")
    return driver, info


def our_locks(work: Path) -> list[Path]:
    """Snakemake's lock files in the work folder (its --directory)."""
    return sorted((work / ".snakemake" / "locks").glob("*.lock"))


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
    os.kill(info["snakemake"], signal.SIGKILL)
    driver.wait(timeout=10)
    # the step's timeout, told by the kernel that the driver died (--pdeathsig), stops the
    # jobs the dead Snakemake left (SIGTERM, SIGKILL after 10 s)
    assert wait_until(lambda: not in_work(work), 30), in_work(work)
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
    """(b) A step past its timeout is stopped with all its processes; the next cycle
    publishes."""
    source, work, publish = healing
    (source / "measurements/new_finn_mlp.csv").write_text(NEW_FILE)
    t0 = time.monotonic()
    timed_out = cycle(source, work, publish, *HEALING, "--timeout", "5")
    assert time.monotonic() - t0 < 60
    assert timed_out.returncode == 1
    last = log_lines(publish)[-1]
    assert "FAILED at pipeline: timed out after 5 s" in last and "previous publication stays" in last
    assert not in_work(work)
    before = os.readlink(publish / "current")
    healed = cycle(source, work, publish, *HEALING)
    assert healed.returncode == 0, cycle_log(work, last_started(publish))[-3000:]
    assert " ok: published releases/" in log_lines(publish)[-1]
    assert os.readlink(publish / "current") != before
    assert (
        "ZCU104-FINN_INT2_MLP" in (publish / "current/mnist/figures/latency_throughput.vl.json").read_text()
    )


def test_c_killing_only_the_driver_stops_its_snakemake(healing):
    """(c) kill -9 of the driver alone: its step's timeout stops Snakemake and its jobs. When
    that timeout is gone too, the next cycle stops the leftover Snakemake before it syncs the raw
    data, and publishes."""
    source, work, publish = healing
    (source / "measurements/new_finn_mlp.csv").unlink()
    driver, info = start_and_wait_for_jobs(source, work, publish)
    os.kill(driver.pid, signal.SIGKILL)
    driver.wait(timeout=10)
    assert wait_until(lambda: not in_work(work), 25), in_work(work)

    driver, info = start_and_wait_for_jobs(source, work, publish)
    unwatched = last_started(publish)
    os.kill(driver.pid, signal.SIGSTOP)  # so that it sees neither its step's timeout die nor itself
    os.kill(info["timeout"], signal.SIGKILL)
    os.kill(driver.pid, signal.SIGKILL)
    driver.wait(timeout=10)
    assert in_work(work)  # Snakemake runs on, with nobody watching it
    healed = cycle(source, work, publish, *HEALING)
    assert not in_work(work)
    assert healed.returncode == 0, cycle_log(work, last_started(publish))[-3000:]
    lines = log_lines(publish)
    assert f"previous cycle {unwatched} did not finish" in lines[-2]
    assert "recovered: stopped" in lines[-1] and f"of cycle {unwatched}" in lines[-1]
    log = cycle_log(work, last_started(publish))
    assert log.index("leftover processes of cycle") < log.index("pulled:")
    assert (
        "ZCU104-FINN_INT2_MLP"
        not in (publish / "current/mnist/figures/latency_throughput.vl.json").read_text()
    )


def test_only_the_last_cycle_logs_are_kept(healing):
    source, work, publish = healing
    ran = [ln.split(" ")[1] for ln in log_lines(publish) if ln.split(" ")[2].startswith("started")]
    assert len(ran) >= 6
    assert sorted(p.name for p in (work / "logs").glob("cycle-*.log")) == sorted(
        f"cycle-{c}.log" for c in ran[-3:]
    )
