"""What a regeneration cycle heals before it touches the raw data: processes an interrupted
cycle left in the work folder, Snakemake's stale locks there, and a cycle that never wrote
its result line."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from cycle_failed import CycleFailed

#: the first word of a cycle's result line in regenerate.log
RESULT_WORDS = ("ok:", "FAILED", "skipped:")


def in_folder(work: Path) -> list[int]:
    """The processes whose current directory is ``work`` (``fuser``): Snakemake runs there
    (``--directory``), and so do the jobs it starts on this machine."""
    found = subprocess.run(["fuser", str(work)], capture_output=True, text=True).stdout.split()
    return [int(pid) for pid in found if int(pid) != os.getpid()]


def signal_all(pids: list[int], sig: signal.Signals) -> None:
    for pid in pids:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


def stop_leftovers(work: Path, previous: str | None, grace: float) -> str | None:
    """Stop what the unfinished ``previous`` cycle left running in ``work``: SIGTERM, then
    SIGKILL after ``grace`` seconds. Processes there while the last cycle finished are not a
    cycle's: the cycle fails, naming them, and leaves them alone."""
    pids = in_folder(work)
    if not pids:
        return None
    if previous is None:
        raise CycleFailed("recover", f"processes {pids} run in {work}, not started by a cycle: stop them")
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 10.0)):
        signal_all(in_folder(work), sig)
        deadline = time.monotonic() + wait
        while in_folder(work) and time.monotonic() < deadline:
            time.sleep(0.2)
        if not in_folder(work):
            return f"stopped {len(pids)} leftover processes of cycle {previous}"
    raise CycleFailed("recover", f"processes {in_folder(work)} in {work} survived SIGKILL")


def stale_locks(work: Path) -> int:
    """How many lock files Snakemake left in the work folder (its holder is gone: stopped
    above, and no other cycle runs)."""
    locks = work / ".snakemake" / "locks"
    return len(list(locks.iterdir())) if locks.is_dir() else 0


def unfinished(summary: Path) -> str | None:
    """The cycle that last held the lock, when it wrote ``started`` and no result line."""
    if not summary.is_file():
        return None
    with open(summary, "rb") as fh:
        fh.seek(max(0, fh.seek(0, os.SEEK_END) - (1 << 16)))
        lines = fh.read().decode("utf-8", errors="replace").splitlines()
    started, finished, skipped = [], set(), set()
    for line in lines:
        parts = line.split(" ", 3)
        if len(parts) < 3:
            continue
        if parts[2].startswith("started"):
            started.append(parts[1])
        elif parts[2] in RESULT_WORDS:
            finished.add(parts[1])
            if parts[2] == "skipped:":
                skipped.add(parts[1])
    last = next((c for c in reversed(started) if c not in skipped), None)
    return last if last is not None and last not in finished else None
