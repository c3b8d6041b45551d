"""One regeneration cycle: heal, pull measurements, run, audit, report, publish; logged.

    .venv/bin/python cluster/regenerate.py --source DIR --work DIR --publish DIR \
        [--profile profiles/slurm] [--cores 2] [--configfile FILE [FILE ...]] [--keep 5] \
        [--keep-logs 20] [--timeout 3600] [--grace 60]
    .venv/bin/python cluster/regenerate.py --source-git URL [--branch main] ...

1. takes the cycle locks ``<publish>/.regenerate.lock`` and ``<work>/.regenerate.lock``
   (``flock``, not waiting): a cycle that finds one taken logs ``started`` and ``skipped``
   and exits 0. The kernel drops them when the driver dies, however it dies;
2. writes ``<time> <cycle-id> started`` to ``<publish>/regenerate.log`` (details in
   ``<work>/logs/cycle-<id>.log``, the last ``--keep-logs`` kept); when the cycle before
   left no result line, it was killed: ``previous cycle <id> did not finish``;
3. heals, before touching the raw data: processes still running in the work folder (their
   current directory, ``fuser``) are what that killed cycle left: SIGTERM, SIGKILL after
   ``--grace``; a process there after a cycle that finished is not a cycle's, and this
   cycle fails instead. Then ``snakemake --unlock`` when Snakemake left locks there;
4. pulls the raw data into ``<work>/raw_data`` (``--source`` copies changed files and
   removes files gone; ``--source-git`` clones or fast-forwards);
5. runs the pipeline with ``--directory <work>`` and ``--rerun-incomplete``: Snakemake's
   locks, incomplete markers and metadata are the work folder's ``.snakemake/``, never the
   checkout's (``<work>/config`` links to the checkout's ``config/``); results go to
   ``<work>/results``. Then the audit (``<work>/audited.json``), the difference to the
   previous publication (``changes.py``; the site is rebuilt to show it) and the report;
6. only when all of that passed, publishes the audited artifacts under :data:`PUBLISHED`
   and the report into ``<publish>/releases/<cycle-id>/`` and points ``<publish>/current``
   at it with an atomic rename (``publishing.py``); a failed cycle keeps the old one;
7. appends its result line: ``ok`` / ``FAILED`` / ``skipped``.

Lifetimes: each step runs as ``setpriv --pdeathsig TERM timeout --kill-after GRACE
TIMEOUT cmd``. ``timeout`` runs the step in its own process group: past ``--timeout``, or
on SIGTERM (the driver's on SIGTERM/SIGINT, the kernel's when the driver dies, even by
``kill -9``), it sends the whole group SIGTERM, and SIGKILL after ``--grace``. Under Slurm
the job's ``--time`` ends all of it (regenerate.sbatch); under systemd, the service's
``RuntimeMaxSec``. Exit status: 0 for ok and skipped, 1 for a failed cycle.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import json
import os
import signal
import subprocess
import sys
import time
import traceback
from pathlib import Path

import changes
from cycle_failed import CycleFailed, now
from healing import stale_locks, stop_leftovers, unfinished
from publishing import REPORT, publish, published_files, sync_folder, sync_git

REPO = Path(__file__).resolve().parent.parent


class Cycle:
    """One cycle: its folders and id, its log, the step it is at."""

    def __init__(self, args: argparse.Namespace):
        self.args, self.step, self.start = args, "recover", time.perf_counter()
        self.publish, self.work = Path(args.publish).resolve(), Path(args.work).resolve()
        self.id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}"
        self.summary = self.publish / "regenerate.log"
        self.log_path = self.work / "logs" / f"cycle-{self.id}.log"
        self.raw, self.results = self.work / "raw_data", self.work / "results"
        self.config = snakemake_config(args.configfile, self.raw, self.results)

    def line(self, text: str, elapsed: bool = True) -> None:
        """One line of ``<publish>/regenerate.log``, in one write (lines stay whole)."""
        took = f" ({time.perf_counter() - self.start:.0f} s)" if elapsed else ""
        with open(self.summary, "a", encoding="utf-8") as fh:
            fh.write(f"{now()} {self.id} {text}{took}\n")

    def snakemake(self, *args: str) -> list[str]:
        """Snakemake on the checkout's Snakefile, in the work folder."""
        where = ["--snakefile", str(REPO / "Snakefile"), "--directory", str(self.work)]
        return [sys.executable, "-m", "snakemake", *where, *args, *self.config]

    def executor(self) -> list[str]:
        a = self.args
        return ["--workflow-profile", a.profile] if a.profile else ["--cores", str(a.cores)]

    def run(self, step: str, cmd: list[str]) -> None:
        self.step = step
        try:
            run_step(step, cmd, self.log, timeout=self.args.timeout, grace=self.args.grace)
        finally:  # nothing of a step outlives it, not even what its killed supervisor left
            left = stop_leftovers(self.work, self.id, self.args.grace)
            if left:
                self.log.write(f"{left}\n")


