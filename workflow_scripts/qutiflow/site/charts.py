"""An embedded chart as the page template takes it: its spec inlined as JSON (drawn by\nVega-Embed), what it shows, and its provenance."""

from __future__ import annotations

import json

from markupsafe import Markup

from ..figures import no_data_message
from .layout import anchor
from .render import TEMPLATES, part, spec_json, trusted
from .text import EMPTY_CHART

SHORT = 12

#: the script that draws every chart of a page (templates/embed_charts.js, which the page
#: template includes); a chart that fails says so in place and in the console. A single view
#: (no facets, no concatenation) is drawn as wide as the page allows, from its designed
#: width up (``width: "container"``); a composed chart keeps its designed size and scrolls
#: sideways where the page is narrower
EMBED_SCRIPT = (TEMPLATES / "embed_charts.js").read_text(encoding="utf-8")


def parse_spec(spec_text: str, *, source: str) -> dict:
    """The spec as a dict; ``source`` names the file in errors."""
    try:
        spec = json.loads(spec_text)
    except json.JSONDecodeError as err:
        raise ValueError(f"{source}: not a JSON spec ({err})") from None
    if not isinstance(spec, dict):
        raise ValueError(f"{source}: a Vega-Lite spec is a JSON object, found {type(spec).__name__}")
    return spec


def spec_block(spec_text: str, *, source: str) -> str:
    """The spec as safe JSON for a script element. ``source`` names the file in errors.

    >>> spec_block('{"title": "a</script>"}', source="x.vl.json")
    '{"title":"a\\\\u003c/script\\\\u003e"}'
    """
    return str(_safe(parse_spec(spec_text, source=source), source=source))


def _safe(spec: dict, *, source: str) -> Markup:
    try:
        return spec_json(spec)
    except ValueError as err:
        raise ValueError(f"{source}: {err} (NaN or infinity in the spec)") from None


def data_rows(spec: object) -> int:
    """Rows of inline data in a spec (named datasets and ``data.values`` at any depth).

    >>> data_rows({"datasets": {"a": [{}, {}]}, "layer": [{"data": {"values": [{}]}}]})
    3
    >>> data_rows({"datasets": {"a": []}})
    0
    """
    if isinstance(spec, list):
        return sum(data_rows(v) for v in spec)
    if not isinstance(spec, dict):
        return 0
    n = (
        sum(len(v) for v in spec.get("datasets", {}).values() if isinstance(v, list))
        if isinstance(spec.get("datasets"), dict)
        else 0
    )
    values = spec.get("values")
    if isinstance(values, list):
        n += len(values)
    return n + sum(data_rows(v) for k, v in spec.items() if k not in ("datasets", "values"))


def short(value: object, n: int = SHORT) -> str:
    """The first ``n`` characters of a hash ('unknown' when missing).

    >>> short("0123456789abcdef"), short(None)
    ('0123456789ab', 'unknown')
    """
    return str(value)[:n] if value else "unknown"


def provenance_data(record: dict | None) -> dict | None:
    """The provenance note under a chart, as the template ``provenance`` of
    templates/parts.html.j2 takes it: record id, rule, code version, wildcards and the
    inputs with short hashes (None: 'no provenance record').

    >>> provenance_data({"id": "0123456789abcdef", "git": {"commit": None}})["tree"]
    'work tree state unknown'
    """
    if not record:
        return None
    git = record.get("git") if isinstance(record.get("git"), dict) else {}
    wildcards = record.get("wildcards")
    inputs = record.get("inputs") if isinstance(record.get("inputs"), list) else []
    return {
        "id": _shown(record.get("id")),
        "id_short": short(record.get("id")),
        "rule": record.get("rule") or "unknown",
        "commit": _shown(git.get("commit")) if git.get("commit") else "",
        "commit_short": short(git.get("commit")),
        "tree": {True: "with uncommitted changes", False: "clean work tree"}.get(
            git.get("dirty"), "work tree state unknown"
        ),
        "wildcards": sorted(wildcards.items()) if isinstance(wildcards, dict) else [],
        "short": SHORT,
        "inputs": [
            {
                "path": _shown(i.get("path")),
                "sha256": _shown(i.get("sha256")),
                "sha256_short": short(i.get("sha256")),
            }
            for i in sorted((i for i in inputs if isinstance(i, dict)), key=lambda i: str(i.get("path")))
        ],
    }


def _shown(value: object) -> str:
    return "" if value is None else str(value)


def provenance(record: dict | None) -> str:
    """The provenance note of :func:`provenance_data` as a page shows it.

    >>> provenance(None)
    '<div class="provenance"><p>Provenance: no provenance record</p></div>'
    """
    return part("provenance", provenance_data(record))


def figure_data(
    *, folder: str, name: str, heading: str, caption: str, spec_text: str, record: dict | None, source: str
) -> dict:
    """A figure's section as the template ``figure`` of templates/parts.html.j2 takes it:
    its ids, heading, caption (HTML, from :mod:`.captions`), its spec as safe JSON, the
    note shown instead of a chart with nothing to draw, and its provenance."""
    spec = parse_spec(spec_text, source=source)
    note = no_data_message(spec) or (EMPTY_CHART if data_rows(spec) == 0 else None)
    return {
        "id": anchor("fig", folder, name),
        "spec_id": anchor("spec", folder, name),
        "heading": heading,
        "caption": trusted(caption),
        # nothing to draw: the note says why, in place of an empty frame (the spec stays in
        # the page, inert, like every figure's)
        "note": (note if note.endswith(".") else note + ".") if note else "",
        "spec": _safe(spec, source=source),
        "provenance": provenance_data(record),
    }


def chart(
    *, folder: str, name: str, heading: str, caption: str, spec_text: str, record: dict | None, source: str
) -> tuple[str, str]:
    """(anchor id, HTML) of a figure's section, as a page shows it."""
    data = figure_data(
        folder=folder,
        name=name,
        heading=heading,
        caption=caption,
        spec_text=spec_text,
        record=record,
        source=source,
    )
    return data["id"], part("figure", data)
