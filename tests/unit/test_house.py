"""The house rules, checked on the repository itself: only Snakemake's public behaviour (no
private Snakemake name in the code, no test reading Snakemake's console text); one
dispatch over the layer types, shared by the op counts
(qutiflow.networks.trace) and the ONNX export (qutiflow.hostbench.onnx_graph); no function
longer than a screen (60 lines) outside the tests; a docstring
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


# --- only Snakemake's public behaviour ----------------------------------------------------

#: what the code may import from Snakemake: the documented helpers of a Snakefile
PUBLIC_IMPORTS = {"snakemake.utils": {"min_version", "validate"}}
#: the logger-plugin interface, imported by the console plugin (and its tests) only
PLUGIN_INTERFACE = "snakemake_interface_logger_plugins"
PLUGIN = "workflow_scripts/snakemake_logger_plugin_qutiflow/"
PLUGIN_USERS = (PLUGIN, "tests/unit/test_console_lines.py")
#: the documented attributes of `workflow` in a Snakefile
WORKFLOW_ATTRIBUTES = {"basedir", "current_basedir", "source_path", "snakefile", "cores"}
#: the documented attributes of the `snakemake` object a script is given
SCRIPT_ATTRIBUTES = {
    "input", "output", "params", "wildcards", "threads", "log", "config", "resources", "rule",
    "scriptdir", "utils",
}  # fmt: skip
_MODULE = r"snakemake(?:\.[\w.]+)?\b(?!_)"  # snakemake and its modules, not snakemake_* packages
IMPORT = re.compile(rf"^\s*(?:from\s+({_MODULE})\s+import\s+([\w, ()]+)|import\s+({_MODULE}))", re.M)
#: an attribute of Snakemake's objects in code (not in a path or file name: no / . - " ' before)
ATTRIBUTE = re.compile(r"(?<![\w/.\-\"'])(snakemake|workflow|rules)\.(\w+)")
#: Snakemake's own console wording, which no test may read (a release may reword it): count
#: jobs with conftest.planned_jobs, files with conftest.summary_rows (--detailed-summary)
CONSOLE_TEXT = (
    "Job stats", "steps (", "Nothing to be done", "Snakemake version", "Using workflow specific",
    "Building DAG", "Finished jobid", "Select jobs", "Complete log", "    input: ", "    output: ",
    "    reason: ",
)  # fmt: skip


def private_snakemake_uses(name: str, text: str) -> list[str]:
    """The uses in ``text`` (the file ``name``) of a Snakemake name that is not public.

    >>> private_snakemake_uses("rules/a.smk", "from snakemake.logging import logger\\nworkflow._x")
    ['rules/a.smk: from snakemake.logging import logger', 'rules/a.smk: workflow._x']
    >>> private_snakemake_uses("Snakefile", "from snakemake.utils import min_version\\nworkflow.basedir")
    []
    """
    found = []
    for m in IMPORT.finditer(text):
        module, names = (m[1], m[2]) if m[1] else (m[3], "")
        wanted = {n.strip() for n in names.strip("() ").split(",") if n.strip()}
        if not (module in PUBLIC_IMPORTS and wanted <= PUBLIC_IMPORTS[module]):
            found.append(f"{name}: {m[0].strip()}")
    for m in re.finditer(r"^\s*(?:from|import)\s+(snakemake_interface_\w+)", text, re.M):
        if not (m[1] == PLUGIN_INTERFACE and name.startswith(PLUGIN_USERS)):
            found.append(f"{name}: {m[0].strip()} (the plugin interface, outside the console plugin)")
    for m in ATTRIBUTE.finditer(IMPORT.sub("", text)):  # the imports are checked above
        owner, attribute = m[1], m[2]
        allowed = {"workflow": WORKFLOW_ATTRIBUTES, "snakemake": SCRIPT_ATTRIBUTES}.get(owner)
        if attribute.startswith("_") or (allowed is not None and attribute not in allowed):
            found.append(f"{name}: {m[0]}")
    return found


def test_no_private_snakemake_name_in_the_code():
    files = code_files()
    assert "rules/common.smk" in files and "workflow_scripts/qutiflow/logs.py" in files
    found = [
        use
        for n in files
        if n != "tests/unit/test_house.py"
        for use in private_snakemake_uses(n, (REPO / n).read_text(encoding="utf-8"))
    ]
    assert not found, (
        f"Snakemake names that are not public: {found}; use Snakemake's documented interfaces "
        "(the Snakefile directives, the rules object, profiles, the CLI, the logger-plugin "
        "interface) or add a name here only with the page of Snakemake's docs that documents it"
    )


def test_no_test_reads_snakemakes_console_text():
    tests = [n for n in code_files() if n.startswith("tests/") and n != "tests/unit/test_house.py"]
    found = [f"{n}: {phrase!r}" for n in tests for phrase in CONSOLE_TEXT if phrase in (REPO / n).read_text()]
    assert not found, (
        f"tests reading Snakemake's console wording: {found}; count jobs with "
        "conftest.planned_jobs (the console plugin's lines), files with conftest.summary_rows"
    )


def test_the_house_rules_see_a_private_name():
    for text in (
        "from snakemake.persistence import Persistence",
        "import snakemake.jobs",
        "from snakemake.utils import min_version, _private",
        "JobScheduler = workflow._scheduler",
        "workflow.output_settings.quiet",
        "snakemake.persistence",
        "from snakemake_interface_logger_plugins.base import LogHandlerBase",
    ):
        assert private_snakemake_uses("rules/x.smk", text), text
    assert not private_snakemake_uses(
        PLUGIN + "__init__.py", "from snakemake_interface_logger_plugins.base import X"
    )


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


# --- a function fits on a screen -----------------------------------------------------------

#: the most lines a function or method may take, from its ``def`` to its last line
MAX_FUNCTION_LINES = 60
#: the code the rule covers: every Python file outside tests/
FUNCTION_DIRS = ("workflow_scripts/", "benchmarks/", "cluster/")
#: functions allowed to be longer for now ("path:qualified name" → why), each still over
LONG_FUNCTIONS: dict[str, str] = {}


def function_lengths(tree: ast.AST) -> dict[str, int]:
    """Each function and method of a module (qualified by its class or enclosing function)
    → its length in lines, from its ``def`` to its last line.

    >>> src = "def f():\\n    pass\\nclass C:\\n    @staticmethod\\n    def g():\\n        def h(): pass\\n        return 1"
    >>> function_lengths(ast.parse(src))
    {'f': 2, 'C.g': 3, 'C.g.h': 1}
    """
    found: dict[str, int] = {}

    def visit(node: ast.AST, owner: str) -> None:
        for child in ast.iter_child_nodes(node):
            here = owner
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                here = f"{owner}.{child.name}" if owner else child.name
                if not isinstance(child, ast.ClassDef):
                    found[here] = child.end_lineno - child.lineno + 1
            visit(child, here)

    visit(tree, "")
    return found


def long_functions() -> dict[str, int]:
    """Every function over MAX_FUNCTION_LINES in the code the rule covers, as
    "path:qualified name" → its length."""
    files = [n for n in code_files() if n.endswith(".py") and n.startswith(FUNCTION_DIRS)]
    assert "workflow_scripts/qutiflow/clean.py" in files and "benchmarks/bench_figures.py" in files
    return {
        f"{name}:{function}": length
        for name in files
        for function, length in function_lengths(ast.parse((REPO / name).read_text(encoding="utf-8"))).items()
        if length > MAX_FUNCTION_LINES
    }


def test_every_function_fits_on_a_screen():
    too_long = {k: v for k, v in long_functions().items() if k not in LONG_FUNCTIONS}
    assert not too_long, (
        f"functions longer than {MAX_FUNCTION_LINES} lines: {too_long}; split each along its "
        "seams into named steps (a helper per step, docstring kept)"
    )


def test_the_function_rule_sees_a_long_method():
    body = "".join(f"        x{i} = {i}\n" for i in range(MAX_FUNCTION_LINES))
    lengths = function_lengths(ast.parse(f"class C:\n    def m(self):\n{body}"))
    assert lengths == {"C.m": MAX_FUNCTION_LINES + 1}


def test_each_long_function_allowance_is_still_needed():
    # one test over every allowance (none today), so that an empty LONG_FUNCTIONS is no skip
    found = long_functions()
    for function, reason in sorted(LONG_FUNCTIONS.items()):
        assert reason.strip(), f"{function}: say why it may be long"
        assert function in found, f"{function} fits on a screen now: drop it from LONG_FUNCTIONS"


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
