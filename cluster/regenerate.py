"""One regeneration cycle: pull measurements, run, audit, report, publish; one log line.

    .venv/bin/python cluster/regenerate.py --source DIR --work DIR --publish DIR \
        [--profile profiles/slurm] [--cores 2] [--configfile FILE] [--keep 5]
    .venv/bin/python cluster/regenerate.py --source-git URL [--branch main] ...

1. takes the cycle lock ``<publish>/.regenerate.lock`` (``flock``, not waiting): a cycle that
   finds another one running logs ``skipped`` and exits 0, so overlapping schedules never
   interleave (Snakemake's own directory lock guards the work folder as well);
2. snapshots the raw data: ``--source`` copies a folder (only files whose bytes changed;
   files gone from the source are removed), ``--source-git`` clones or fast-forwards a
   repository, into ``<work>/raw_data``;
3. runs the pipeline into ``<work>/results`` (through ``--profile`` when given, e.g. the
   Slurm profile; else locally with ``--cores``), audits every artifact
   (``python -m qutiflow.audit --all``) and writes the Snakemake report;
4. only when all of that succeeded, publishes: copies the site, the report and the figures
   into ``<publish>/releases/<cycle>/`` and then points ``<publish>/current`` at it with
   an atomic rename, so readers see the old publication or the new one, never a mix;
   older releases beyond ``--keep`` are removed. A failed cycle keeps the previous
   publication;
5. appends one line to ``<publish>/regenerate.log``: UTC time, ``ok`` / ``FAILED`` /
   ``skipped``, what changed and how long it took (details in ``<work>/cycle.log``).

Exit status: 0 for ok and skipped, 1 for a failed cycle.
"""
from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import filecmp
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: what a publication holds, relative to the results folder (missing ones are skipped)
PUBLISHED = ["site", "report.html", "imagenet/figures", "cifar10/figures", "mnist/figures",
             "all/figures"]


class CycleFailed(Exception):
    def __init__(self, step: str, detail: str):
        super().__init__(f"{step}: {detail}")
        self.step = step


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


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


def run_step(step: str, cmd: list[str], log, timeout: float) -> None:
    log.write(f"\n$ {' '.join(cmd)}\n")
    log.flush()
    try:
        proc = subprocess.run(cmd, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
                              timeout=timeout, env={**os.environ,
                                                    "PYTHONPATH": str(REPO / "workflow_scripts")})
    except subprocess.TimeoutExpired:
        raise CycleFailed(step, f"timed out after {timeout:.0f} s") from None
    if proc.returncode:
        raise CycleFailed(step, f"exit status {proc.returncode} (see the cycle log)")


def publish(results: Path, publish_dir: Path, cycle: str, keep: int) -> Path:
    """Copy the publication into a new release, then swap ``current`` atomically."""
    releases = publish_dir / "releases"
    staging = releases / f".{cycle}.staging"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    for rel in PUBLISHED:
        src = results / rel
        if src.is_dir():
            shutil.copytree(src, staging / rel, ignore=shutil.ignore_patterns("screenshots"))
        elif src.is_file():
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, staging / rel)
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


def cycle(args) -> int:
    publish_dir = Path(args.publish).resolve()
    work = Path(args.work).resolve()
    publish_dir.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    summary = publish_dir / "regenerate.log"

    def line(text: str) -> None:
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(f"{now()} {text} ({time.perf_counter() - start:.0f} s)\n")

    lock = open(publish_dir / ".regenerate.lock", "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        line("skipped: another cycle holds the lock")
        return 0
    with lock, open(work / "cycle.log", "w", encoding="utf-8") as log:
        raw, results = work / "raw_data", work / "results"
        try:
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
            run_step("pipeline", snakemake + executor + config, log, args.timeout)
            run_step("audit", [sys.executable, "-m", "qutiflow.audit", "--all", "--results",
                               str(results)], log, args.timeout)
            run_step("report", snakemake + ["--cores", "1", "--report",
                                            str(results / "report.html")] + config,
                     log, args.timeout)
            digest = hashlib.sha256("\n".join(sorted(changed)).encode()).hexdigest()[:8]
            cycle_id = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S") + f"-{digest}"
            release = publish(results, publish_dir, cycle_id, args.keep)
        except CycleFailed as err:
            line(f"FAILED at {err}; the previous publication stays (log: {work / 'cycle.log'})")
            return 1
        line(f"ok: published {release.relative_to(publish_dir)}; {len(changed)} raw files changed")
        return 0


def main(argv: list[str] | None = None) -> int:
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
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per step (default 3600)")
    return cycle(ap.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
