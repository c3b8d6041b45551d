"""The house rules, checked on the repository itself: no code file over 300 lines without a
stated reason; one dispatch over the layer types, shared by the op counts
(qutiflow.networks.trace) and the ONNX export (qutiflow.hostbench.onnx_graph); a docstring
for every rule file and every rule; CI runs the linter; LICENSE and CITATION.cff agree with
pyproject.toml. Everything is computed from the files, so a new file, layer type or rule
that breaks a rule fails here."""

from __future__ import annotations

import ast
import dataclasses
import re
import subprocess
import tomllib
import typing
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from qutiflow.hostbench.onnx_graph import emit
from qutiflow.networks import layers
from qutiflow.networks.trace import step

MAX_LINES = 300
#: code files allowed over MAX_LINES: path → the reason, one line
LONG_FILES: dict[str, str] = {
    "tests/cluster/test_slurm.py": (
        "one Slurm harness (background runs, cluster diagnostics, results comparison, plugin "
        "setup) shared by its four tests; runnable only on a cluster, so kept whole"
    ),
}
#: the modules that dispatch over layer types (functools.singledispatch), one each
DISPATCH_MODULES = (
    "workflow_scripts/qutiflow/networks/trace.py",
    "workflow_scripts/qutiflow/hostbench/onnx_graph.py",
)


def line_count(path: Path) -> int:
    """Lines as ``wc -l`` counts them, plus a last line without its newline.

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d, "f.py")
    ...     _ = p.write_bytes(b"a\\nb\\n"); two = line_count(p)
    ...     _ = p.write_bytes(b"a\\n\\nb"); three = line_count(p)
    >>> two, three
    (2, 3)
    """
    return len(path.read_bytes().splitlines())


def code_files() -> list[str]:
    """Every Python and Snakemake file git knows of or would add (tracked, or untracked and
    not ignored), relative to the repository."""
    proc = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    )
    names = [n for n in proc.stdout.decode().split("\0") if n]
    return sorted(
        n
        for n in names
        if (n.endswith((".py", ".smk")) or Path(n).name == "Snakefile") and (REPO / n).is_file()
    )


def test_no_code_file_over_300_lines_without_a_reason():
    files = code_files()
    assert "Snakefile" in files and "workflow_scripts/qutiflow/networks/trace.py" in files
    over = {n: line_count(REPO / n) for n in files if line_count(REPO / n) > MAX_LINES}
    unexplained = {n: lines for n, lines in over.items() if n not in LONG_FILES}
    assert not unexplained, (
        f"over {MAX_LINES} lines: {unexplained}; split each along its seams into modules named "
        f"for what they do, or add it to LONG_FILES in {Path(__file__).name} with the reason"
    )


def test_each_long_file_allowance_is_still_needed_and_says_why():
    # one test over every allowance (none today), so that an empty LONG_FILES is no skip
    files = code_files()
    for name, reason in sorted(LONG_FILES.items()):
        assert reason.strip() and "\n" not in reason, f"{name}: give a one-line reason"
        assert name in files, f"{name} is gone: remove it from LONG_FILES"
        lines = line_count(REPO / name)
        assert lines > MAX_LINES, f"{name} has {lines} lines now: remove it from LONG_FILES"


# --- one dispatch over layer types -------------------------------------------------------


def layer_types() -> set[type]:
    """The concrete layer types: the members of the ``Layer`` union of layers.py."""
    return set(typing.get_args(layers.Layer))


def test_the_layer_union_holds_every_layer_class_of_layers_py():
    defined = {
        obj
        for obj in vars(layers).values()
        if isinstance(obj, type) and obj.__module__ == layers.__name__ and dataclasses.is_dataclass(obj)
    } - {layers.Network}
    assert len(defined) >= 9  # Conv2d ... Residual today
    assert defined == layer_types(), "add every layer class to the Layer union of layers.py"


@pytest.mark.parametrize("dispatch", [step, emit], ids=["trace.step", "onnx_graph.emit"])
def test_every_layer_type_is_registered_in_both_dispatches(dispatch):
    missing = sorted(t.__name__ for t in layer_types() if t not in dispatch.registry)
    assert not missing, f"register {missing} with @{dispatch.__name__}.register"
    assert dispatch.registry[object] is not None  # the fallback that names the bad layer


