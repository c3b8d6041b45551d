"""One regeneration cycle: heal, pull measurements, run, audit, report, publish; logged.

    .venv/bin/python cluster/regenerate.py --source DIR --work DIR --publish DIR \
        [--profile profiles/slurm] [--cores 2] [--configfile FILE] [--keep 5] \
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
   Slurm profile; else locally with ``--cores``), audits every artifact
   (``python -m qutiflow.audit --all``, which also writes the list of what it checked to
   ``<work>/audited.json``) and writes the Snakemake report;
6. only when all of that succeeded, publishes exactly the audited artifacts under
   :data:`PUBLISHED` (the site, the figures), each copy checked against its audited sha256,
   plus the report (:data:`REPORT`, the one declared non-artifact: it has no provenance
   record). Never a dot-file, a temporary file, screenshots or anything the audit did not
   check. They go into ``<publish>/releases/<cycle-id>/``, and then ``<publish>/current``
   is pointed at it with an atomic rename, so readers see the old publication or the new
   one, never a mix; older releases beyond ``--keep`` are removed. A failed cycle keeps the
   previous publication;
7. appends its result line: ``ok`` / ``FAILED`` / ``skipped``, what changed, what was
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
import filecmp
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: audited artifacts under these folders of the results are published
PUBLISHED = ("site/", "imagenet/figures/", "cifar10/figures/", "mnist/figures/", "all/figures/")
#: the one published file that is not an artifact (made by ``snakemake --report``, no record)
REPORT = "report.html"
#: the running step's process group, under the work folder
PIDFILE = "snakemake.pid"
#: environment variable marking every process of a step: ``<cycle-id>@<work folder>``
MARK = "QUTIFLOW_REGENERATE"
RESULT_WORDS = ("ok:", "FAILED", "skipped:")


class CycleFailed(Exception):
    def __init__(self, step: str, detail: str):
        super().__init__(f"{step}: {detail}")
        self.step = step


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- process groups (Linux /proc) ---------------------------------------------------------

def _stat(pid: int) -> tuple[bytes, int] | None:
    """(state, process group) of ``pid``, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read()
    except OSError:
        return None
    state, _ppid, pgrp = stat[stat.rindex(b")") + 2:].split()[:3]
    return state, int(pgrp)


def _pids() -> list[int]:
    return [int(e.name) for e in os.scandir("/proc") if e.name.isdigit()]


def group_members(pgid: int) -> list[int]:
    """The live (not zombie) processes of process group ``pgid``."""
    return [pid for pid in _pids()
            if (st := _stat(pid)) and st[1] == pgid and st[0] not in (b"Z", b"X")]


def mark_of(pid: int) -> str | None:
    """The value of ``MARK`` in the environment process ``pid`` was started with."""
    try:
        with open(f"/proc/{pid}/environ", "rb") as fh:
            env = fh.read().split(b"\0")
    except OSError:
        return None
    key = f"{MARK}=".encode()
    return next((v[len(key):].decode(errors="replace") for v in env if v.startswith(key)), None)


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
    raise CycleFailed("recover", f"processes {group_members(pgid)} of process group {pgid} "
                                 "survived SIGKILL; the raw data is left untouched")


def watchdog(fd: int, pgid: int, mark: str, grace: float) -> int:
    """Block until the driver's end of pipe ``fd`` closes (it ended the step, or died, even
    by ``kill -9``), then stop whatever is left of process group ``pgid``."""
    with os.fdopen(fd, "rb") as pipe:
        pipe.read()
    n = stop_group(pgid, mark, grace)
    if n:
        print(f"{now()} watchdog: the driver is gone; stopped {n} processes of process group "
              f"{pgid}", flush=True)
    return 0


