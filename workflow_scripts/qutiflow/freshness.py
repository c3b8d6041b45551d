"""Results that no longer match what is on disk, found from their own records.

Snakemake decides what is up to date from its records in ``.snakemake/``, not from the
results folder. Those records can describe other files than the ones there: Snakemake keeps
the record of a job that failed (with the failed inputs' checksums), and a results folder
put back from a backup, copied from another checkout or edited by hand is not what its
records describe. Snakemake then reports "Nothing to be done" for results made from other
inputs than those there now.

Each job's provenance record (``{results}/provenance/<job>.json``) travels with the results
and names the sha256 of every input, code file and output. :func:`stale_outputs` compares
them with the files now on disk, and the workflow (rules/common.smk) marks every output it
finds so that Snakemake rebuilds it. Hashes go through :func:`qutiflow.raw_inputs.file_sha256`,
whose cache the rules' content parameters share, so the raw data is read once per run; an
output is hashed only when its modification time is later than its record's (a hand edit).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from .provenance.files import Roots
from .provenance.store import RECORDS


@dataclass(frozen=True)
class Stale:
    """An output of a record (its path under results) and why it must be rebuilt."""

    output: str
    why: str


def _sha256(path: Path) -> str | None:
    from .raw_inputs import file_sha256  # the cache the rules' content parameters share

    return file_sha256(str(path)) if path.is_file() else None


def _short(digest: str | None) -> str:
    return digest[:12] if digest else "missing"


def _changed_input(record: dict, roots: Roots, raw_now: set[str] | None) -> str | None:
    """Why the inputs or code of ``record`` are not the files now there, or None."""
    for entry in [*record.get("inputs", []), *record.get("code", [])]:
        logical = entry["path"]
        if logical.startswith("results/"):
            continue  # another job's output: its own record is checked
        now = _sha256(roots.physical(logical))
        if now != entry["sha256"]:
            return f"{logical}: recorded sha256 {_short(entry['sha256'])}, now {_short(now)}"
    if raw_now is not None:
        recorded = {e["path"] for e in record.get("inputs", []) if e["path"].startswith("raw_data/")}
        for logical in sorted(raw_now - recorded):
            return f"{logical} was added since it was made"
    return None


def _edited_outputs(record: dict, roots: Roots, record_mtime: int) -> list[Stale]:
    out = []
    for entry in record.get("outputs", []):
        path = roots.physical(entry["path"])
        try:
            newer = path.stat().st_mtime_ns > record_mtime
        except FileNotFoundError:
            continue  # missing: Snakemake rebuilds it by itself
        if newer and _sha256(path) != entry["sha256"]:
            out.append(Stale(entry["path"], "changed after it was made"))
    return out


def stale_outputs(results: str | Path, raw_data: str | Path, raw_files: dict[str, list[str]]) -> list[Stale]:
    """Every output under ``results`` that its record shows to be out of date: made from
    other inputs or code than the files now there (for the rules named in ``raw_files``,
    rule → the raw files it reads now, also when a raw file was added), or changed after it
    was made. A record that cannot be read is skipped (the audit names it)."""
    roots = Roots(results, raw_data)
    folder = Path(results) / RECORDS
    stale: list[Stale] = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            mtime = path.stat().st_mtime_ns
            raw_now = raw_files.get(record["rule"])
            now = None if raw_now is None else {roots.logical(p) for p in raw_now}
            why = _changed_input(record, roots, now)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
        if why:
            stale += [Stale(o["path"], f"made from other files ({why})") for o in record["outputs"]]
        else:
            stale += _edited_outputs(record, roots, mtime)
    return [s for s in stale if os.path.lexists(roots.physical(s.output))]
