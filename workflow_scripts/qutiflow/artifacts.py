"""The catalogue of the pipeline's artifacts (config/artifacts.yaml): its tasks, every figure
(scope, the job and the builder function that draw it, its report subcategory and
caption, where the site shows it) and the tables the site offers as downloads.

:func:`load` reads and checks it (its schema, config/artifacts.schema.yaml, then what a
schema cannot say); the query functions below answer what the rules, the site and the
regeneration driver ask of it. Pure: no file is read except by :func:`load` (which checks
that every figure's caption file exists) and :func:`import_builder`.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

#: the workflow folder (the Snakefile's; caption paths are relative to it) and the
#: catalogue and its schema in this checkout
WORKFLOW = Path(__file__).resolve().parent.parent.parent
CONFIG = WORKFLOW / "config"
#: libyaml's safe loader where PyYAML has it (the same documents, 0.04 s → 0.003 s for the
#: catalogue and its schema: every Snakemake start reads both)
_YAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CATALOGUE = CONFIG / "artifacts.yaml"
SCHEMA = CONFIG / "artifacts.schema.yaml"
#: the scope of a figure or table made once per configured task
PER_TASK = "task"
#: the scope of a table made once per run
PER_RUN = "run"
#: the sections of each site page that shows figures
PAGE_SECTIONS = {"task": ("theory", "measured"), "theoretical": ("figures",), "fidelity": ("figures",)}


class ArtifactsError(ValueError):
    """The catalogue breaks a rule: the message names the file, entry, field and value."""


@dataclass(frozen=True)
class Figure:
    name: str
    scope: str
    job: str
    builder: str
    report: str
    caption: str
    #: {page, section, heading}, or None when the site does not show it
    site: dict | None


@dataclass(frozen=True)
class Table:
    name: str
    scope: str
    source: str
    about: str
    pages: tuple[str, ...]


@dataclass(frozen=True)
class Catalogue:
    path: str
    tasks: dict[str, str]
    jobs: dict[str, tuple[str, ...]]
    figures: tuple[Figure, ...]
    tables: tuple[Table, ...]


def _fail(path, where: str, field: str, value, why: str) -> None:
    raise ArtifactsError(f"{path}: {where}: field {field!r} = {value!r}: {why}")


def validate(data: dict, schema: dict, path: str | os.PathLike) -> None:
    """``data`` against the JSON schema; the first error names the entry and the field."""
    import jsonschema  # only when a catalogue is checked

    errors = sorted(
        jsonschema.Draft202012Validator(schema).iter_errors(data),
        key=lambda e: list(map(str, e.absolute_path)),
    )
    if errors:
        e = errors[0]
        where = "/".join(map(str, e.absolute_path)) or "(top level)"
        raise ArtifactsError(
            f"{path}: at {where}: {e.message}; see {SCHEMA.name} for the fields each entry takes"
        )


def parse(data: dict, path: str | os.PathLike = "<catalogue>") -> Catalogue:
    """A schema-valid catalogue as a :class:`Catalogue`, after the checks a schema cannot
    make: each figure's job exists and allows its scope, no (scope, name) twice, a site
    section belongs to its page, a per-task table's name and source say ``{task}``."""
    tasks = dict(data["tasks"])
    jobs = {j: tuple(s) for j, s in data["jobs"].items()}
    figures = tuple(Figure(**{**f, "site": f.get("site")}) for f in data["figures"])
    tables = tuple(Table(**{**t, "pages": tuple(t["pages"])}) for t in data["tables"])
    seen: set[tuple[str, str]] = set()
    for i, f in enumerate(figures):
        where = f"figures[{i}] ({f.name})"
        if f.job not in jobs:
            _fail(path, where, "job", f.job, f"no such job; the jobs are {sorted(jobs)}")
        if f.scope not in jobs[f.job]:
            why = f"job {f.job} draws figures of scope {list(jobs[f.job])}; give another scope or job"
            _fail(path, where, "scope", f.scope, why)
        if (f.scope, f.name) in seen:
            _fail(path, where, "name", f.name, f"a second figure {f.name} of scope {f.scope}")
        seen.add((f.scope, f.name))
        if f.site and f.site["section"] not in PAGE_SECTIONS[f.site["page"]]:
            why = f"page {f.site['page']} has the sections {list(PAGE_SECTIONS[f.site['page']])}"
            _fail(path, where, "site.section", f.site["section"], why)
    for job, scopes in jobs.items():
        for scope in scopes:
            if scope == PER_RUN:
                _fail(
                    path,
                    f"jobs.{job}",
                    "scopes",
                    scope,
                    f"a figure's folder cannot be {PER_RUN!r} (the scope of tables made once)",
                )
    names: set[str] = set()
    for i, t in enumerate(tables):
        where = f"tables[{i}] ({t.name})"
        if t.scope not in (PER_TASK, PER_RUN, *tasks):
            _fail(path, where, "scope", t.scope, f"use {PER_TASK}, {PER_RUN} or a task ({', '.join(tasks)})")
        per_task = t.scope == PER_TASK
        for field, value in (("name", t.name), ("source", t.source)):
            if ("{task}" in value) != per_task:
                _fail(
                    path,
                    where,
                    field,
                    value,
                    "a table of scope task has {task} in its name and source, any other table none",
                )
        if t.name in names:
            _fail(path, where, "name", t.name, "a second table of this name")
        names.add(t.name)
    return Catalogue(str(path), tasks, jobs, figures, tables)


def caption_file(f: Figure) -> Path:
    """The figure's caption file, its one text for the report and the site."""
    return WORKFLOW / f.caption