def live_snakemakes(work: Path) -> list[int]:
    """Live Snakemake processes whose command line names the work folder."""
    found = []
    for pid in _pids():
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                args = fh.read().decode(errors="replace").split("\0")
        except OSError:
            continue
        is_snakemake = any(os.path.basename(a) == "snakemake" for a in args[:2]) or any(
            a == "-m" and b == "snakemake" for a, b in zip(args, args[1:]))
        st = _stat(pid)
        if (is_snakemake and st and st[0] not in (b"Z", b"X")
                and any(f"{work}{os.sep}" in a or a.endswith(str(work)) for a in args)):
            found.append(pid)
    return found


# --- healing ------------------------------------------------------------------------------

def stop_leftover(work: Path, log, grace: float) -> str | None:
    """Stop what an earlier cycle left running on ``work``: the process group recorded in
    ``<work>/snakemake.pid``, and (a backstop for a driver killed before it wrote that file)
    any process group whose processes carry a mark of this work folder."""
    pidfile = work / PIDFILE
    groups: dict[int, tuple[str, str]] = {}  # pgid -> (mark, what)
    try:
        info = json.loads(pidfile.read_text(encoding="utf-8"))
        groups[int(info["pgid"])] = (str(info["mark"]), f"cycle {info.get('cycle')} (step "
                                                        f"{info.get('step')})")
    except FileNotFoundError:
        pass
    except (ValueError, KeyError, TypeError, OSError) as err:
        log.write(f"ignoring an unreadable {pidfile}: {err}\n")
    for pid in _pids():
        mark, st = mark_of(pid), _stat(pid)
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
        raise CycleFailed("recover", f"a live Snakemake (pid {', '.join(map(str, holders))}) "
                                     f"works on {work} and holds its lock: wait for it or stop it")
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


# --- steps --------------------------------------------------------------------------------

def sync_folder(source: Path, dest: Path) -> list[str]:
    """Make ``dest`` a copy of ``source``; returns the relative paths that changed."""
    if not source.is_dir():
        raise CycleFailed("pull", f"source folder {source} does not exist")
    changed = []
    dest.mkdir(parents=True, exist_ok=True)
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    for rel in sorted(wanted):
        src, dst = source / rel, dest / rel
        if dst.is_file() and filecmp.cmp(src, dst, shallow=False):
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        tmp = dst.with_name(f".{dst.name}.incoming")
        shutil.copy2(src, tmp)
        os.replace(tmp, dst)
        changed.append(f"+{rel.as_posix()}")
    for path in sorted(p for p in dest.rglob("*") if p.is_file()):
        rel = path.relative_to(dest)
        if rel not in wanted and not rel.name.startswith("."):
            path.unlink()
            changed.append(f"-{rel.as_posix()}")
    return changed


def sync_git(url: str, branch: str, dest: Path, log) -> list[str]:
    """Clone or fast-forward ``dest`` to ``origin/<branch>``; returns the changed files."""
    def git(*args: str, cwd: Path | None = None) -> str:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              timeout=600)
        log.write(f"$ git {' '.join(args)}\n{proc.stdout}{proc.stderr}")
        if proc.returncode:
            raise CycleFailed("pull", f"git {args[0]} failed: {proc.stderr.strip()[-300:]}")
        return proc.stdout

    if not (dest / ".git").is_dir():
        git("clone", "--quiet", "--branch", branch, url, str(dest))
        return [f"+{p}" for p in git("ls-files", cwd=dest).split()]
    before = git("rev-parse", "HEAD", cwd=dest).strip()
    git("fetch", "--quiet", "origin", branch, cwd=dest)
    git("merge", "--ff-only", "--quiet", f"origin/{branch}", cwd=dest)
    return [f"~{p}" for p in git("diff", "--name-only", before, "HEAD", cwd=dest).split()]


def write_json(path: Path, value: dict) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(value), encoding="utf-8")
    os.replace(tmp, path)


