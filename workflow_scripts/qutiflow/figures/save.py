"""Write one chart as Vega-Lite JSON, SVG, PNG and a self-contained offline HTML page."""

from __future__ import annotations

import functools
import hashlib
import html
import json
import os
import re
from pathlib import Path

import altair as alt
import vl_convert as vlc

from ..atomic import write_bytes
from ..provenance.tagging import tag_png, tag_svg
from ..script_json import script_safe

FORMATS = ("vl.json", "svg", "png", "html")
#: a spec larger than this is an error: keep charts small (pre-aggregate, few columns)
MAX_SPEC_BYTES = 1_000_000
#: the folder under results that keeps each figure's last SVG and PNG (see :func:`render`)
RENDER_CACHE = ".render-cache"
#: set to 0 to render every figure (benchmarks/bench_figures.py does, to time rendering)
RENDER_CACHE_ENV = "QUTIFLOW_RENDER_CACHE"
#: how a spec becomes pictures; part of the cache key (change it with :func:`_draw`)
PNG_SCALE = 2
#: where vl-convert looks for the system's fonts (a glyph the built-in Liberation Sans lacks
#: is drawn from one of them, so they are part of the cache key: :func:`font_key`)
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")


@functools.cache
def font_key() -> str:
    """The sha256 of every font file vl-convert may draw with besides its own: path, size and
    modification time of each file under :data:`FONT_FOLDERS` (once per process)."""
    digest = hashlib.sha256()
    for folder in FONT_FOLDERS:
        for root, dirs, files in os.walk(os.path.expanduser(folder)):
            dirs.sort()
            for name in sorted(files):
                try:
                    st = os.stat(os.path.join(root, name))
                except OSError:
                    continue
                digest.update(f"{root}/{name} {st.st_size} {st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def render_key(text: str) -> str:
    """The render cache's key of the spec ``text``: everything that changes the pictures'
    bytes (vl-convert's version, which fixes its built-in fonts; the system's fonts; the
    PNG scale; the spec)."""
    head = f"vl-convert {getattr(vlc, '__version__', '?')}; fonts {font_key()}; png scale {PNG_SCALE}\n"
    return hashlib.sha256((head + text).encode()).hexdigest()


def spec_json(chart: alt.TopLevelMixin) -> str:
    """The chart's Vega-Lite spec as deterministic JSON (sorted keys). The schema check is
    left to the tests (``to_dict()`` validates there): it costs 0.1 s per chart."""
    return json.dumps(chart.to_dict(validate=False), sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def _title(spec: dict) -> str:
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    return title if isinstance(title, str) else ""


_CLIP = re.compile(r"clip(\d+)")


def renumber_clip_ids(svg: str) -> str:
    """Number Vega's clip-path ids from 1 in order of appearance.

    Vega counts clip ids across every chart a process renders, so the same chart would
    differ with the charts rendered before it; renumbering makes the SVG depend on the
    chart alone.

    >>> renumber_clip_ids('<clipPath id="clip7"/><g clip-path="url(#clip7)"/><clipPath id="clip9"/>')
    '<clipPath id="clip1"/><g clip-path="url(#clip1)"/><clipPath id="clip2"/>'
    """
    mapping: dict[str, str] = {}
    for m in _CLIP.finditer(svg):
        mapping.setdefault(m.group(1), str(len(mapping) + 1))
    return _CLIP.sub(lambda m: f"clip{mapping[m.group(1)]}", svg)


HTML = """<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<title>{title}</title>
<style>body {{ font-family: sans-serif; margin: 1em; }} .vega-embed {{ width: 100%; }}</style>
<script type="text/javascript">{bundle}</script>
</head>
<body>
<div id="vega-chart"></div>
<script type="text/javascript">
vegaEmbed("#vega-chart", {spec}, {{"renderer": "svg"}}).catch(console.error);
</script>
</body>
</html>
"""


def javascript_bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed as one script, from the vl-convert package (offline)."""
    return vlc.javascript_bundle()


def offline_html(spec_text: str, bundle: str, title: str) -> str:
    """A page that renders the spec with the bundled libraries: no request leaves it.

    The spec is escaped as on the site's pages (:func:`qutiflow.script_json.script_safe`):
    no string in the data can close the script, open a comment or break a line of it."""
    return HTML.format(title=html.escape(title), bundle=bundle, spec=script_safe(spec_text))


def _draw(spec: dict) -> tuple[str, bytes]:
    """SVG (clip ids renumbered) and PNG of a spec, rendered by vl-convert."""
    svg = renumber_clip_ids(vlc.vegalite_to_svg(spec))
    png = vlc.svg_to_png(svg, scale=PNG_SCALE)  # from the SVG: half the time of a second render
    return svg, png


def _slot(stem: Path) -> Path | None:
    """The cache file of the figure ``{results}/{folder}/figures/{name}``:
    ``{results}/.render-cache/{folder}/{name}.render``; None for another layout or when
    the cache is turned off."""
    if os.environ.get(RENDER_CACHE_ENV, "1").strip() == "0" or stem.parent.name != "figures":
        return None
    return stem.parents[2] / RENDER_CACHE / stem.parent.parent.name / f"{stem.name}.render"


def render(text: str, stem: Path) -> tuple[str, bytes]:
    """SVG and PNG of the spec ``text``, each without a record id.

    Rendering is most of a figure job's time (text layout in vl-convert) and the same spec
    gives the same pictures, so each figure keeps its last rendering in one cache file
    (:func:`_slot`): its :func:`render_key` (content-addressed: vl-convert's version, the
    system's fonts, the PNG scale and the spec), then the SVG and PNG bytes, written at once. A figure whose spec did not change since the
    last run into the same results folder (e.g. after a catalogue edit that moved nothing
    it shows) is not rendered again; its files come out byte-identical. The audit and
    the publication leave the cache out; a failed run's rollback restores it with the rest."""
    key = render_key(text)
    slot = _slot(stem)
    if slot is not None:
        try:
            data = slot.read_bytes()
            head, _, body = data.partition(b"\n")
            cached_key, svg_len = head.decode("ascii").split(" ")
            if cached_key == key:
                return body[: int(svg_len)].decode("utf-8"), body[int(svg_len) :]
        except (OSError, ValueError):
            pass
    svg, png = _draw(json.loads(text))
    if slot is not None:
        svg_bytes = svg.encode("utf-8")
        write_bytes(f"{key} {len(svg_bytes)}\n".encode("ascii") + svg_bytes + png, slot)
    return svg, png


def save_chart(
    chart: alt.TopLevelMixin, stem: str | Path, *, bundle: str | None = None, record_id: str | None = None
) -> list[Path]:
    """Write ``<stem>.vl.json``, ``.svg``, ``.png`` and ``.html``; return the paths.

    ``bundle`` is the JavaScript of :func:`javascript_bundle` (pass it in to build it once
    per pipeline run rather than once per process). ``record_id`` (the id of the
    provenance record of the job saving the figure) goes into the SVG's metadata and a
    PNG text chunk, so that a figure file found anywhere can be traced back; without one
    (outside a job) the figure carries none."""
    text = spec_json(chart)
    if len(text.encode()) > MAX_SPEC_BYTES:
        raise ValueError(
            f"{stem}: spec is {len(text.encode())} bytes, over {MAX_SPEC_BYTES}; "
            "pass fewer columns or pre-aggregate the data"
        )
    spec = json.loads(text)
    stem = Path(stem)
    svg, png = render(text, stem)
    if record_id:
        svg = tag_svg(svg, record_id)
        png = tag_png(png, record_id)
    outputs = {
        "vl.json": text.encode(),
        "svg": svg.encode(),
        "png": png,
        "html": offline_html(
            text, bundle if bundle is not None else javascript_bundle(), _title(spec) or stem.name
        ).encode(),
    }
    paths = []
    for ext, data in outputs.items():
        path = stem.with_name(f"{stem.name}.{ext}")
        write_bytes(data, path)
        paths.append(path)
    return paths