def load(path: str | os.PathLike = CATALOGUE, schema: str | os.PathLike = SCHEMA) -> Catalogue:
    """Read, validate and parse a catalogue file; every figure's caption file must exist."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise ArtifactsError(f"cannot read the artifact catalogue {path}: {err.strerror}") from None
    try:
        data = yaml.load(text, Loader=_YAML)
    except yaml.YAMLError as err:
        raise ArtifactsError(f"{path}: not valid YAML: {err}") from None
    validate(data, yaml.load(Path(schema).read_text(encoding="utf-8"), Loader=_YAML), path)
    cat = parse(data, path)
    for i, f in enumerate(cat.figures):
        if not caption_file(f).is_file():
            why = f"no such file under {WORKFLOW}: write the figure's caption there"
            _fail(path, f"figures[{i}] ({f.name}, scope {f.scope})", "caption", f.caption, why)
    return cat


# --- queries ------------------------------------------------------------------------------


def check_tasks(cat: Catalogue, tasks: list[str]) -> None:
    """Stop when a configured task is not in the catalogue."""
    unknown = [t for t in tasks if t not in cat.tasks]
    if unknown:
        raise ArtifactsError(
            f"unknown task(s) {unknown}: {cat.path} knows {list(cat.tasks)}; "
            "fix config key tasks or add the task to the catalogue"
        )


def folders(scope: str, cat: Catalogue, tasks: list[str]) -> list[str]:
    """The folders under the results a scope makes: every task for ``task``, a task only
    when it is configured, any other scope its own folder.

    >>> cat = parse({"tasks": {"mnist": "MNIST", "svhn": "SVHN"}, "jobs": {}, "figures": [],
    ...              "tables": []})
    >>> folders("task", cat, ["mnist"]), folders("svhn", cat, ["mnist"]), folders("all", cat, [])
    (['mnist'], [], ['all'])
    """
    if scope == PER_TASK:
        return list(tasks)
    if scope in cat.tasks:
        return [scope] if scope in tasks else []
    return [scope]


def figures(
    cat: Catalogue, tasks: list[str], *, job: str | None = None, folder: str | None = None
) -> list[tuple[str, Figure]]:
    """(folder, figure) of every figure the run makes, in catalogue order (a per-task
    figure in task order), optionally of one job and one folder."""
    return [
        (d, f)
        for f in cat.figures
        if job in (None, f.job)
        for d in folders(f.scope, cat, tasks)
        if folder in (None, d)
    ]


def figure_folders(cat: Catalogue, tasks: list[str]) -> list[str]:
    """Every folder that holds figures, in order of first appearance."""
    return list(dict.fromkeys(d for d, _ in figures(cat, tasks)))


def page_figures(
    cat: Catalogue, tasks: list[str], page: str, task: str | None = None
) -> list[tuple[str, Figure]]:
    """(folder, figure) shown on a page (``task`` for a task's page), in catalogue order."""
    return [
        (d, f)
        for d, f in figures(cat, tasks)
        if f.site and f.site["page"] == page and (task is None or d == task)
    ]


def _expand(t: Table, task: str) -> tuple[str, str]:
    return t.name.replace("{task}", task), t.source.replace("{task}", task)


def downloads(cat: Catalogue, tasks: list[str]) -> dict[str, str]:
    """Every table the site offers, download name → source under the results: task by
    task first (each task's tables in catalogue order), then the tables of the run."""
    out = {}
    for task in tasks:
        for t in cat.tables:
            if t.scope in (PER_TASK, task):
                name, source = _expand(t, task)
                out[name] = source
    out.update({t.name: t.source for t in cat.tables if t.scope == PER_RUN})
    return out


def page_downloads(cat: Catalogue, tasks: list[str], page: str, task: str | None = None) -> list[str]:
    """The downloads a page lists (``task``: the task's page): the tables of the run first,
    then the per-task ones, each for every task (only ``task`` on a task's page)."""
    listed = [t for t in cat.tables if page in t.pages]
    names = [t.name for t in listed if t.scope == PER_RUN]
    for t in listed:
        if t.scope == PER_RUN:
            continue
        names += [_expand(t, k)[0] for k in tasks if t.scope in (PER_TASK, k) and (task is None or k == task)]
    return names


def about(cat: Catalogue, tasks: list[str]) -> dict[str, str]:
    """Download name → what it holds (a per-task table's text after the task's title)."""
    out = {}
    for t in cat.tables:
        if t.scope == PER_TASK:
            out.update({_expand(t, k)[0]: f"{cat.tasks[k]}: {t.about}" for k in tasks})
        else:
            out[t.name] = t.about
    return out


# --- builders -----------------------------------------------------------------------------


def builder_module_file(spec: str, library_root: str | os.PathLike) -> str:
    """The source file of a builder: its path, or its module's file under the folder
    that holds the ``qutiflow`` package."""
    module = spec.rsplit(":", 1)[0]
    if module.endswith(".py"):
        return module
    return os.path.join(library_root, *module.split(".")) + ".py"


def import_builder(spec: str):
    """The function a builder spec names (a path builder given as an absolute path or
    relative to the working directory)."""
    module_name, function = spec.rsplit(":", 1)
    if module_name.endswith(".py"):
        loader = importlib.util.spec_from_file_location(Path(module_name).stem, module_name)
        if loader is None or not os.path.isfile(module_name):
            raise ArtifactsError(f"builder {spec}: no file {module_name}")
        module = importlib.util.module_from_spec(loader)
        loader.loader.exec_module(module)
    else:
        module = importlib.import_module(module_name)
    try:
        return getattr(module, function)
    except AttributeError:
        raise ArtifactsError(
            f"builder {spec}: {module_name} has no function {function}; fix the catalogue entry's builder"
        ) from None
