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


class RecordError(ValueError):
    """A record file that is not a whole record; the message names the file and the fault."""


#: the fields every reader of a record relies on, with their JSON types
_FIELDS = {"id": str, "rule": str, "wildcards": dict, "inputs": list, "code": list, "outputs": list}
_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "true or false",
    int: "a number",
    float: "a number",
    type(None): "null",
}


def _fault(data) -> str | None:
    """What makes parsed JSON not a record (None when it is one)."""
    if not isinstance(data, dict):
        return f"{_JSON_TYPES[type(data)]}, where a record is an object"
    for key, kind in _FIELDS.items():
        if key not in data:
            return f"no {key!r}"
        if not isinstance(data[key], kind):
            return f"{key!r} is {_JSON_TYPES[type(data[key])]}, not {_JSON_TYPES[kind]}"
    for key in ("inputs", "code", "outputs"):
        for i, entry in enumerate(data[key]):
            for field in ("path", "sha256"):
                if not isinstance(entry, dict) or not isinstance(entry.get(field), str):
                    return f"{key}[{i}] has no {field!r} string"
    return None


def read_record(path: Path) -> dict:
    """One record file, checked: raises :class:`RecordError` naming the file and the fault."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as err:
        fault = f"not UTF-8 text (byte {err.start})"
    except json.JSONDecodeError as err:
        fault = f"not valid JSON at line {err.lineno}, column {err.colno}: {err.msg}"
    else:
        fault = _fault(data)
    if fault:
        raise RecordError(
            f"cannot read {path}: not a provenance record ({fault}); it was cut short or "
            "edited: run the pipeline again to rewrite it, or put the folder back from a good copy"
        )
    return data


def load_records(results: str | Path) -> list[dict]:
    """Every record under ``results``, in the order of their file names ([] when none);
    raises :class:`RecordError` for a file that is not a whole record."""
    folder = Path(results) / RECORDS
    if not folder.is_dir():
        return []
    return [read_record(p) for p in sorted(folder.glob("*.json"))]


def index(results: str | Path) -> dict[str, dict]:
    """Logical output path → the record that made it."""
    return {o["path"]: r for r in load_records(results) for o in r["outputs"]}


def lookup(results: str | Path, path: str | Path) -> dict | None:
    """The record of the artifact at ``path`` (a file under ``results``), or None."""
    roots = Roots(results, ".")
    return index(results).get(roots.logical(path))
