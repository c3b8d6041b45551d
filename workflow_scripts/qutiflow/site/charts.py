"""An embedded chart: its spec inlined as JSON, drawn by Vega-Embed, and its provenance."""

from __future__ import annotations

import json

from ..figures import no_data_message
from .escape import anchor, script_json, text
from .text import EMPTY_CHART, NO_PROVENANCE

SHORT = 12

#: draws every chart of a page; a chart that fails says so in place and in the console. A
#: single view (no facets, no concatenation) is drawn as wide as the page allows, from its
#: designed width up (``width: "container"``); a composed chart keeps its designed size and
#: scrolls sideways where the page is narrower
EMBED_SCRIPT = """(function () {
  function single(spec) {
    return typeof spec.width === "number" && !("facet" in spec) && !("repeat" in spec) &&
      !("hconcat" in spec) && !("vconcat" in spec) && !("concat" in spec);
  }
  document.querySelectorAll(".chart-view").forEach(function (el) {
    var spec = JSON.parse(document.getElementById(el.dataset.spec).textContent);
    if (typeof vegaEmbed !== "function") {
      el.textContent = "The chart library (vendor/vega-bundle.js) did not load.";
      return;
    }
    if (single(spec)) {
      el.classList.add("fit");
      el.style.minWidth = (spec.width + 240) + "px";
      spec.width = "container";
      spec.autosize = {type: "fit-x", contains: "padding"};
    }
    vegaEmbed(el, spec, {renderer: "svg", actions: false}).catch(function (err) {
      el.textContent = "This chart could not be drawn: " + err;
      console.error(err);
    });
  });
})();
"""


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
    return _safe(parse_spec(spec_text, source=source), source=source)


def _safe(spec: dict, *, source: str) -> str:
    try:
        return script_json(spec)
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


def _git(record: dict) -> str:
    git = record.get("git") if isinstance(record.get("git"), dict) else {}
    commit = git.get("commit")
    dirty = git.get("dirty")
    state = {True: "with uncommitted changes", False: "clean work tree"}.get(dirty, "work tree state unknown")
    if not commit:
        return f"commit unknown ({state})"
    return f'commit <code title="{text(commit)}">{text(short(commit))}</code> ({state})'


def provenance(record: dict | None) -> str:
    """The provenance note under a chart: record id, rule, code version and the inputs
    with short hashes; 'no provenance record' when there is none. Every value is escaped.

    >>> provenance(None)
    '<div class="provenance"><p>Provenance: no provenance record</p></div>'
    """
    if not record:
        return f'<div class="provenance"><p>Provenance: {NO_PROVENANCE}</p></div>'
    rid = record.get("id")
    head = (
        f'Provenance: record <code title="{text(rid)}">{text(short(rid))}</code>'
        f" · rule <code>{text(record.get('rule') or 'unknown')}</code> · {_git(record)}"
    )
    wildcards = record.get("wildcards")
    if isinstance(wildcards, dict) and wildcards:
        head += " · " + ", ".join(f"{text(k)}={text(v)}" for k, v in sorted(wildcards.items()))
    rows = []
    inputs = record.get("inputs") if isinstance(record.get("inputs"), list) else []
    for item in sorted((i for i in inputs if isinstance(i, dict)), key=lambda i: str(i.get("path"))):
        rows.append(
            f"<li><code>{text(item.get('path'))}</code> "
            f'<code class="hash" title="sha256 {text(item.get("sha256"))}">'
            f"{text(short(item.get('sha256')))}</code></li>"
        )
    listing = ('<ul class="inputs">\n' + "\n".join(rows) + "\n</ul>") if rows else "<p>no inputs recorded</p>"
    return (
        f'<div class="provenance"><details><summary>{head}</summary>\n'
        f"<p>Inputs of the job that drew this chart (path, first {SHORT} hex digits of its sha256):</p>\n"
        f"{listing}\n</details></div>"
    )


def chart(
    *,
    folder: str,
    name: str,
    heading: str,
    paragraphs: list[str],
    spec_text: str,
    record: dict | None,
    source: str,
) -> tuple[str, str]:
    """(anchor id, HTML) of a figure section: heading, explanation, chart, provenance."""
    fid = anchor("fig", folder, name)
    sid = anchor("spec", folder, name)
    spec = parse_spec(spec_text, source=source)
    prose = "\n".join(f"<p>{text(p)}</p>" for p in paragraphs)
    note = no_data_message(spec) or (EMPTY_CHART if data_rows(spec) == 0 else None)
    if note:
        # nothing to draw: the note says why, in place of an empty frame (the spec stays
        # in the page, inert, like every figure's)
        view = f'<p class="note no-data">{text(note if note.endswith(".") else note + ".")}</p>\n'
    else:
        view = f'<div class="chart-view" data-spec="{sid}" role="img" aria-label="{text(heading)}"></div>\n'
    view += f'<script type="application/json" id="{sid}">{_safe(spec, source=source)}</script>\n'
    html_ = (
        f'<section class="figure" id="{fid}">\n<h3>{text(heading)}</h3>\n{prose}\n'
        f"<figure>\n{view}"
        f"<figcaption>{provenance(record)}</figcaption>\n</figure>\n</section>"
    )
    return fid, html_
