"""Audit an artifact: its lineage down to the raw inputs, every hash checked on disk.

    python -m qutiflow.audit results/imagenet/figures/efficiency.svg
    python -m qutiflow.audit --all [--results results]
    python -m qutiflow.audit diff OLD_RESULTS NEW_RESULTS   (qutiflow.runs.cli)

(from any directory: ``make install`` installs the package into the venv; ``snakemake
audit`` runs ``--all``.)

For a file under the results folder it prints the tree of records that made it, each
input with its recorded sha256, down to the raw files (measurements, catalogues, config
tables) and the code. It exits with status 1 at the first mismatch, naming it: an input
that changed since the artifact was made, an artifact edited after it was made, a figure
whose embedded record id is not its record's, or a missing record; with status 2 when a
record cannot be read (cut short, edited, not JSON), naming the file and the fault.

``--all`` checks every file under the results folder except the folders in
:data:`NOT_ARTIFACTS` (logs, the records themselves, screenshots, the Snakemake report, the
figures' render cache ``.render-cache/``) and every record's outputs. A file under results whose path has a component starting with a dot
(``site/.evil.html``, a temporary ``.name.x1y2.tmp`` a killed job left, the
``.rollback/`` snapshot of an interrupted run) is not an artifact: the audit does not
fail on it, because a killed run leaves such files behind and the next run must still pass,
but it lists every one as "not an artifact, not published", and it never counts as
audited. Any other file without a record fails the audit. ``--manifest FILE`` writes what
the audit covered (:func:`audited_artifacts`) for the publisher, which copies nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import atomic
from .provenance.files import REPO, Roots, sha256_file
from .provenance.store import RECORDS, RecordError, load_records, record_name
from .provenance.tagging import png_id, svg_id

#: folders and files under results that the pipeline does not make as artifacts
NOT_ARTIFACTS = ("logs/", "provenance/", "site/screenshots/", "report.", "audit/", ".render-cache/")


def is_dot_path(rel: str) -> bool:
    """True when a component of the relative path ``rel`` starts with a dot.

    >>> [is_dot_path(p) for p in ["site/.evil.html", ".rollback/files/a.csv",
    ...                           "all/figures/.a.svg.x1y2.tmp", "site/index.html"]]
    [True, True, True, False]
    """
    return any(part.startswith(".") for part in rel.split("/"))


def summarise_paths(rels: list[str], *, limit: int = 5) -> str:
    """Dot-paths grouped by their first dot component, at most ``limit`` groups named.

    >>> summarise_paths(["site/.evil.html", ".rollback/a", ".rollback/b/c"])
    '.rollback/ (2 files), site/.evil.html'
    """
    groups: dict[str, int] = {}
    for rel in rels:
        parts = rel.split("/")
        i = next((k for k, part in enumerate(parts) if part.startswith(".")), len(parts) - 1)
        key = "/".join(parts[: i + 1]) + ("/" if i < len(parts) - 1 else "")
        groups[key] = groups.get(key, 0) + 1
    named = [k + (f" ({n} files)" if k.endswith("/") else "") for k, n in sorted(groups.items())]
    more = f" and {len(named) - limit} more" if len(named) > limit else ""
    return ", ".join(named[:limit]) + more


class AuditFailure(Exception):
    """The first mismatch found; the message names the file and what is wrong."""


def short(digest: str) -> str:
    return digest[:12]


class Auditor:
    def __init__(self, results: str | Path, *, out=print):
        self.results = Path(results)
        self.records = load_records(self.results)
        self.by_output = {o["path"]: r for r in self.records for o in r["outputs"]}
        self.out = out
        self.checked: set[str] = set()
        #: logical path → the sha256 each checked artifact matched
        self.hashes: dict[str, str] = {}
        #: files under results that :meth:`all` found but are not artifacts (dot-paths)
        self.not_artifacts: list[str] = []
        #: physical path → its sha256, hashed once per audit: many records name the same
        #: inputs and code (every figure job the Vega bundle and the library)
        self._sha256: dict[Path, str] = {}
        #: records whose inputs and code (and their lineage) passed: every figure job's
        #: record names the same ~90 files, checked once per audit instead of once per output
        self._records_checked: set[str] = set()

    def roots(self, record: dict) -> Roots:
        raw = record.get("roots", {}).get("raw_data", "raw_data")
        raw_path = Path(raw) if os.path.isabs(raw) else REPO / raw
        return Roots(self.results, raw_path)

    def _check_file(self, logical: str, recorded: str, roots: Roots, *, what: str, owner: str) -> None:
        path = roots.physical(logical)
        if not path.is_file():
            raise AuditFailure(f"{logical}: {what} of {owner} is missing ({path})")
        now = self._sha256.get(path)
        if now is None:
            now = self._sha256[path] = sha256_file(path)
        if now != recorded:
            if what == "output":  # newer than its inputs: Snakemake takes it as up to date
                raise AuditFailure(
                    f"{logical} was changed after it was made (recorded sha256 "
                    f"{short(recorded)}, now {short(now)}): rebuild it with "
                    f"`snakemake --cores 1 --forcerun {path}` (with the --config or "
                    "--configfile options of the run that made it)"
                )
            raise AuditFailure(
                f"{logical}: {what} of {owner} changed since it was made "
                f"(recorded sha256 {short(recorded)}, now {short(now)}): rerun "
                "the pipeline"
            )

    def _check_embedded_id(self, logical: str, path: Path, record: dict) -> None:
        if path.suffix == ".svg":
            found = svg_id(path.read_text(encoding="utf-8"))
        elif path.suffix == ".png":
            found = png_id(path.read_bytes())
        else:
            return
        if found != record["id"]:
            raise AuditFailure(
                f"{logical} carries record id {found and short(found)}, but its "
                f"record is {short(record['id'])}: the figure was not made by "
                "that job"
            )

    def artifact(self, logical: str, depth: int = 0, *, tree: bool = True) -> None:
        """Check one artifact and, recursively, the artifacts it was made from."""
        pad = "  " * depth
        record = self.by_output.get(logical)
        if record is None:
            raise AuditFailure(
                f"{logical}: no provenance record (expected one in "
                f"{self.results / RECORDS}/); it was not made by this "
                "pipeline or its record was deleted: rerun the pipeline"
            )
        if logical in self.checked:
            if tree:
                self.out(f"{pad}{logical}  (checked above)")
            return
        roots = self.roots(record)
        job = record_name(record["rule"], record["wildcards"])[:-5]
        recorded = next(o["sha256"] for o in record["outputs"] if o["path"] == logical)
        self._check_file(logical, recorded, roots, what="output", owner=job)
        self._check_embedded_id(logical, roots.physical(logical), record)
        self.checked.add(logical)
        self.hashes[logical] = recorded
        if tree:
            self.out(f"{pad}{logical}  sha256 {short(recorded)} ok  [{job}, record {short(record['id'])}]")
        elif record["id"] in self._records_checked:
            return  # the same inputs and code as another output of this record: checked
        for entry in record["inputs"]:
            if entry["path"].startswith("results/"):  # an edited input is named as edited
                self.artifact(entry["path"], depth + 1, tree=tree)
            self._check_file(entry["path"], entry["sha256"], roots, what="input", owner=job)
            if tree and not entry["path"].startswith("results/"):
                self.out(f"{pad}  {entry['path']}  sha256 {short(entry['sha256'])} ok  (raw input)")
        for entry in record["code"]:
            self._check_file(entry["path"], entry["sha256"], roots, what="code", owner=job)
        self._records_checked.add(record["id"])
        if tree:
            git = record.get("git", {})
            dirty = " (uncommitted changes)" if git.get("dirty") else ""
            self.out(
                f"{pad}  code: {len(record['code'])} files ok; commit {git.get('commit') or 'unknown'}{dirty}"
            )

    def all(self) -> int:
        """Every artifact under results; returns how many files were walked and checked.

        Dot-paths are not checked: they go to :attr:`not_artifacts` instead.
        """
        count = 0
        self.not_artifacts = []
        for path in sorted(self.results.rglob("*")):
            rel = path.relative_to(self.results).as_posix()
            if not path.is_file() or rel.startswith(NOT_ARTIFACTS):
                continue
            if is_dot_path(rel):
                self.not_artifacts.append(rel)
                continue
            self.artifact(f"results/{rel}", tree=False)
            count += 1
        for record in self.records:
            for o in record["outputs"]:
                self.artifact(o["path"], tree=False)
        return count


def audited_artifacts(results: str | Path, *, auditor: Auditor | None = None) -> dict[str, str]:
    """Audit every artifact under ``results`` (:meth:`Auditor.all`) and return what it covered.

    Returns each artifact the audit checked, as its logical path (``results/…``) with the
    sha256 it matched: every file walked under results and every provenance record's
    outputs (with their lineage). Raises :class:`AuditFailure` at the first mismatch, or
    when there are no records at all.

    Never in it: dot-paths (listed in ``auditor.not_artifacts``), and the folders and files
    of :data:`NOT_ARTIFACTS`. Among those is the Snakemake report ``report.html``: it is made
    by ``snakemake --report`` after the audit and has no provenance record, so a publisher
    that wants it (``cluster/regenerate.py`` does) must add it explicitly, as the one
    declared non-artifact.
    """
    auditor = auditor or Auditor(results, out=lambda *_: None)
    if not auditor.records:
        raise AuditFailure(f"{results}: no provenance records: run the pipeline first")
    auditor.all()
    return dict(sorted(auditor.hashes.items()))


def audited_made(results: str | Path, made: list[str]) -> dict[str, str]:
    """Audit the artifacts among ``made`` (paths relative to ``results``: what a run wrote)
    and their lineage; return what it covered (logical path → sha256, sorted). Files of
    :data:`NOT_ARTIFACTS` and dot-paths are skipped. Raises :class:`AuditFailure` at the
    first mismatch."""
    auditor = Auditor(results, out=lambda *_: None)
    for rel in sorted(made):
        if not rel.startswith(NOT_ARTIFACTS) and not is_dot_path(rel):
            auditor.artifact(f"results/{rel}", tree=False)
    return dict(sorted(auditor.hashes.items()))


def find_results(path: Path) -> Path | None:
    """The nearest folder above ``path`` that holds provenance records."""
    for parent in path.resolve().parents:
        if (parent / RECORDS).is_dir():
            return parent
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["diff"]:
        from .runs.cli import main as diff_main  # what changed between two runs

        return diff_main(argv[1:])
    ap = _parser()
    args = ap.parse_args(argv)
    if not args.paths and not args.all:
        ap.error("name an artifact, or pass --all")
    if args.manifest and not args.all:
        ap.error("--manifest needs --all")
    try:
        if args.all:
            _audit_all(Path(args.results or "results"), manifest=args.manifest)
        for p in args.paths:
            _audit_one(p, results=args.results)
    except AuditFailure as err:
        print(f"AUDIT FAILED: {err}", file=sys.stderr)
        return 1
    except RecordError as err:
        print(f"audit: {err}", file=sys.stderr)
        return 2
    return 0


def _parser() -> argparse.ArgumentParser:
    """The command line of ``python -m qutiflow.audit`` (``diff`` aside)."""
    ap = argparse.ArgumentParser(prog="python -m qutiflow.audit", description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", help="artifacts (figures, tables) under a results folder")
    ap.add_argument("--all", action="store_true", help="audit every artifact under --results")
    ap.add_argument("--results", help="the results folder (default: found above PATH, or 'results')")
    ap.add_argument(
        "--manifest",
        help="with --all: write what the audit covered to this JSON "
        "file (artifacts with their sha256, and the dot-paths that are not artifacts)",
    )
    return ap


def _audit_all(results: Path, *, manifest: str | None) -> None:
    """Audit every artifact under ``results``, say so, and write the manifest where asked."""
    auditor = Auditor(results, out=lambda *_: None)
    artifacts = audited_artifacts(results, auditor=auditor)
    print(
        f"audit passed: {len(artifacts)} artifacts under {results}, "
        f"{len(auditor.records)} records, every hash matches"
    )
    if auditor.not_artifacts:
        print(
            f"not artifacts, not published: {len(auditor.not_artifacts)} dot-files "
            f"under {results}: {summarise_paths(auditor.not_artifacts)}"
        )
    if manifest:
        atomic.write_text(
            json.dumps(
                {
                    "results": str(results.resolve()),
                    "artifacts": artifacts,
                    "not_artifacts": auditor.not_artifacts,
                },
                indent=1,
            ),
            manifest,
        )


def _audit_one(p: str, *, results: str | None) -> None:
    """Audit the artifact ``p`` under ``results`` (default: the results folder above it)."""
    path = Path(p)
    if not path.is_file():
        raise AuditFailure(f"{p}: no such file")
    found = Path(results) if results else find_results(path)
    if found is None:
        raise AuditFailure(f"{p}: no results folder with provenance records above it; pass --results")
    auditor = Auditor(found)
    auditor.artifact(Roots(found, ".").logical(path))
    print(f"audit passed: {p}")


if __name__ == "__main__":
    sys.exit(main())