def run_step(step: str, cmd: list[str], log, *, timeout: float, grace: float) -> None:
    """Run ``cmd`` (from the checkout) under ``timeout``, which the kernel tells (SIGTERM)
    when the driver dies; on SIGTERM/SIGINT the driver tells it itself."""
    log.write(f"\n$ {' '.join(cmd)}\n")
    log.flush()
    bounded = ["setpriv", "--pdeathsig", "TERM", "timeout", f"--kill-after={grace:g}", f"{timeout:g}"]
    began = time.monotonic()
    proc = subprocess.Popen(
        bounded + cmd, cwd=REPO, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        status = proc.wait()
    finally:
        if proc.poll() is None:  # the driver was signalled: the whole step goes
            proc.terminate()
            proc.wait()
        log.flush()
    if status == 124 or (status == -signal.SIGKILL and time.monotonic() - began >= timeout):
        raise CycleFailed(step, f"timed out after {timeout:g} s; its processes were stopped")
    if status:
        raise CycleFailed(step, f"exit status {status} (see the cycle log)")


def take_locks(*folders: Path) -> list | None:
    """The cycle locks (``flock``, not waiting), or None when another cycle holds one."""
    locks = [open(folder / ".regenerate.lock", "w") for folder in folders]
    try:
        for lock in locks:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        for lock in locks:
            lock.close()
        return None
    return locks


def cycle(args: argparse.Namespace) -> int:
    c = Cycle(args)
    c.publish.mkdir(parents=True, exist_ok=True)
    (c.work / "logs").mkdir(parents=True, exist_ok=True)
    locks = take_locks(c.publish, c.work)
    if locks is None:
        c.line("started", elapsed=False)
        c.line("skipped: another cycle holds the lock")
        return 0
    with locks[0], locks[1], open(c.log_path, "w", encoding="utf-8") as c.log:
        return guarded(c, begin(c))


def begin(c: Cycle) -> str | None:
    """The ``started`` line, old logs removed; the cycle before, when it did not finish."""
    previous = unfinished(c.summary)
    killed = (
        f"; previous cycle {previous} did not finish (killed: see {c.work / 'logs'}/cycle-{previous}.log)"
    )
    c.line("started" + (killed if previous else ""), elapsed=False)
    olds = sorted(c.work.glob("logs/cycle-*.log"))
    for old in olds[: max(0, len(olds) - c.args.keep_logs)]:
        if old != c.log_path:
            old.unlink()
    c.log.write(f"cycle {c.id} (driver pid {os.getpid()}) in {c.work}\n")
    if previous:
        c.log.write(f"previous cycle {previous} did not finish\n")
    return previous


def guarded(c: Cycle, previous: str | None) -> int:
    """The cycle's steps; a failure, or SIGTERM/SIGINT, logged as the step it stopped."""

    def interrupted(signum, _frame):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # let the clean-up run to its end
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        raise CycleFailed(c.step, f"the driver got {signal.Signals(signum).name}")

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)
    try:
        healed = heal(c, previous)
        changed = pull(c)
        release, found = build_and_publish(c)
    except CycleFailed as err:
        c.log.write(f"FAILED at {err}\n")
        c.line(f"FAILED at {err}; the previous publication stays (log: {c.log_path})")
        return 1
    except Exception as err:  # a fault of the driver or of what it read: named, not "killed"
        cause = f"FAILED at {c.step}: unexpected {type(err).__name__}: {str(err)[:300]}"
        c.log.write(f"{cause}\n{traceback.format_exc()}")
        c.line(f"{cause}; the previous publication stays (traceback in {c.log_path})")
        return 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    note = f"; recovered: {'; '.join(healed)}" if healed else ""
    c.line(
        f"ok: published {release.relative_to(c.publish)}; {len(changed)} raw files "
        f"changed; {changes.note(found)}{note}"
    )
    return 0


