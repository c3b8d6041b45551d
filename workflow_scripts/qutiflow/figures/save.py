"""Write one chart as Vega-Lite JSON, SVG, PNG and a self-contained offline HTML page."""
from __future__ import annotations

import json
from pathlib import Path

import altair as alt
import vl_convert as vlc

from ..io import write_bytes

FORMATS = ("vl.json", "svg", "png", "html")
#: a spec larger than this is an error: keep charts small (pre-aggregate, few columns)
MAX_SPEC_BYTES = 1_000_000


def spec_json(chart: alt.TopLevelMixin) -> str:
    """The chart's Vega-Lite spec as deterministic JSON (sorted keys)."""
    return json.dumps(chart.to_dict(validate=True), sort_keys=True, indent=1,
                      ensure_ascii=False) + "\n"


def save_chart(chart: alt.TopLevelMixin, stem: str | Path) -> list[Path]:
    """Write ``<stem>.vl.json``, ``.svg``, ``.png`` and ``.html``; return the paths."""
    text = spec_json(chart)
    if len(text.encode()) > MAX_SPEC_BYTES:
        raise ValueError(f"{stem}: spec is {len(text.encode())} bytes, over {MAX_SPEC_BYTES}; "
                         "pass fewer columns or pre-aggregate the data")
    spec = json.loads(text)
    stem = Path(stem)
    outputs = {
        "vl.json": text.encode(),
        "svg": vlc.vegalite_to_svg(spec).encode(),
        "png": vlc.vegalite_to_png(spec, scale=2),
        "html": vlc.vegalite_to_html(spec, bundle=True).encode(),
    }
    paths = []
    for ext, data in outputs.items():
        path = stem.with_name(f"{stem.name}.{ext}")
        write_bytes(data, path)
        paths.append(path)
    return paths