def run_step(step: str, cmd: list[str], log, *, work: Path, cycle_id: str, timeout: float,
             grace: float) -> None:
    """Run ``cmd`` in its own process group, watched; nothing of it outlives the step."""
    log.write(f"\n$ {' '.join(cmd)}\n")
    log.flush()
    mark = f"{cycle_id}@{work}"
    env = {**os.environ, "PYTHONPATH": str(REPO / "workflow_scripts"), MARK: mark}
    proc = subprocess.Popen(cmd, cwd=REPO, stdin=subprocess.DEVNULL, stdout=log,
                            stderr=subprocess.STDOUT, env=env, start_new_session=True)
    pidfile = work / PIDFILE
    info = {"pgid": proc.pid, "mark": mark, "cycle": cycle_id, "step": step}
    dog, keep_alive = None, None
    try:
        write_json(pidfile, info)
        read_end, keep_alive = os.pipe()
        try:
            dog = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--watchdog",
                                    str(read_end), str(proc.pid), mark, str(grace)],
                                   pass_fds=(read_end,), stdin=subprocess.DEVNULL, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        finally:
            os.close(read_end)
        write_json(pidfile, {**info, "watchdog": dog.pid})
        try:
            status = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            stop_group(proc.pid, mark, grace)
            raise CycleFailed(step, f"timed out after {timeout:g} s; its processes were "
                                    "stopped") from None
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


def published_files(artifacts) -> list[str]:
    """The audited artifacts (logical ``results/…`` paths) a publication holds, relative to
    the results: those under :data:`PUBLISHED`, never one with a dot component.

    >>> published_files(["results/site/index.html", "results/site/.evil.html",
    ...                  "results/mnist/measurements.parquet", "results/all/figures/a.svg"])
    ['all/figures/a.svg', 'site/index.html']
    """
    out = []
    for logical in artifacts:
        rel = logical.removeprefix("results/")
        if rel.startswith(PUBLISHED) and not any(p.startswith(".") for p in rel.split("/")):
            out.append(rel)
    return sorted(out)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def publish(results: Path, publish_dir: Path, cycle: str, keep: int,
            artifacts: dict[str, str]) -> Path:
    """Copy the audited artifacts under :data:`PUBLISHED` and the report into a new release,
    each artifact checked against its audited sha256; then swap ``current`` atomically."""
    releases = publish_dir / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    for old in releases.glob(".*.staging"):  # this cycle's, or one an earlier cycle left
        shutil.rmtree(old)
    staging = releases / f".{cycle}.staging"
    staging.mkdir()
    files = published_files(artifacts)
    if not files:
        raise CycleFailed("publish", "the audit covered nothing under " + ", ".join(PUBLISHED))
    for rel in files + [REPORT]:
        src, dst = results / rel, staging / rel
        if not src.is_file():
            raise CycleFailed("publish", f"{src} is missing")
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)
        if rel != REPORT and sha256(dst) != artifacts[f"results/{rel}"]:
            raise CycleFailed("publish", f"{src} changed after the audit")
    release = releases / cycle
    os.replace(staging, release)
    link = publish_dir / ".current.new"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(Path("releases") / cycle)
    os.replace(link, publish_dir / "current")  # atomic: readers see old or new
    for old in sorted(p for p in releases.iterdir() if not p.name.startswith("."))[:-keep]:
        shutil.rmtree(old)
    return release


# --- the cycle ----------------------------------------------------------------------------

