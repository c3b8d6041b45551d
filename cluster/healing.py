"""What a regeneration cycle heals before it touches the raw data: a Snakemake an earlier
cycle left running, stale Snakemake locks, and a cycle that never wrote its result line."""

from __future__ import annotations

import json
import os
from pathlib import Path

from cycle_failed import CycleFailed
from process_groups import PIDFILE, REPO, all_pids, live_snakemakes, mark_of, proc_state, stop_group

#: the first word of a cycle's result line in regenerate.log
RESULT_WORDS = ("ok:", "FAILED", "skipped:")


def stop_leftover(work: Path, log, grace: float) -> str | None:
    """Stop what an earlier cycle left running on ``work``: the process group recorded in
    ``<work>/snakemake.pid``, and (a backstop for a driver killed before it wrote that file)
    any process group whose processes carry a mark of this work folder."""
    pidfile = work / PIDFILE
    groups: dict[int, tuple[str, str]] = {}  # pgid -> (mark, what)
    try:
        info = json.loads(pidfile.read_text(encoding="utf-8"))
        groups[int(info["pgid"])] = (
            str(info["mark"]),
            f"cycle {info.get('cycle')} (step {info.get('step')})",
        )
    except FileNotFoundError:
        pass
    except (ValueError, KeyError, TypeError, OSError) as err:
        log.write(f"ignoring an unreadable {pidfile}: {err}\n")
    for pid in all_pids():
        mark, st = mark_of(pid), proc_state(pid)
        if mark and mark.endswith(f"@{work}") and st and st[1] not in groups:
            groups[st[1]] = (mark, f"cycle {mark.split('@')[0]}")
    stopped = []
    for pgid, (mark, what) in sorted(groups.items()):
        n = stop_group(pgid, mark, grace)
        if n:
            stopped.append(f"stopped {n} leftover processes of {what}, process group {pgid}")
    pidfile.unlink(missing_ok=True)
    if not stopped:
        return None
    log.write("\n".join(stopped) + "\n")
    return "; ".join(stopped)


def clear_stale_locks(work: Path, log, grace: float) -> str | None:
    """Remove the Snakemake lock files that name files in ``work`` when their holder is dead."""
    locks = REPO / ".snakemake" / "locks"
    prefix = f"{work}{os.sep}"
    stale = []
    for path in sorted(locks.glob("*.lock")) if locks.is_dir() else []:
        try:
            names = path.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        if any(name.startswith(prefix) for name in names):
            stale.append(path)
    if not stale:
        return None
    holders = live_snakemakes(work)
    if holders:
        raise CycleFailed(
            "recover",
            f"a live Snakemake (pid {', '.join(map(str, holders))}) "
            f"works on {work} and holds its lock: wait for it or stop it",
        )
    for path in stale:
        path.unlink(missing_ok=True)
    text = f"removed {len(stale)} stale Snakemake lock files naming {work}"
    log.write(f"{text}: {', '.join(p.name for p in stale)}\n")
    return text


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
