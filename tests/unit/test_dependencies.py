"""The dependencies, checked on the repository itself: every third-party module that the code
imports is declared in pyproject.toml where the code needs it (the pipeline's modules in
[project] dependencies, qutiflow.hostbench in the extra `measure`, the crate validation in
`crate`, the tests and benchmarks in `dev`), and requirements.lock pins every declared
package within its range. The imports are read with ast (every import statement, also those
inside functions); the module → distribution mapping is the installed packages' metadata.
Computed from the files, so a new import, a dropped dependency or a hand-edited pin fails
here."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from conftest import REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())
PROJECT = canonicalize_name(PYPROJECT["project"]["name"])
LOCK = REPO / "requirements.lock"
#: code whose imports an extra provides, path (file or folder) → extra; everything else
#: under workflow_scripts/ (and the Snakefile, rules/) is the pipeline: [project] dependencies
EXTRA_OF = {
    "workflow_scripts/qutiflow/hostbench": "measure",
    "workflow_scripts/measure_host.py": "measure",
    "workflow_scripts/qutiflow/runs/validate.py": "crate",
    "tests": "dev",
    "benchmarks": "dev",
}
#: where the code lives: import roots (a module `a.b` is ROOT/a/b.py or ROOT/a/b/__init__.py)
CODE = ["workflow_scripts", "rules", "Snakefile", "benchmarks", "tests"]


def code_files() -> list[Path]:
    files: list[Path] = []
    for name in CODE:
        path = REPO / name
        files += [path] if path.is_file() else sorted(path.rglob("*.py")) + sorted(path.rglob("*.smk"))
    return files


def extra_of(path: Path) -> str | None:
    rel = path.relative_to(REPO).as_posix()
    found = [extra for prefix, extra in EXTRA_OF.items() if rel == prefix or rel.startswith(prefix + "/")]
    return found[0] if found else None


def imports(path: Path) -> list[tuple[int, str]]:
    """(level, dotted name) of every import statement; a Snakemake file's import lines by
    pattern (its rules are not Python), a Python file's through ast."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".smk" or path.name == "Snakefile":
        return [(0, m[1]) for m in re.finditer(r"^(?:import|from)\s+([\w.]+)", text, re.M)]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(text, str(path))):
        if isinstance(node, ast.Import):
            found += [(0, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            found.append((node.level, base))
            # `from . import x`, `from pkg import mod`: the names may be modules too
            found += [(node.level, f"{base}.{a.name}".lstrip(".")) for a in node.names if a.name != "*"]
    return found


@cache
def first_party() -> frozenset[str]:
    """The top-level names this repository's own files provide: the modules and packages
    directly in the folders its code imports from (workflow_scripts/, benchmarks/, cluster/
    and the test folders, which pytest puts on sys.path)."""
    folders = [REPO / "workflow_scripts", REPO / "benchmarks", REPO / "cluster", REPO / "tests"]
    folders += [d for d in (REPO / "tests").rglob("*") if d.is_dir()]
    names = set()
    for folder in folders:
        names |= {p.stem for p in folder.glob("*.py")} | {p.parent.name for p in folder.glob("*/__init__.py")}
    return frozenset(names)


def third_party(path: Path) -> set[str]:
    """The top-level modules a file imports that are neither in the standard library nor
    this repository's own."""
    own = first_party() | set(sys.stdlib_module_names) | {"__future__"}
    return {name.split(".")[0] for level, name in imports(path) if level == 0} - own


def declared(extra: str | None) -> set[str]:
    """The distributions (canonical names) that the pipeline's dependencies plus `extra`
    provide; an extra naming the project itself (qutiflow[measure,crate]) adds those extras."""
    extras = PYPROJECT["project"].get("optional-dependencies", {})
    names, todo, seen = set(), [None] if extra is None else [None, extra], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for spec in PYPROJECT["project"]["dependencies"] if name is None else extras[name]:
            req = Requirement(spec)
            if canonicalize_name(req.name) == PROJECT:
                todo += sorted(req.extras)
            else:
                names.add(canonicalize_name(req.name))
    return names


def requirements() -> list[tuple[str | None, Requirement]]:
    """(extra or None, requirement) of every declared dependency but the project itself."""
    pairs = [(None, Requirement(s)) for s in PYPROJECT["project"]["dependencies"]]
    for extra, specs in PYPROJECT["project"].get("optional-dependencies", {}).items():
        pairs += [(extra, Requirement(s)) for s in specs]
    return [(e, r) for e, r in pairs if canonicalize_name(r.name) != PROJECT]


def lock_pins(text: str) -> dict[str, str]:
    """Canonical name → pinned version of a pip-compile lock; other lines (comments, `# via`
    annotations, options) are no pins, and a requirement line without == is refused."""
    pins: dict[str, str] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        req = Requirement(line)
        (spec,) = req.specifier  # exactly one ==
        assert spec.operator == "==", f"requirements.lock: {line!r} is no pin"
        pins[canonicalize_name(req.name)] = spec.version
    return pins


def test_every_extra_named_in_the_mapping_exists_and_every_path_too():
    extras = set(PYPROJECT["project"]["optional-dependencies"])
    assert {"measure", "crate", "dev"} <= extras
    assert set(EXTRA_OF.values()) <= extras
    missing = [p for p in EXTRA_OF if not (REPO / p).exists()]
    assert not missing, f"EXTRA_OF names paths that are gone: {missing}; update it"


def test_every_third_party_import_is_declared_where_the_code_needs_it():
    """A module the pipeline imports is in [project] dependencies; a module of
    qutiflow.hostbench in `measure` (or the dependencies), and so on by EXTRA_OF."""
    providers = {m: {canonicalize_name(d) for d in ds} for m, ds in packages_distributions().items()}
    files = code_files()
    assert REPO / "workflow_scripts" / "qutiflow" / "runs" / "validate.py" in files
    assert REPO / "Snakefile" in files and REPO / "rules" / "common.smk" in files
    undeclared, seen = [], set()
    for path in files:
        extra, allowed = extra_of(path), declared(extra_of(path))
        for module in sorted(third_party(path)):
            seen.add(module)
            if not providers.get(module, set()) & allowed:
                where = f"extra `{extra}`" if extra else "[project] dependencies"
                by = sorted(providers.get(module, [])) or "no installed distribution"
                undeclared.append(f"{path.relative_to(REPO)}: {module} (from {by}) is not in {where}")
    assert {"pandas", "snakemake", "onnxruntime", "rocrate_validator", "requests", "pytest"} <= seen
    assert not undeclared, "undeclared imports, add them to pyproject.toml:\n" + "\n".join(undeclared)


def module_file(dotted: str) -> Path | None:
    """The file under workflow_scripts/ of an own module (a name that is an attribute, not
    a module, gives its module)."""
    parts = dotted.split(".")
    while parts:
        base = REPO.joinpath("workflow_scripts", *parts)
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate
        parts.pop()
    return None


def test_the_pipeline_imports_no_module_of_an_extra():
    """The extras stay optional: no module of the pipeline imports one whose dependencies
    only an extra provides (qutiflow.hostbench, the crate validation)."""
    root = REPO / "workflow_scripts"
    found = []
    for path in sorted(root.rglob("*.py")):
        extra = extra_of(path)
        package = list(path.relative_to(root).parts[:-1])  # of a module or an __init__.py
        for level, name in imports(path):
            dotted = name if level == 0 else ".".join(package[: len(package) - level + 1] + [name]).strip(".")
            target = module_file(dotted) if dotted.split(".")[0] == "qutiflow" else None
            if target and extra_of(target) not in (None, extra):
                found.append(f"{path.relative_to(REPO)} imports {dotted} (extra `{extra_of(target)}`)")
    assert not found, found


def test_the_lock_pins_every_declared_dependency_within_its_range():
    pins = lock_pins(LOCK.read_text())
    assert len(pins) > 50 and PROJECT not in pins  # the whole tree; the project installs editable
    wrong = []
    for extra, req in requirements():
        name = canonicalize_name(req.name)
        where = f"extra `{extra}`" if extra else "[project] dependencies"
        if name not in pins:
            wrong.append(f"{req} ({where}) is not in requirements.lock")
        elif not req.specifier.contains(pins[name], prereleases=True):
            wrong.append(f"requirements.lock pins {name}=={pins[name]} outside {req} ({where})")
    assert not wrong, "run `make lock`:\n" + "\n".join(wrong)


@pytest.mark.parametrize(
    "text, pins",
    [
        (
            "# header\nfoo-bar==1.2\n    # via x\nBaz_Qux==3.0.post1  # note\n",
            {"foo-bar": "1.2", "baz-qux": "3.0.post1"},
        ),
        ("--extra-index-url file:///x\n\n# qutiflow\n", {}),
    ],
)
def test_lock_pins_reads_pip_compile_output(text, pins):
    assert lock_pins(text) == pins


def test_lock_pins_refuses_a_range():
    with pytest.raises(AssertionError, match="no pin"):
        lock_pins("foo>=1.0\n")


def test_the_lock_records_how_it_was_made():
    head = LOCK.read_text().split("\n\n", 1)[0]
    assert "make lock" in head and "pip-compile --all-extras" in head
    assert re.search(r"^lock:.*## ", (REPO / "Makefile").read_text(), re.M)
