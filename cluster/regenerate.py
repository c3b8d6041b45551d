"""One regeneration cycle: heal, pull measurements, run, audit, report, publish; logged.

    .venv/bin/python cluster/regenerate.py --source DIR --work DIR --publish DIR \
        [--profile profiles/slurm] [--cores 2] [--configfile FILE [FILE ...]] [--keep 5] \
        [--keep-logs 20] [--timeout 3600] [--grace 60]
    .venv/bin/python cluster/regenerate.py --source-git URL [--branch main] ...

1. takes the cycle locks ``<publish>/.regenerate.lock`` and ``<work>/.regenerate.lock``
   (``flock``, not waiting): a cycle that finds another one running logs ``started`` and
   ``skipped`` and exits 0, so overlapping schedules never interleave. The kernel drops the
   locks when the driver dies, however it dies (its Snakemake does not hold them: see 3);
2. writes ``<time> <cycle-id> started`` to ``<publish>/regenerate.log`` before any work
   (the id is the UTC start time and the driver's pid; the cycle's details go to
   ``<work>/logs/cycle-<id>.log``, the last ``--keep-logs`` of them kept). When the cycle
   that held the lock before left a ``started`` line and no result line, it was killed:
   the new ``started`` line says ``previous cycle <id> did not finish``;
3. heals what an interrupted cycle left, before touching the raw data:

   * a Snakemake still running from an earlier cycle (its driver was killed, and so was its
     watchdog) is stopped: each step's process group is recorded in ``<work>/snakemake.pid``;
     when that group still has live processes carrying the earlier cycle's mark (the
     environment variable ``QUTIFLOW_REGENERATE=<cycle-id>@<work>``, so a reused group id is
     never mistaken for ours), the group gets SIGTERM and, after ``--grace`` seconds,
     SIGKILL. Any other process group carrying a mark of this work folder is stopped the
     same way (a backstop for a driver killed before it wrote the pid file). The raw data
     is never re-synced under a running Snakemake;
   * stale Snakemake locks are removed: the lock files in ``.snakemake/locks`` that name
     files in the work folder, when no live Snakemake process names the work folder on its
     command line (one started by hand is left alone: the cycle fails instead, saying so).
     Only those lock files are removed: ``snakemake --unlock`` would delete the whole
     ``.snakemake/locks`` folder (Snakemake 9.27), and with it the locks of unrelated runs
     from the same checkout;
   * the pipeline always runs with ``--rerun-incomplete``: the cycle lock and the two steps
     above make the driver the only writer of the work folder, so an output marked
     incomplete there is one an interrupted run left;
4. snapshots the raw data: ``--source`` copies a folder (only files whose bytes changed;
   files gone from the source are removed), ``--source-git`` clones or fast-forwards a
   repository, into ``<work>/raw_data``;
5. runs the pipeline into ``<work>/results`` (through ``--profile`` when given, e.g. the
   Slurm profile; else locally with ``--cores``; the ``--configfile`` overlays, as many as
   given, passed on to Snakemake in their order, a later one overriding an earlier one's
   keys, as with Snakemake's own ``--configfile A B``), audits every artifact
   (``python -m qutiflow.audit --all``, which also writes the list of what it checked to
   ``<work>/audited.json``) and writes the Snakemake report;
6. compares the run with the previous publication (``cluster/changes.py``,
   ``qutiflow.runs.diff``); when there is one, the site is rebuilt to show "What changed in
   this release" on its index (config key ``changes``);
7. only when all of that succeeded, publishes exactly the audited artifacts under
   :data:`PUBLISHED` (the site, the figures), each copy checked against its audited sha256,
   plus the report (:data:`REPORT`, the one declared non-artifact: it has no provenance
   record). Never a dot-file, a temporary file, screenshots or anything the audit did not
   check. They go into ``<publish>/releases/<cycle-id>/``, and then ``<publish>/current``
   is pointed at it with an atomic rename, so readers see the old publication or the new
   one, never a mix; older releases beyond ``--keep`` are removed. A failed cycle keeps the
   previous publication. Each release also holds ``CHANGES.md`` and ``changes.json``: the
   difference to the previous publication (the first release says it has none);
8. appends its result line: ``ok`` / ``FAILED`` / ``skipped``, what changed, what was
   healed and how long it took.

How a Snakemake is never left running (Linux; each step runs in its own session, i.e. its
own process group, so a group signal reaches Snakemake and every job it started):

* the step's timeout, or SIGTERM / SIGINT to the driver: the driver stops the group itself
  (SIGTERM, then SIGKILL after ``--grace``) and logs ``FAILED``;
* the driver dies without a chance to act (``kill -9``, the OOM killer): a watchdog
  process started with each step (in its own session) blocks reading a pipe whose only
  write end the driver holds. The kernel closes it when the driver dies, however it dies,
  and the watchdog then stops the group. This is used instead of ``PR_SET_PDEATHSIG``,
  which reaches only Snakemake itself (not its jobs) and cannot escalate to SIGKILL;
* the watchdog is gone as well (killed with the driver, the node rebooted): the next
  cycle finds the group through ``<work>/snakemake.pid`` (step 3).

On SIGTERM Snakemake stops scheduling and waits for its running jobs; local jobs get the
group's SIGTERM too and end, so Snakemake exits and releases its lock. One stopped with
SIGKILL leaves its lock and incomplete markers, which the next cycle clears (step 3).
Through ``--profile profiles/slurm`` the jobs already submitted are not in the group:
Snakemake waits for them on SIGTERM (it cancels them only on SIGINT), and after SIGKILL they
run on in the queue.

Exit status: 0 for ok and skipped, 1 for a failed cycle.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import json
import os
import signal
import sys
import time
import traceback
from pathlib import Path

import changes
from cycle_failed import CycleFailed, now
from healing import clear_stale_locks, stop_leftover, unfinished
from process_groups import run_step
from publishing import REPORT, publish, published_files, sync_folder, sync_git


def cycle(args) -> int:
    publish_dir = Path(args.publish).resolve()
    work = Path(args.work).resolve()
    publish_dir.mkdir(parents=True, exist_ok=True)
    (work / "logs").mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    cycle_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}"
    summary = publish_dir / "regenerate.log"

    def line(*texts: str, elapsed: bool = True) -> None:
        with open(summary, "a", encoding="utf-8") as fh:  # one write: lines stay whole
            fh.write(
                "".join(
                    f"{now()} {cycle_id} {text}"
                    + (f" ({time.perf_counter() - start:.0f} s)" if elapsed else "")
                    + "\n"
                    for text in texts
                )
            )

    locks = [open(publish_dir / ".regenerate.lock", "w"), open(work / ".regenerate.lock", "w")]
    try:
        for lock in locks:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        for lock in locks:
            lock.close()
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(
                f"{now()} {cycle_id} started\n{now()} {cycle_id} skipped: another cycle "
                "holds the lock (0 s)\n"
            )
        return 0
    log_path = work / "logs" / f"cycle-{cycle_id}.log"
    previous = unfinished(summary)
    line(
        "started"
        + (
            f"; previous cycle {previous} did not finish (killed: see "
            f"{work / 'logs' / f'cycle-{previous}.log'})"
            if previous
            else ""
        ),
        elapsed=False,
    )
    olds = sorted(work.glob("logs/cycle-*.log"))
    for old in olds[: max(0, len(olds) - args.keep_logs + 1)]:
        old.unlink()
    step = {"name": "recover"}

    def interrupted(signum, _frame):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # let the clean-up run to its end
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        raise CycleFailed(step["name"], f"the driver got {signal.Signals(signum).name}")

    with locks[0], locks[1], open(log_path, "w", encoding="utf-8") as log:
        signal.signal(signal.SIGTERM, interrupted)
        signal.signal(signal.SIGINT, interrupted)
        log.write(f"cycle {cycle_id} (driver pid {os.getpid()}) in {work}\n")
        if previous:
            log.write(f"previous cycle {previous} did not finish\n")
        raw, results = work / "raw_data", work / "results"
        try:
            healed = [
                h
                for h in (stop_leftover(work, log, args.grace), clear_stale_locks(work, log, args.grace))
                if h
            ]
            step["name"] = "pull"
            if args.source_git:
                changed = sync_git(args.source_git, args.branch, raw, log)
            else:
                changed = sync_folder(Path(args.source), raw)
            log.write(f"pulled: {len(changed)} changed files {changed}\n")
            snakemake = [sys.executable, "-m", "snakemake"]
            config = snakemake_config(args.configfile, raw, results)
            executor = ["--workflow-profile", args.profile] if args.profile else ["--cores", str(args.cores)]
            manifest = work / "audited.json"
            manifest.unlink(missing_ok=True)
            (work / changes.SITE_JSON).unlink(missing_ok=True)
            step["name"] = "pipeline"
            run_step(
                "pipeline",
                snakemake + executor + ["--rerun-incomplete"] + config,
                log,
                work=work,
                cycle_id=cycle_id,
                timeout=args.timeout,
                grace=args.grace,
            )
            step["name"] = "changes"
            changes.snapshot(results, work)
            found = changes.compare(work, results)
            steps = []
            if found is not None:  # shown on the site's index: the site (and crate) again
                config = config + [f"changes={changes.write_site_json(work, found[0])}"]
                steps.append(("site", snakemake + executor + config))
            steps += [
                (
                    "audit",
                    [
                        sys.executable,
                        "-m",
                        "qutiflow.audit",
                        "--all",
                        "--results",
                        str(results),
                        "--manifest",
                        str(manifest),
                    ],
                ),
                ("report", snakemake + ["--cores", "1", "--report", str(results / REPORT)] + config),
            ]
            for name, cmd in steps:
                step["name"] = name
                run_step(name, cmd, log, work=work, cycle_id=cycle_id, timeout=args.timeout, grace=args.grace)
            step["name"] = "publish"
            artifacts = json.loads(manifest.read_text(encoding="utf-8"))["artifacts"]
            release = publish(
                results,
                publish_dir,
                cycle_id,
                args.keep,
                artifacts,
                extras=changes.release_files(found, cycle_id),
            )
            changes.promote(work, cycle_id)
            log.write(f"changes {changes.note(found)}\n")
            log.write(
                f"published {len(published_files(artifacts))} audited artifacts and {REPORT} to {release}\n"
            )
        except CycleFailed as err:
            log.write(f"FAILED at {err}\n")
            line(f"FAILED at {err}; the previous publication stays (log: {log_path})")
            return 1
        except Exception as err:  # a fault of the driver or of what it read: named, not "killed"
            cause = f"FAILED at {step['name']}: unexpected {type(err).__name__}: {str(err)[:300]}"
            log.write(f"{cause}\n{traceback.format_exc()}")
            line(f"{cause}; the previous publication stays (traceback in {log_path})")
            return 1
        finally:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.default_int_handler)
        note = f"; recovered: {'; '.join(healed)}" if healed else ""
        line(
            f"ok: published {release.relative_to(publish_dir)}; {len(changed)} raw files "
            f"changed; {changes.note(found)}{note}"
        )
        return 0


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
