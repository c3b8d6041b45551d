"""Provenance records: which inputs, parameters and code made each artifact.

Every job of the pipeline writes one record, ``{results}/provenance/<rule>[-<wildcards>].json``:

* ``id``: sha256 of the job's *recipe*: rule, wildcards, params, the sha256 of every
  input file and of every code file (the rule's script and the library modules the rule
  declares as its ``code`` input), and the versions of Python and the key packages. Outputs, times, the
  machine and the git state are not part of it, so the same recipe gives the same id
  anywhere, and every figure carries it (SVG ``<metadata>``, PNG ``tEXt`` chunk);
* ``inputs``, ``code``, ``outputs``: logical path and sha256 of each file;
* ``git``: the project's commit and whether the work tree had uncommitted changes;
* ``roots``: where ``raw_data`` was when the job ran (to find raw inputs again).

Logical paths make records independent of where the folders are: ``results/…`` is
relative to the results folder, ``raw_data/…`` to the raw-data folder, anything else to
the repository (config tables, scripts, library), or absolute when outside all three.
No wall-clock time is recorded: two identical runs write identical records.

Imports only the standard library (the Vega bundle job uses it and must start fast).
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from . import atomic

REPO = Path(__file__).resolve().parent.parent.parent
RECORDS = "provenance"
PACKAGES = ("snakemake", "pandas", "numpy", "pyarrow", "altair", "vl-convert-python",
            "jsonschema", "PyYAML")
#: text chunk keyword (PNG) and metadata id (SVG) that carry a record id in a figure
MARK = "qutiflow-provenance"

_current: dict | None = None


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
        """``results/…``, ``raw_data/…``, repository-relative, or absolute.

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


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def git_state(repo: Path = REPO) -> dict:
    """Commit and dirty flag of the project's work tree; None where git cannot tell."""
    def git(*args: str) -> str | None:
        try:
            proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True,
                                  text=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return proc.stdout if proc.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=no")
    return {"commit": commit.strip() if commit else None,
            "dirty": None if status is None else bool(status.strip())}


def _logical_params(value, roots: Roots):
    """Params with every path under the roots made logical (records must not depend on
    where the folders are)."""
    if isinstance(value, dict):
        return {str(k): _logical_params(v, roots) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_logical_params(v, roots) for v in value]
    if isinstance(value, str) and value:
        full = Path(os.path.abspath(value))
        if _under(full, roots.results) is not None or _under(full, roots.raw_data) is not None:
            return roots.logical(value)
        return value
    if isinstance(value, (bool, int, float)) or value is None:
        return value
    return str(value)


def _entries(paths, roots: Roots) -> list[dict]:
    seen: dict[str, str] = {}
    for p in paths:
        if os.path.isfile(p):
            seen.setdefault(roots.logical(p), sha256_file(p))
    return [{"path": k, "sha256": v} for k, v in sorted(seen.items())]


def recipe_id(recipe: dict) -> str:
    return hashlib.sha256(json.dumps(recipe, sort_keys=True, separators=(",", ":"))
                          .encode()).hexdigest()


def begin(*, rule: str, wildcards: dict, params: dict, inputs: list[str], code: list[str],
          roots: Roots) -> dict:
    """Hash the job's inputs and code (its script and the library files the rule declares)
    before it runs; the record id is then known and :func:`current_id` returns it to the
    figure writers."""
    global _current
    recipe = {
        "rule": rule,
        "wildcards": {str(k): str(v) for k, v in sorted(wildcards.items())},
        "params": _logical_params(params, roots),
        "inputs": _entries(inputs, roots),
        "code": _entries(code, roots),
        "versions": versions(),
    }
    _current = {"id": recipe_id(recipe), **recipe}
    return _current


def current_id() -> str | None:
    """The id of the record of the job running in this process (None outside a job)."""
    return _current["id"] if _current else None


