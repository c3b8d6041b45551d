"""Process groups of a regeneration step (Linux /proc): run a step in its own group, watched
so that nothing of it outlives the driver, and stop a group as a whole.

A step runs in its own session, i.e. its own process group, so a group signal reaches
Snakemake and every job it started. Every process of a step carries the environment
variable :data:`MARK` = ``<cycle-id>@<work folder>``: a group is only ever signalled when one
of its processes carries the expected mark, so a reused group id is never mistaken for ours.

Run as ``python cluster/process_groups.py FD PGID MARK GRACE`` it is the watchdog of one
step (:func:`watchdog`), started by :func:`run_step`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from cycle_failed import CycleFailed, now

REPO = Path(__file__).resolve().parent.parent
#: the running step's process group, under the work folder
PIDFILE = "snakemake.pid"
#: environment variable marking every process of a step: ``<cycle-id>@<work folder>``
MARK = "QUTIFLOW_REGENERATE"


def proc_state(pid: int) -> tuple[bytes, int] | None:
    """(state, process group) of ``pid``, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read()
    except OSError:
        return None
    state, _ppid, pgrp = stat[stat.rindex(b")") + 2 :].split()[:3]
    return state, int(pgrp)


def all_pids() -> list[int]:
    return [int(e.name) for e in os.scandir("/proc") if e.name.isdigit()]


def group_members(pgid: int) -> list[int]:
    """The live (not zombie) processes of process group ``pgid``."""
    return [
        pid for pid in all_pids() if (st := proc_state(pid)) and st[1] == pgid and st[0] not in (b"Z", b"X")
    ]


def mark_of(pid: int) -> str | None:
    """The value of ``MARK`` in the environment process ``pid`` was started with."""
    try:
        with open(f"/proc/{pid}/environ", "rb") as fh:
            env = fh.read().split(b"\0")
    except OSError:
        return None
    key = f"{MARK}=".encode()
    return next((v[len(key) :].decode(errors="replace") for v in env if v.startswith(key)), None)


def marked(pid: int, mark: str) -> bool:
    """True when process ``pid`` was started with ``MARK=mark`` in its environment."""
    return mark_of(pid) == mark


def stop_group(pgid: int, mark: str, grace: float) -> int:
    """Stop process group ``pgid`` if it is ours (a member carries ``mark``): SIGTERM, then
    SIGKILL after ``grace`` seconds. Returns how many processes were running (0: none, or
    the group id now belongs to someone else, who is left alone)."""
    members = group_members(pgid)
    if not any(marked(pid, mark) for pid in members):
        return 0
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 10.0)):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            return len(members)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not group_members(pgid):
                return len(members)
            time.sleep(0.1)
    raise CycleFailed(
        "recover",
        f"processes {group_members(pgid)} of process group {pgid} "
        "survived SIGKILL; the raw data is left untouched",
    )


def watchdog(fd: int, pgid: int, mark: str, grace: float) -> int:
    """Block until the driver's end of pipe ``fd`` closes (it ended the step, or died, even
    by ``kill -9``), then stop whatever is left of process group ``pgid``."""
    with os.fdopen(fd, "rb") as pipe:
        pipe.read()
    n = stop_group(pgid, mark, grace)
    if n:
        print(
            f"{now()} watchdog: the driver is gone; stopped {n} processes of process group {pgid}", flush=True
        )
    return 0


def live_snakemakes(work: Path) -> list[int]:
    """Live Snakemake processes whose command line names the work folder."""
    found = []
    for pid in all_pids():
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                args = fh.read().decode(errors="replace").split("\0")
        except OSError:
            continue
        is_snakemake = any(os.path.basename(a) == "snakemake" for a in args[:2]) or any(
            a == "-m" and b == "snakemake" for a, b in zip(args, args[1:])
        )
        st = proc_state(pid)
        if (
            is_snakemake
            and st
            and st[0] not in (b"Z", b"X")
            and any(f"{work}{os.sep}" in a or a.endswith(str(work)) for a in args)
        ):
            found.append(pid)
    return found


def write_json(path: Path, value: dict) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(value), encoding="utf-8")
    os.replace(tmp, path)


def run_step(
    step: str, cmd: list[str], log, *, work: Path, cycle_id: str, timeout: float, grace: float
) -> None:
    """Run ``cmd`` in its own process group, watched; nothing of it outlives the step."""
    log.write(f"\n$ {' '.join(cmd)}\n")
    log.flush()
    mark = f"{cycle_id}@{work}"
    env = {**os.environ, MARK: mark}
    proc = subprocess.Popen(
        cmd,
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    pidfile = work / PIDFILE
    info = {"pgid": proc.pid, "mark": mark, "cycle": cycle_id, "step": step}
    dog, keep_alive = None, None
    try:
        write_json(pidfile, info)
        read_end, keep_alive = os.pipe()
        try:
            dog = subprocess.Popen(
                [
                    sys.executable,
                    str(Path(__file__).resolve()),
                    str(read_end),
                    str(proc.pid),
                    mark,
                    str(grace),
                ],
                pass_fds=(read_end,),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        finally:
            os.close(read_end)
        write_json(pidfile, {**info, "watchdog": dog.pid})
        try:
            status = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            stop_group(proc.pid, mark, grace)
            raise CycleFailed(step, f"timed out after {timeout:g} s; its processes were stopped") from None
    finally:
        # however the step ends (done, timed out, the driver signalled): stop what is left
        try:
            stop_group(proc.pid, mark, grace)
        finally:
            proc.wait()
        if keep_alive is not None:
            os.close(keep_alive)  # the watchdog wakes, finds nothing left, exits
        if dog is not None:
            try:
                dog.wait(timeout=grace + 15)
            except subprocess.TimeoutExpired:
                dog.kill()
        pidfile.unlink(missing_ok=True)
        log.flush()
    if status:
        raise CycleFailed(step, f"exit status {status} (see the cycle log)")


if __name__ == "__main__":  # the watchdog of one step: fd, process group, mark, grace
    fd, pgid, mark, grace = sys.argv[1:5]
    sys.exit(watchdog(int(fd), int(pgid), mark, float(grace)))