def heal(c: Cycle, previous: str | None) -> list[str]:
    """Stop what a killed cycle left in the work folder, then release Snakemake's locks
    there with its own ``--unlock``."""
    healed = [stop_leftovers(c.work, previous, c.args.grace)]
    link = c.work / "config"  # the pipeline's reference tables, relative to --directory
    if not link.is_symlink() or link.readlink() != REPO / "config":
        link.unlink(missing_ok=True)
        link.symlink_to(REPO / "config")
    locks = stale_locks(c.work)
    if locks:
        c.run("recover", c.snakemake("--unlock"))
        healed.append(f"removed {locks} stale Snakemake lock files (snakemake --unlock)")
    for text in filter(None, healed):
        c.log.write(f"{text}\n")
    return [h for h in healed if h]


def pull(c: Cycle) -> list[str]:
    c.step = "pull"
    if c.args.source_git:
        changed = sync_git(c.args.source_git, c.args.branch, c.raw, c.log)
    else:
        changed = sync_folder(Path(c.args.source), c.raw)
    c.log.write(f"pulled: {len(changed)} changed files {changed}\n")
    return changed


def build_and_publish(c: Cycle) -> tuple[Path, tuple[dict, str] | None]:
    """Pipeline, difference to the last publication (the site again, to show it), audit,
    report; then the release."""
    manifest = c.work / "audited.json"
    manifest.unlink(missing_ok=True)
    (c.work / changes.SITE_JSON).unlink(missing_ok=True)
    c.run("pipeline", c.snakemake(*c.executor(), "--rerun-incomplete"))
    c.step = "changes"
    changes.snapshot(c.results, c.work)
    found = changes.compare(c.work, c.results)
    if found is not None:  # shown on the site's index: the site (and crate) again
        c.config.append(f"changes={changes.write_site_json(c.work, found[0])}")
        c.run("site", c.snakemake(*c.executor()))
    audit = ["-m", "qutiflow.audit", "--all", "--results", str(c.results), "--manifest", str(manifest)]
    c.run("audit", [sys.executable, *audit])
    c.run("report", c.snakemake("--cores", "1", "--report", str(c.results / REPORT)))
    c.step = "publish"
    artifacts = json.loads(manifest.read_text(encoding="utf-8"))["artifacts"]
    extras = changes.release_files(found, c.id)
    release = publish(c.results, c.publish, c.id, c.args.keep, artifacts, extras=extras)
    changes.promote(c.work, c.id)
    c.log.write(f"changes {changes.note(found)}\n")
    c.log.write(f"published {len(published_files(artifacts))} audited artifacts and {REPORT} to {release}\n")
    return release, found


def snakemake_config(configfiles: list[str], raw: Path, results: Path) -> list[str]:
    """Snakemake's config arguments of every step: the overlays in their order, then the
    cycle's raw data and results folders."""
    return (["--configfile", *configfiles] if configfiles else []) + [
        "--config",
        f"raw_data={raw}",
        f"results={results}",
    ]


def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = ap.add_mutually_exclusive_group(required=True)
    source.add_argument("--source", help="folder holding the raw data (raw_data layout)")
    source.add_argument("--source-git", help="git repository holding the raw data")
    ap.add_argument("--branch", default="main", help="branch of --source-git (default main)")
    ap.add_argument("--work", required=True, help="working folder: raw-data snapshot, results")
    ap.add_argument("--publish", required=True, help="folder the site and report are published to")
    ap.add_argument("--profile", help="Snakemake workflow profile, e.g. profiles/slurm")
    ap.add_argument("--cores", type=int, default=2, help="local cores when no profile (default 2)")
    ap.add_argument(
        "--configfile",
        nargs="+",
        action="extend",
        default=[],
        metavar="FILE",
        help="config overlays (e.g. the raw data's file names), passed on to "
        "Snakemake in their order; several after one flag or the flag repeated",
    )
    ap.add_argument("--keep", type=int, default=5, help="releases kept (default 5)")
    ap.add_argument("--keep-logs", type=int, default=20, help="cycle logs kept in <work>/logs (default 20)")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per step (default 3600)")
    ap.add_argument(
        "--grace",
        type=float,
        default=60,
        help="seconds between SIGTERM and SIGKILL when stopping a step (default 60)",
    )
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    return cycle(parse_args(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    sys.exit(main())
