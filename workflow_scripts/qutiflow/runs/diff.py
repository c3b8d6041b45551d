"""What changed between two runs, from their provenance records, and why.

:func:`compare` reads the records of an old and a new results folder and returns:

* ``sources``: the changes that can make an artifact change: raw inputs and reference
  tables (files no job made) added, removed or changed, with the rows that changed
  (:mod:`.rows`); code files; the params of each job; package versions; jobs added or
  removed;
* ``artifacts``: every artifact (a job's output) added, removed or changed, each with the
  sources that reached it through its lineage, as chains of paths from the source to the
  artifact (the shortest chain per source); an artifact that changed with no recorded
  cause says so;
* ``unchanged``: how many artifacts are byte-identical (counted, not listed).

The chains follow the new run's records: an input of a job that is itself an artifact
that changed passes its causes on.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from ..provenance.files import REPO
from ..provenance.store import RECORDS, load_records
from . import rows
from .crate_ids import job_name

NO_CAUSE = "no recorded input, code, param or version changed (the job is not deterministic?)"


class DiffError(Exception):
    """A folder that cannot be compared; the message names it and what to do."""


def load(results: str | Path) -> dict[str, dict]:
    """Job name → record of a results folder; raises :class:`DiffError` without records."""
    folder = Path(results) / RECORDS
    if not folder.is_dir():
        raise DiffError(
            f"{results}: no provenance records (no folder {folder}); name a results folder of a finished run"
        )
    records = load_records(results)
    if not records:
        raise DiffError(f"{results}: the folder {folder} holds no record; run the pipeline")
    return {job_name(r): r for r in records}


def _files(records: dict[str, dict], kind: str) -> dict[str, str]:
    return {e["path"]: e["sha256"] for r in records.values() for e in r[kind]}


def _compare_maps(old: dict, new: dict) -> dict[str, dict]:
    """Keys added, removed or changed: key → {"old": value or None, "new": value or None}."""
    return {
        k: {"old": old.get(k), "new": new.get(k)}
        for k in sorted(set(old) | set(new))
        if old.get(k) != new.get(k)
    }


def _raw_root(records: dict[str, dict], override: str | Path | None) -> Path:
    if override is not None:
        return Path(override)
    raw = next(iter(records.values())).get("roots", {}).get("raw_data", "raw_data")
    return Path(raw) if Path(raw).is_absolute() else REPO / raw


def _row_changes(path: str, old_dir: Path, new_dir: Path, old_raw: Path, new_raw: Path) -> dict | None:
    """Rows of a changed raw file: from the two runs' validated measurements when they hold
    rows of it, else from the two versions of the file when both are at hand and differ."""
    rel = path.removeprefix("raw_data/")
    if not path.startswith("raw_data/"):
        return None
    table = rows.VALIDATED
    a, b = (rows.read_rows(d, table, source_file=rel) for d in (old_dir, new_dir))
    if b and a is not None:  # a file new in this run: every row of it is added
        return rows.table_changes(a, b, rows.KEYS[table])
    a_file, b_file = old_raw / rel, new_raw / rel
    if not (a_file.is_file() and b_file.is_file()):
        return None
    a_text = a_file.read_text(encoding="utf-8", errors="replace")
    b_text = b_file.read_text(encoding="utf-8", errors="replace")
    return rows.row_changes(a_text, b_text) if a_text != b_text else None


def _table_changes(old_dir: Path, new_dir: Path, changed: set[str]) -> dict[str, dict]:
    """Row changes of the validated catalogues that changed (platforms, topologies)."""
    out = {}
    for table, keys in rows.KEYS.items():
        logical = f"results/{table}"
        if table == rows.VALIDATED or logical not in changed:
            continue
        a, b = rows.read_rows(old_dir, table), rows.read_rows(new_dir, table)
        if a is not None and b is not None:
            out[logical] = rows.table_changes(a, b, keys)
    return out


def _likeness(chain: list[str], path: str) -> float:
    """How alike the step before ``path`` in a chain and ``path`` are named (0 to 1)."""
    if len(chain) < 2:
        return 0.0
    name = lambda p: p.removeprefix("results/").replace("/", "_").rsplit(".", 1)[0]  # noqa: E731
    return difflib.SequenceMatcher(None, name(chain[-2]), name(path)).ratio()


def compare(
    old_dir: str | Path,
    new_dir: str | Path,
    *,
    old_raw: str | Path | None = None,
    new_raw: str | Path | None = None,
) -> dict:
    """The difference between two runs (see the module docstring); JSON-serialisable."""
    old_dir, new_dir = Path(old_dir), Path(new_dir)
    old, new = load(old_dir), load(new_dir)
    old_out, new_out = _files(old, "outputs"), _files(new, "outputs")
    inputs = _input_changes(old, new, set(old_out) | set(new_out), (old_dir, new_dir), (old_raw, new_raw))
    code = _compare_maps(_files(old, "code"), _files(new, "code"))
    params = {}
    for job in sorted(set(old) & set(new)):
        changed = _compare_maps(old[job]["params"], new[job]["params"])
        if changed:
            params[job] = changed
    versions = _compare_maps(next(iter(old.values()))["versions"], next(iter(new.values()))["versions"])
    jobs = {"added": sorted(set(new) - set(old)), "removed": sorted(set(old) - set(new))}
    changed_out = {p for p in new_out if old_out.get(p) != new_out[p]}
    causes = _Causes(new, changed_out, inputs=inputs, code=code, params=params, versions=versions, jobs=jobs)
    tables = _table_changes(old_dir, new_dir, changed_out)
    artifacts = []
    for path in sorted(changed_out):
        reasons = causes(path)
        artifacts.append(
            {
                "path": path,
                "change": "changed" if path in old_out else "added",
                "job": causes.by_output[path][0],
                "reasons": [{"source": s, "chain": c} for s, c in sorted(reasons.items())]
                or [{"source": NO_CAUSE, "chain": [path]}],
            }
        )
    for path in sorted(set(old_out) - set(new_out)):
        artifacts.append({"path": path, "change": "removed", "job": None, "reasons": []})
    unchanged = sum(1 for p in new_out if old_out.get(p) == new_out[p])
    differs = bool(inputs or code or params or versions or jobs["added"] or jobs["removed"] or artifacts)
    return {
        "old": str(old_dir),
        "new": str(new_dir),
        "differs": differs,
        "sources": {"inputs": inputs, "code": code, "params": params, "versions": versions, "jobs": jobs},
        "tables": tables,
        "artifacts": artifacts,
        "unchanged": unchanged,
    }


def _input_changes(old: dict, new: dict, made: set[str], dirs: tuple[Path, Path], raws: tuple) -> dict:
    """The changed inputs of the two runs that neither run made, each changed file with
    its changed rows (``rows``) where they can be found."""
    old_dir, new_dir = dirs
    old_in = {p: s for p, s in _files(old, "inputs").items() if p not in made}
    new_in = {p: s for p, s in _files(new, "inputs").items() if p not in made}
    inputs = _compare_maps(old_in, new_in)
    raw_old, raw_new = _raw_root(old, raws[0]), _raw_root(new, raws[1])
    for path, change in inputs.items():
        if change["new"]:
            found = _row_changes(path, old_dir, new_dir, raw_old, raw_new)
            if found:
                change["rows"] = found
    return inputs


class _Causes:
    """The causes of a changed output of the new run: called with its path, source → chain
    of paths from the source to it (shortest per source), through the changed outputs it
    was made from; each path worked out once."""

    def __init__(
        self,
        new: dict,
        changed_out: set[str],
        *,
        inputs: dict,
        code: dict,
        params: dict,
        versions: dict,
        jobs: dict,
    ) -> None:
        self.by_output = {o["path"]: (job, r) for job, r in new.items() for o in r["outputs"]}
        self.changed_out = changed_out
        self.inputs, self.code, self.params, self.versions, self.jobs = inputs, code, params, versions, jobs
        self.memo: dict[str, dict[str, list[str]]] = {}

    def __call__(self, path: str) -> dict[str, list[str]]:
        """Source → chain of paths from the source to ``path`` (shortest per source)."""
        if path in self.memo:
            return self.memo[path]
        self.memo[path] = {}
        job, record = self.by_output[path]
        found: dict[str, list[str]] = {}
        add = lambda source, chain: _keep_shortest(found, source, chain, path)  # noqa: E731
        if job in self.jobs["added"]:
            add(f"job {job} is new", [path])
        for entry in record["inputs"]:
            p = entry["path"]
            if p in self.inputs:
                add(p, [p, path])
            elif p in self.changed_out and p in self.by_output:
                for source, chain in self(p).items():
                    add(source, [*chain, path])
        for entry in record["code"]:
            if entry["path"] in self.code:
                add(entry["path"], [entry["path"], path])
        for key in self.params.get(job, {}):
            add(f"params of {job}: {key}", [path])
        for name in self.versions:
            add(f"package {name}", [path])
        self.memo[path] = found
        return found


def _keep_shortest(found: dict[str, list[str]], source: str, chain: list[str], path: str) -> None:
    """Keep the shortest chain per source in ``found``; among equally short ones, the one
    whose last step is named most like ``path`` (a job's record does not say which input
    made which output)."""
    if (
        source not in found
        or len(chain) < len(found[source])
        or (len(chain) == len(found[source]) and _likeness(chain, path) > _likeness(found[source], path))
    ):
        found[source] = chain
