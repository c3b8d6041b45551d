"""How a record names and fingerprints files: logical paths and sha256.

Logical paths make records independent of where the folders are: ``results/…`` is
relative to the results folder, ``raw_data/…`` to the raw-data folder, anything else to
the repository (config tables, scripts, library), or absolute when outside all three.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

#: the repository (the folder holding workflow_scripts/)
REPO = Path(__file__).resolve().parents[3]


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _under(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


class Roots:
    """The folders logical paths are relative to."""

    def __init__(self, results: str | Path, raw_data: str | Path, repo: str | Path = REPO):
        self.results = Path(os.path.abspath(results))
        self.raw_data = Path(os.path.abspath(raw_data))
        self.repo = Path(os.path.abspath(repo))

    def logical(self, path: str | Path) -> str:
        """``results/…``, ``raw_data/…``, repository-relative, or absolute. A path that
        leads into the repository through a link (a regeneration work folder's ``config``,
        cluster/regenerate.py) is named repository-relative as well.

        >>> r = Roots("/w/out", "/data/raw", "/w")
        >>> [r.logical(p) for p in ["/w/out/a/b.svg", "/data/raw/m.csv", "/w/config/x.csv", "/etc/y"]]
        ['results/a/b.svg', 'raw_data/m.csv', 'config/x.csv', '/etc/y']
        """
        full = Path(os.path.abspath(path))
        for prefix, root in (("results", self.results), ("raw_data", self.raw_data)):
            rel = _under(full, root)
            if rel is not None:
                return prefix if rel == "." else f"{prefix}/{rel}"
        rel = _under(full, self.repo)
        if rel is None:
            rel = _under(Path(os.path.realpath(full)), Path(os.path.realpath(self.repo)))
        return rel if rel is not None else full.as_posix()

    def physical(self, logical: str) -> Path:
        """The file a logical path names, under these roots."""
        head, _, rest = logical.partition("/")
        if head == "results" and rest:
            return self.results / rest
        if head == "raw_data" and rest:
            return self.raw_data / rest
        path = Path(logical)
        return path if path.is_absolute() else self.repo / path


def logical_params(value, roots: Roots):
    """Params (or a configuration) with every path under the results or raw-data folder
    made logical, other strings and numbers as they are, anything else as its ``str``
    (records must not depend on where the folders are).

    >>> logical_params({"out": "/w/out/x", "n": (1, "/etc")}, Roots("/w/out", "/raw", "/w"))
    {'out': 'results/x', 'n': [1, '/etc']}
    """
    if isinstance(value, dict):
        return {str(k): logical_params(v, roots) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [logical_params(v, roots) for v in value]
    if isinstance(value, str) and value:
        full = Path(os.path.abspath(value))
        if _under(full, roots.results) is not None or _under(full, roots.raw_data) is not None:
            return roots.logical(value)
        return value
    if isinstance(value, (bool, int, float)) or value is None:
        return value
    return str(value)
