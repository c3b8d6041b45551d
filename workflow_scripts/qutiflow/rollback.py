"""A run of the pipeline as one transaction over the results folder.

Snakemake deletes the outputs of a job before it runs and again when it fails, so a bad
input would otherwise cost the last good tables. The Snakefile's hooks call:

* :func:`begin` (``onstart``: jobs are about to run) snapshots the results folder as hard
  links under ``{results}/.rollback/`` (no bytes copied; Snakemake unlinks an output before
  its job writes it, so the snapshot keeps the earlier file). A snapshot left by a run that
  was killed is kept as it is: it still holds the last good state.
* :func:`restore` (``onerror``: a job failed, the run's audit job included) puts every
  file back as it was, removes the files the failed run added, and keeps the failed run's
  logs in ``logs/failed-run/``. Each restored file gets the modification time 0 (1970), so
  that the next run reruns the jobs the failed run had attempted, whatever made it try
  them: their Snakemake metadata is dropped (rules/transaction.smk), so a code or
  parameter change would not be seen again, but an output older than its inputs is.
* :func:`commit` (``onsuccess``: every job passed, the audit of what changed among them)
  drops the snapshot.

Only one run writes a results folder at a time (Snakemake's lock on the working folder).
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

FOLDER = ".rollback"
STATE = "state.json"
FAILED_LOGS = "logs/failed-run"


@dataclass(frozen=True)
class Restored:
    """What :func:`restore` did: files put back, files removed, files it could not save."""

    restored: list[str]
    removed: list[str]
    lost: list[str]

    def summary(self, results: Path) -> str:
        text = (
            f"results restored to the last good run: {len(self.restored)} files put back, "
            f"{len(self.removed)} files of the failed run removed; the failed run's logs "
            f"are in {results / FAILED_LOGS}"
        )
        if self.lost:
            text += (
                f"; {len(self.lost)} files had been changed in place and could not be "
                f"restored: {', '.join(self.lost[:5])}"
            )
        return text


def _files(results: Path) -> list[str]:
    """Every file under results (relative, sorted) except the snapshot and saved logs."""
    out = []
    for dirpath, dirnames, filenames in os.walk(results):
        rel_dir = os.path.relpath(dirpath, results)
        if rel_dir == ".":
            dirnames[:] = [d for d in dirnames if d != FOLDER]
        elif rel_dir.replace(os.sep, "/") == "logs":
            dirnames[:] = [d for d in dirnames if d != "failed-run"]
        for name in filenames:
            rel = os.path.normpath(os.path.join(rel_dir, name)).replace(os.sep, "/")
            if os.path.isfile(os.path.join(results, rel)):
                out.append(rel)
    return sorted(out)


def _stat(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def _link_or_copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:  # another file system, or links not supported
        shutil.copy2(src, dst)


def pending(results: str | Path) -> bool:
    """True when a snapshot exists: a run is going on, or the last one was killed."""
    return (Path(results) / FOLDER / STATE).is_file()


def begin(results: str | Path) -> int:
    """Snapshot the results folder; returns the number of files it holds. Keeps an existing
    snapshot (of a run that never finished) as the last good state."""
    results = Path(results)
    root = results / FOLDER
    if (root / STATE).is_file():
        return len(json.loads((root / STATE).read_text(encoding="utf-8"))["files"])
    if root.exists():  # a snapshot cut short while it was being taken
        shutil.rmtree(root)
    files = {}
    tmp = results / f"{FOLDER}.tmp"
    if tmp.exists():
        shutil.rmtree(tmp)
    if results.is_dir():
        for rel in _files(results):
            src = results / rel
            _link_or_copy(src, tmp / "files" / rel)
            files[rel] = _stat(src)
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / STATE).write_text(json.dumps({"files": files}, sort_keys=True), encoding="utf-8")
    os.replace(tmp, root)
    return len(files)


def restore(results: str | Path) -> Restored | None:
    """Put the results folder back as the snapshot holds it; None when there is none."""
    results = Path(results)
    root = results / FOLDER
    if not (root / STATE).is_file():
        return None
    files = json.loads((root / STATE).read_text(encoding="utf-8"))["files"]
    _save_failed_logs(results)
    removed = [rel for rel in _files(results) if rel not in files]
    for rel in removed:
        (results / rel).unlink()
    restored, lost = [], []
    for rel, recorded in sorted(files.items()):
        saved, target = root / "files" / rel, results / rel
        if target.is_file() and target.stat().st_ino == recorded[0]:
            if _stat(target)[1:] != recorded[1:]:
                lost.append(rel)  # written in place through the link: the old bytes are gone
            continue  # otherwise never touched by the failed run
        if _stat(saved)[1:] != recorded[1:]:
            lost.append(rel)  # written in place through the link: the old bytes are gone
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        incoming = target.with_name(f".{target.name}.restore")
        incoming.unlink(missing_ok=True)
        _link_or_copy(saved, incoming)
        os.utime(incoming, ns=(0, 0))
        os.replace(incoming, target)
        restored.append(rel)
    _prune_empty_dirs(results, removed)
    shutil.rmtree(root)
    return Restored(restored, removed, lost)


def changed(results: str | Path) -> list[str]:
    """Files under results that are new or replaced since the snapshot (what this run made)."""
    results = Path(results)
    state = results / FOLDER / STATE
    files = json.loads(state.read_text(encoding="utf-8"))["files"] if state.is_file() else {}
    return [
        rel for rel in _files(results) if rel not in files or (results / rel).stat().st_ino != files[rel][0]
    ]


def commit(results: str | Path) -> None:
    """Drop the snapshot: the run succeeded."""
    root = Path(results) / FOLDER
    if root.exists():
        shutil.rmtree(root)
    failed = Path(results) / FAILED_LOGS
    if failed.exists():
        shutil.rmtree(failed)


def failed_log_path(results: str | Path, log: str) -> str:
    """Where :func:`restore` keeps the log file ``log`` of a failed run: the job logs
    directly under ``{results}/logs`` move to ``logs/failed-run/``; any other path stays.

    >>> failed_log_path("out", "out/logs/analyse_measured_mnist.log")
    'out/logs/failed-run/analyse_measured_mnist.log'
    >>> failed_log_path("out", "slurm/1234.log")
    'slurm/1234.log'
    """
    path = Path(log)
    if path.suffix == ".log" and os.path.abspath(path.parent) == os.path.abspath(Path(results) / "logs"):
        return str(path.parent / Path(FAILED_LOGS).name / path.name)
    return log


def _save_failed_logs(results: Path) -> None:
    logs = results / "logs"
    dest = results / FAILED_LOGS
    if dest.exists():
        shutil.rmtree(dest)
    if not logs.is_dir():
        return
    for log in sorted(logs.glob("*.log")):
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copy2(log, dest / log.name)


def _prune_empty_dirs(results: Path, removed: list[str]) -> None:
    for rel in sorted(
        {os.path.dirname(r) for r in removed if os.path.dirname(r)}, key=lambda d: -d.count("/")
    ):
        d = results / rel
        while d != results and d.is_dir() and not any(d.iterdir()):
            d.rmdir()
            d = d.parent