def layer_type_tests(tree: ast.AST, names: set[str]) -> dict[str, set[str]]:
    """Per function (qualified by its position, 'module' for top level code): the layer
    type names its ``isinstance`` calls test against.

    >>> src = "def f(x):\\n    if isinstance(x, Conv2d): pass\\n    elif isinstance(x, (nw.Dense, int)): pass"
    >>> {k: sorted(v) for k, v in layer_type_tests(ast.parse(src), {"Conv2d", "Dense"}).items()}
    {'f:1': ['Conv2d', 'Dense']}
    """
    found: dict[str, set[str]] = {}

    def visit(node: ast.AST, owner: str) -> None:
        for child in ast.iter_child_nodes(node):
            here = owner
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                here = f"{getattr(child, 'name', 'lambda')}:{child.lineno}"
            if (
                isinstance(child, ast.Call)
                and isinstance(child.func, ast.Name)
                and child.func.id == "isinstance"
                and len(child.args) == 2
            ):
                second = child.args[1]
                parts = second.elts if isinstance(second, ast.Tuple) else [second]
                tested = {
                    p.id if isinstance(p, ast.Name) else p.attr
                    for p in parts
                    if isinstance(p, (ast.Name, ast.Attribute))
                } & names
                if tested:
                    found.setdefault(here, set()).update(tested)
            visit(child, here)

    visit(tree, "module")
    return found


def test_no_isinstance_over_layer_types_in_the_library():
    """The dispatch modules test no layer type with isinstance (each type has its own
    registration), and no function anywhere in the library tells two or more layer types
    apart by isinstance (a ladder that a new layer type would silently fall through)."""
    names = {t.__name__ for t in layer_types()}
    assert not (REPO / "workflow_scripts/qutiflow/hostbench/networks.py").exists()
    files = [
        n for n in code_files() if n.endswith(".py") and n.startswith(("workflow_scripts/", "benchmarks/"))
    ]
    assert set(DISPATCH_MODULES) <= set(files)
    bad = {}
    for name in files:
        tests = layer_type_tests(ast.parse((REPO / name).read_text(encoding="utf-8")), names)
        for owner, tested in tests.items():
            if name in DISPATCH_MODULES or len(tested) >= 2:
                bad[f"{name}:{owner}"] = sorted(tested)
    assert not bad, f"isinstance over layer types (dispatch with @step/@emit.register): {bad}"


# --- rules and CI -------------------------------------------------------------------------

RULE_FILES = sorted((REPO / "rules").glob("*.smk")) + [REPO / "Snakefile"]
RULE_HEAD = re.compile(r"^\s*(?:rule|checkpoint)\s+(\w+)\s*:\s*(?:#.*)?$")
DOCSTRING = re.compile(r'\A"""\s*\S')


def rules_and_docstrings(text: str) -> dict[str, bool]:
    '''Each rule (or checkpoint) of a .smk text → whether its first line after the head is
    a docstring, indented under it.

    >>> rules_and_docstrings('rule a:\\n    """A."""\\n    output: "x"\\n\\nrule b:\\n    output: "y"\\n')
    {'a': True, 'b': False}
    '''
    lines = text.splitlines()
    out = {}
    for i, line in enumerate(lines):
        head = RULE_HEAD.match(line)
        if head:
            body = next((b for b in lines[i + 1 :] if b.strip()), "")
            indent = len(line) - len(line.lstrip())
            out[head.group(1)] = len(body) - len(body.lstrip()) > indent and bool(
                DOCSTRING.match(body.strip())
            )
    return out


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_every_rule_file_and_rule_has_a_docstring(path):
    text = path.read_text(encoding="utf-8")
    assert DOCSTRING.match(text), f"{path.name}: start with a docstring saying what it holds"
    missing = [name for name, has in rules_and_docstrings(text).items() if not has]
    assert not missing, f"{path.name}: rules without a docstring: {missing}"


def test_the_rule_parser_finds_every_rule():
    found = {n for p in RULE_FILES for n in rules_and_docstrings(p.read_text(encoding="utf-8"))}
    heads = sum(
        len(re.findall(r"^\s*(?:rule|checkpoint)\s+\w+\s*:", p.read_text(encoding="utf-8"), re.M))
        for p in RULE_FILES
    )
    assert {"all", "score_fidelity", "normalise_measurements", "build_site"} <= found
    assert len(found) == heads


def test_ci_runs_the_linter():
    commands = [
        line.strip()
        for line in (REPO / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert any(re.search(r"\bmake lint\b", c) for c in commands)
    makefile = (REPO / "Makefile").read_text()
    recipe = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe and "ruff check" in recipe.group(1)


def test_licence_and_citation_agree_with_pyproject():
    """LICENSE is the Apache-2.0 text that pyproject.toml declares, and CITATION.cff (CFF
    1.2.0) cites this version under that licence, with the QuTiBench paper as reference."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["license"] == "Apache-2.0" and "LICENSE" in project["license-files"]
    licence = (REPO / "LICENSE").read_text()
    assert "Copyright 2026 the qutiflow contributors" in licence and "raw_data/NOTICE" in licence
    assert "Apache License\n                           Version 2.0, January 2004" in licence
    assert "END OF TERMS AND CONDITIONS" in licence
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "software"
    assert (cff["version"], cff["license"]) == (project["version"], project["license"])
    (paper,) = cff["references"]
    assert "QuTiBench" in paper["title"] and paper["authors"][0]["family-names"] == "Blott"
