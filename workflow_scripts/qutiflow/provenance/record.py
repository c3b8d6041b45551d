"""A job's provenance record: built before the job runs, written after it succeeded.

Every job of the pipeline writes one record, ``{results}/provenance/<rule>[-<wildcards>].json``:

* ``id``: sha256 of the job's *recipe*: rule, wildcards, params, the sha256 of every
  input file and of every code file (the rule's script and the library modules the rule
  declares as its ``code`` input), and the versions of Python and the key packages. Outputs, times, the
  machine and the git state are not part of it, so the same recipe gives the same id
  anywhere, and every figure carries it (SVG ``<metadata>``, PNG ``tEXt`` chunk: see
  :mod:`.tagging`);
* ``inputs``, ``code``, ``outputs``: logical path (:mod:`.files`) and sha256 of each file;
* ``git``: the project's commit and whether the work tree had uncommitted changes;
* ``roots``: where ``raw_data`` was when the job ran (to find raw inputs again).

No wall-clock time is recorded: two identical runs write identical records. Nothing here
knows Snakemake (:mod:`.snakemake_job` adapts a job to :func:`begin`) or keeps state: the
caller holds the record :func:`begin` returns, passes its id to what saves figures, and
hands it to :func:`finish`.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from .. import atomic
from .files import REPO, Roots, logical_params, sha256_file
from .store import RECORDS, record_name

PACKAGES = ("snakemake", "pandas", "numpy", "pyarrow", "altair", "vl-convert-python", "jsonschema", "PyYAML")


def versions() -> dict[str, str]:
    """Python's version and each of :data:`PACKAGES`' ("not installed" when absent)."""
    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def git_state(repo: Path = REPO) -> dict:
    """Commit and dirty flag of the project's work tree; None where git cannot tell."""

    def git(*args: str) -> str | None:
        try:
            proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return proc.stdout if proc.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=no")
    return {
        "commit": commit.strip() if commit else None,
        "dirty": None if status is None else bool(status.strip()),
    }


def _entries(paths, roots: Roots) -> list[dict]:
    seen: dict[str, str] = {}
    for p in paths:
        if os.path.isfile(p):
            seen.setdefault(roots.logical(p), sha256_file(p))
    return [{"path": k, "sha256": v} for k, v in sorted(seen.items())]


def recipe_id(recipe: dict) -> str:
    return hashlib.sha256(json.dumps(recipe, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def begin(
    *, rule: str, wildcards: dict, params: dict, inputs: list[str], code: list[str], roots: Roots
) -> dict:
    """The record of a job about to run: its recipe and ``id``. Hashes the job's inputs and
    code (its script and the library files the rule declares) before it runs, so the id
    is known to the job (figures carry it); give the record to :func:`finish` after."""
    recipe = {
        "rule": rule,
        "wildcards": {str(k): str(v) for k, v in sorted(wildcards.items())},
        "params": logical_params(params, roots),
        "inputs": _entries(inputs, roots),
        "code": _entries(code, roots),
        "versions": versions(),
    }
    return {"id": recipe_id(recipe), **recipe}


def finish(
    begun: dict,
    *,
    outputs: list[str],
    roots: Roots,
    raw_data_root: str,
    path: str | Path | None = None,
    counts: list[dict] = (),
    warnings: list[str] = (),
) -> Path:
    """Hash the outputs and write the record :func:`begin` returned (atomically) next to
    the others, at ``path`` when given (a job's declared output, which must be where the
    readers look for it); return its path. ``counts`` (``{"what", "n"}``: what the job
    dropped or filled) and ``warnings`` (its warning lines) are for the run's summary."""
    record = {
        **begun,
        "counts": list(counts),
        "warnings": list(warnings),
        "outputs": _entries(outputs, roots),
        "git": git_state(roots.repo),
        "roots": {"raw_data": raw_data_root},
    }
    expected = roots.results / RECORDS / record_name(record["rule"], record["wildcards"])
    if path is not None and os.path.abspath(path) != os.path.abspath(expected):
        raise ValueError(
            f"the record of {record['rule']} is declared as {path}; its readers look for {expected}"
        )
    path = expected
    atomic.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", path)
    return path