def cycle(args) -> int:
    publish_dir = Path(args.publish).resolve()
    work = Path(args.work).resolve()
    publish_dir.mkdir(parents=True, exist_ok=True)
    (work / "logs").mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    cycle_id = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}"
    summary = publish_dir / "regenerate.log"

    def line(*texts: str, elapsed: bool = True) -> None:
        with open(summary, "a", encoding="utf-8") as fh:  # one write: lines stay whole
            fh.write("".join(f"{now()} {cycle_id} {text}"
                             + (f" ({time.perf_counter() - start:.0f} s)" if elapsed else "")
                             + "\n" for text in texts))

    locks = [open(publish_dir / ".regenerate.lock", "w"), open(work / ".regenerate.lock", "w")]
    try:
        for lock in locks:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        for lock in locks:
            lock.close()
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(f"{now()} {cycle_id} started\n{now()} {cycle_id} skipped: another cycle "
                     "holds the lock (0 s)\n")
        return 0
    log_path = work / "logs" / f"cycle-{cycle_id}.log"
    previous = unfinished(summary)
    line("started" + (f"; previous cycle {previous} did not finish (killed: see "
                      f"{work / 'logs' / f'cycle-{previous}.log'})" if previous else ""),
         elapsed=False)
    olds = sorted(work.glob("logs/cycle-*.log"))
    for old in olds[:max(0, len(olds) - args.keep_logs + 1)]:
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
            healed = [h for h in (stop_leftover(work, log, args.grace),
                                  clear_stale_locks(work, log, args.grace)) if h]
            step["name"] = "pull"
            if args.source_git:
                changed = sync_git(args.source_git, args.branch, raw, log)
            else:
                changed = sync_folder(Path(args.source), raw)
            log.write(f"pulled: {len(changed)} changed files {changed}\n")
            snakemake = [sys.executable, "-m", "snakemake"]
            config = (["--configfile", args.configfile] if args.configfile else []) + [
                "--config", f"raw_data={raw}", f"results={results}"]
            executor = (["--workflow-profile", args.profile] if args.profile
                        else ["--cores", str(args.cores)])
            manifest = work / "audited.json"
            manifest.unlink(missing_ok=True)
            for name, cmd in (
                    ("pipeline", snakemake + executor + ["--rerun-incomplete"] + config),
                    ("audit", [sys.executable, "-m", "qutiflow.audit", "--all", "--results",
                               str(results), "--manifest", str(manifest)]),
                    ("report", snakemake + ["--cores", "1", "--report",
                                            str(results / REPORT)] + config)):
                step["name"] = name
                run_step(name, cmd, log, work=work, cycle_id=cycle_id, timeout=args.timeout,
                         grace=args.grace)
            step["name"] = "publish"
            artifacts = json.loads(manifest.read_text(encoding="utf-8"))["artifacts"]
            release = publish(results, publish_dir, cycle_id, args.keep, artifacts)
            log.write(f"published {len(published_files(artifacts))} audited artifacts and "
                      f"{REPORT} to {release}\n")
        except CycleFailed as err:
            log.write(f"FAILED at {err}\n")
            line(f"FAILED at {err}; the previous publication stays (log: {log_path})")
            return 1
        finally:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.default_int_handler)
        note = f"; recovered: {'; '.join(healed)}" if healed else ""
        line(f"ok: published {release.relative_to(publish_dir)}; {len(changed)} raw files "
             f"changed{note}")
        return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--watchdog"]:  # started by run_step: fd, process group, mark, grace
        fd, pgid, mark, grace = argv[1:5]
        return watchdog(int(fd), int(pgid), mark, float(grace))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = ap.add_mutually_exclusive_group(required=True)
    source.add_argument("--source", help="folder holding the raw data (raw_data layout)")
    source.add_argument("--source-git", help="git repository holding the raw data")
    ap.add_argument("--branch", default="main", help="branch of --source-git (default main)")
    ap.add_argument("--work", required=True, help="working folder: raw-data snapshot, results")
    ap.add_argument("--publish", required=True, help="folder the site and report are published to")
    ap.add_argument("--profile", help="Snakemake workflow profile, e.g. profiles/slurm")
    ap.add_argument("--cores", type=int, default=2, help="local cores when no profile (default 2)")
    ap.add_argument("--configfile", help="config overlay for the raw data's file names")
    ap.add_argument("--keep", type=int, default=5, help="releases kept (default 5)")
    ap.add_argument("--keep-logs", type=int, default=20,
                    help="cycle logs kept in <work>/logs (default 20)")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per step (default 3600)")
    ap.add_argument("--grace", type=float, default=60,
                    help="seconds between SIGTERM and SIGKILL when stopping a step (default 60)")
    return cycle(ap.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
