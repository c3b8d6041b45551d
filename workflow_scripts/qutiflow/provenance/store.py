"""The records of a results folder: where each is kept, and reading them back."""

from __future__ import annotations

import json
from pathlib import Path

from .files import Roots

#: the folder under results that holds one record per job
RECORDS = "provenance"


def record_name(rule: str, wildcards: dict) -> str:
    """``<rule>[-<wildcard values>].json``

    >>> record_name("plot_measured", {"task": "mnist"}), record_name("compute_rooflines", {})
    ('plot_measured-mnist.json', 'compute_rooflines.json')
    """
    return "-".join([rule, *(str(wildcards[k]) for k in sorted(wildcards))]) + ".json"


def load_records(results: str | Path) -> list[dict]:
    """Every record under ``results``, in the order of their file names ([] when none)."""
    folder = Path(results) / RECORDS
    if not folder.is_dir():
        return []
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def index(results: str | Path) -> dict[str, dict]:
    """Logical output path → the record that made it."""
    return {o["path"]: r for r in load_records(results) for o in r["outputs"]}


def lookup(results: str | Path, path: str | Path) -> dict | None:
    """The record of the artifact at ``path`` (a file under ``results``), or None."""
    roots = Roots(results, ".")
    return index(results).get(roots.logical(path))