def record_name(rule: str, wildcards: dict) -> str:
    """``<rule>[-<wildcard values>].json``

    >>> record_name("plot_measured", {"task": "mnist"}), record_name("compute_rooflines", {})
    ('plot_measured-mnist.json', 'compute_rooflines.json')
    """
    return "-".join([rule, *(str(wildcards[k]) for k in sorted(wildcards))]) + ".json"


def finish(*, outputs: list[str], roots: Roots, raw_data_root: str) -> Path:
    """Hash the outputs and write the record (atomically) next to the others."""
    if _current is None:
        raise RuntimeError("provenance.finish() without begin()")
    record = {**_current, "outputs": _entries(outputs, roots), "git": git_state(roots.repo),
              "roots": {"raw_data": raw_data_root}}
    path = roots.results / RECORDS / record_name(record["rule"], record["wildcards"])
    atomic.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", path)
    return path


def for_snakemake_job(smk, *, script: str | None = None) -> tuple[Roots, str]:
    """Roots and raw_data root of a job from its ``snakemake`` object; begins the record."""
    raw = smk.config.get("raw_data", "raw_data")
    roots = Roots(smk.config.get("results", "results"), raw)
    named = _named_inputs(smk)
    inputs = [f for name, files in named if name != "code" for f in files]
    code = [f for name, files in named if name == "code" for f in files]
    if script is None:
        candidate = Path(smk.scriptdir) / f"{smk.rule}.py"
        script = str(candidate) if candidate.is_file() else None
    # input_sha256 (the rerun trigger on input content) repeats the inputs' own hashes
    params = {k: v for k, v in smk.params.items() if k != "input_sha256"}
    begin(rule=smk.rule, wildcards=dict(smk.wildcards.items()), params=params, inputs=inputs,
          code=code + ([script] if script else []), roots=roots)
    return roots, raw


def _named_inputs(smk):
    """(name, files) per input of a job; unnamed inputs under the name ''."""
    named = set()
    out = []
    for name, value in smk.input.items():
        files = [value] if isinstance(value, str) else list(value)
        named.update(files)
        out.append((name, files))
    out.append(("", [f for f in smk.input if f not in named]))
    return out


def load_records(results: str | Path) -> list[dict]:
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


# --- record ids inside figure files -------------------------------------------------

def tag_svg(svg: str, record_id: str) -> str:
    """The SVG with ``<metadata id="qutiflow-provenance">ID</metadata>`` as first child.

    >>> tag_svg('<svg width="1"><g/></svg>', "abc")
    '<svg width="1"><metadata id="qutiflow-provenance">abc</metadata><g/></svg>'
    """
    start = svg.index("<svg")
    end = svg.index(">", start) + 1
    return f'{svg[:end]}<metadata id="{MARK}">{record_id}</metadata>{svg[end:]}'


def svg_id(svg: str) -> str | None:
    marker = f'<metadata id="{MARK}">'
    at = svg.find(marker)
    if at < 0:
        return None
    return svg[at + len(marker):svg.index("</metadata>", at)]


def tag_png(png: bytes, record_id: str) -> bytes:
    """The PNG with a ``tEXt`` chunk ``qutiflow-provenance`` = id before ``IEND``."""
    import struct
    import zlib

    data = MARK.encode("latin-1") + b"\0" + record_id.encode("latin-1")
    chunk = struct.pack(">I", len(data)) + b"tEXt" + data
    chunk += struct.pack(">I", zlib.crc32(b"tEXt" + data) & 0xFFFFFFFF)
    at = png.rindex(b"IEND") - 4  # the length field before the chunk type
    return png[:at] + chunk + png[at:]


def png_id(png: bytes) -> str | None:
    import struct

    pos = 8
    while pos + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + length]
        if kind == b"tEXt":
            key, _, value = body.partition(b"\0")
            if key == MARK.encode():
                return value.decode("latin-1")
        pos += 12 + length
    return None
