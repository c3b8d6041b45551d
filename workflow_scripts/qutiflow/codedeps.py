"""Which library files a script runs: its ``qutiflow`` imports, followed transitively.

The rules declare these files as a job's ``code`` input (rules/common.smk, ``code_of``),
so a job reruns exactly when code it imports changes, and its provenance record lists
exactly that code. Found by reading the source (``ast``), not by importing it: a module is
a dependency when any ``import`` statement names it, even one inside a function (a lazy
import still runs when the job needs it). Importing ``qutiflow.a.b`` runs the packages'
``__init__.py`` files as well, so they are dependencies too.

Imports only the standard library (Snakemake reads it at every start).
"""

from __future__ import annotations

import ast
import json
import os

from . import atomic

PACKAGE = "qutiflow"


def _module_file(root: str, dotted: str) -> str | None:
    """The file of ``qutiflow.x.y`` under ``root`` (the folder holding the package), or
    None when it is no module (an attribute of one)."""
    base = os.path.join(root, *dotted.split("."))
    for candidate in (base + ".py", os.path.join(base, "__init__.py")):
        if os.path.isfile(candidate):
            return candidate
    return None


def _package_of(root: str, path: str) -> str:
    """``qutiflow.figures`` for .../qutiflow/figures/save.py (the package a relative
    import starts from)."""
    rel = os.path.relpath(os.path.dirname(path), root)
    return ".".join(rel.split(os.sep))


def _named(tree: ast.AST, package: str | None) -> set[str]:
    """Every dotted name under ``qutiflow`` that an import statement names, with the names
    it imports from it (``from qutiflow import io`` names qutiflow and qutiflow.io)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                if package is None:
                    continue
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{a.name}" for a in node.names if a.name != "*")
    return {n for n in names if n == PACKAGE or n.startswith(PACKAGE + ".")}


def _parse_direct(root: str, path: str) -> list[str]:
    """The library files one file imports directly (and their packages' __init__.py)."""
    with open(path, encoding="utf-8") as fh:
        tree = ast.parse(fh.read(), filename=path)
    inside = os.path.commonpath([root, os.path.abspath(path)]) == root
    files = set()
    for name in _named(tree, _package_of(root, path) if inside else None):
        parts = name.split(".")
        for i in range(1, len(parts) + 1):  # qutiflow, qutiflow.figures, qutiflow.figures.save
            found = _module_file(root, ".".join(parts[:i]))
            if found:
                files.add(found)
    return sorted(files)


class Imports:
    """Direct imports per file, parsed once per version of the file: a JSON cache keyed
    by path, size and modification time (parsing every module costs a third of a second,
    more than the rest of a Snakemake start with nothing to do). A file is parsed again
    when a library file it imported is gone, though the file itself did not change (a
    module turned into a package: ``x.py`` into ``x/__init__.py``)."""

    def __init__(self, root: str, cache: str | None = None):
        self.root, self.cache = os.path.abspath(root), cache
        self.known: dict[str, dict] = {}
        self.changed = False
        if cache and os.path.isfile(cache):
            try:
                with open(cache, encoding="utf-8") as fh:
                    self.known = json.load(fh)
            except (OSError, ValueError):
                self.known = {}

    def direct(self, path: str) -> list[str]:
        st = os.stat(path)
        stamp = [st.st_size, st.st_mtime_ns]
        entry = self.known.get(path)
        if entry is None or entry["stamp"] != stamp or not all(os.path.isfile(f) for f in entry["imports"]):
            entry = {"stamp": stamp, "imports": _parse_direct(self.root, path)}
            self.known[path] = entry
            self.changed = True
        return entry["imports"]

    def library_files(self, script: str) -> list[str]:
        """The library files ``script`` runs, sorted: its ``qutiflow`` imports and theirs."""
        seen: set[str] = set()
        todo = [os.path.abspath(script)]
        while todo:
            for found in self.direct(todo.pop()):
                if found not in seen:
                    seen.add(found)
                    todo.append(found)
        return sorted(seen)

    def save(self) -> None:
        """Keep what was parsed (written whole or not at all; a failure only costs time)."""
        if self.cache and self.changed:
            try:
                atomic.write_text(json.dumps(self.known, sort_keys=True), self.cache)
            except OSError:
                pass
            self.changed = False


def library_files(script: str, root: str) -> list[str]:
    """The library files ``script`` runs, sorted (no cache). ``root`` is the folder that
    holds the ``qutiflow`` package."""
    return Imports(root).library_files(script)
