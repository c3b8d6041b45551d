"""Pulling the raw data into the work folder, and publishing a release of what the audit
covered."""

from __future__ import annotations

import filecmp
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

from cycle_failed import CycleFailed
from qutiflow import artifacts


def published_folders(catalogue: artifacts.Catalogue) -> tuple[str, ...]:
    """The site and every folder of figures the catalogue knows (of any task)."""
    folders = artifacts.figure_folders(catalogue, list(catalogue.tasks))
    return ("site/", *(f"{d}/figures/" for d in folders))


#: audited artifacts under these folders of the results are published: the site and the
#: figures of this checkout's artifact catalogue (config/artifacts.yaml)
PUBLISHED = published_folders(artifacts.load())
#: the one published file that is not an artifact (made by ``snakemake --report``, no record)
REPORT = "report.html"


def refuse_links_out(folder: Path, what: str) -> None:
    """Raise :class:`CycleFailed` when a file or folder under ``folder`` (``.git`` aside) is
    a link that leads out of it: its target is named, nothing of it is read or copied."""
    root = os.path.realpath(folder)
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if d != ".git"]
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                continue
            real = os.path.realpath(path)
            if real != root and not real.startswith(root + os.sep):
                rel = os.path.relpath(path, folder)
                raise CycleFailed(
                    "pull",
                    f"{rel} in the {what} is a link to {real}, outside it: only files inside "
                    "the data are published; commit the file itself, or remove the link",
                )


def sync_folder(source: Path, dest: Path) -> list[str]:
    """Make ``dest`` a copy of ``source``; returns the relative paths that changed."""
    if not source.is_dir():
        raise CycleFailed("pull", f"source folder {source} does not exist")
    refuse_links_out(source, f"source folder {source}")
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
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=600)
        log.write(f"$ git {' '.join(args)}\n{proc.stdout}{proc.stderr}")
        if proc.returncode:
            raise CycleFailed("pull", f"git {args[0]} failed: {proc.stderr.strip()[-300:]}")
        return proc.stdout

    if not (dest / ".git").is_dir():
        git("clone", "--quiet", "--branch", branch, url, str(dest))
        refuse_links_out(dest, f"repository {url}")
        return [f"+{p}" for p in git("ls-files", cwd=dest).split()]
    before = git("rev-parse", "HEAD", cwd=dest).strip()
    git("fetch", "--quiet", "origin", branch, cwd=dest)
    git("merge", "--ff-only", "--quiet", f"origin/{branch}", cwd=dest)
    refuse_links_out(dest, f"repository {url}")
    return [f"~{p}" for p in git("diff", "--name-only", before, "HEAD", cwd=dest).split()]


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


def publish(
    results: Path,
    publish_dir: Path,
    cycle: str,
    keep: int,
    artifacts: dict[str, str],
    extras: dict[str, bytes] | None = None,
) -> Path:
    """Copy the audited artifacts under :data:`PUBLISHED` and the report into a new release,
    each artifact checked against its audited sha256, and write ``extras`` (name → bytes:
    CHANGES.md, changes.json) beside them; then swap ``current`` atomically."""
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
    for name, data in sorted((extras or {}).items()):
        (staging / name).write_bytes(data)
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
