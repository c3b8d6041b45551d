"""What every theoretical chart shares: a spec is the same on every call, an empty task
still renders, every format is written offline. Each chart's own spec is checked in
test_figures_theory_{roofline,heatmap,pareto,requirements}."""

from __future__ import annotations

import json

import pandas as pd
from qutiflow.figures.save import save_chart, spec_json
from qutiflow.figures.theory_heatmap import heatmap_chart
from qutiflow.figures.theory_pareto import pareto_chart
from qutiflow.figures.theory_requirements import platforms_chart
from qutiflow.figures.theory_roofline import roofline_chart

from .test_figures_theory_roofline import MODELS, PLATFORMS


def test_specs_are_deterministic():
    a = spec_json(roofline_chart(PLATFORMS, MODELS, title="T"))
    b = spec_json(roofline_chart(PLATFORMS, MODELS, title="T"))
    assert a == b
    assert json.loads(a)["$schema"].startswith("https://vega.github.io/schema/vega-lite/")


def test_empty_task_still_renders(tmp_path):
    empty = MODELS.iloc[0:0]
    pred = pd.DataFrame(
        columns=["platform", "op_mode", "datatype", "topology", "pruning_pct", "predicted_fps", "bound"]
    )
    for name, chart in {
        "r": roofline_chart(PLATFORMS, empty, title="T"),
        "h": heatmap_chart(pred, title="T"),
        "p": pareto_chart(
            empty.assign(platform=[], op_mode=[], predicted_fps=[]),
            empty.assign(platform=[], op_mode=[], predicted_fps=[]),
            title="T",
        ),
    }.items():
        paths = save_chart(chart, tmp_path / name)
        assert [p.suffix for p in paths] == [".json", ".svg", ".png", ".html"]


def test_save_chart_writes_offline_html(tmp_path):
    paths = save_chart(platforms_chart(PLATFORMS), tmp_path / "platforms")
    html = (tmp_path / "platforms.html").read_text()
    assert '<script src="http' not in html and "cdn.jsdelivr" not in html
    assert "vegaEmbed" in html or "vega-embed" in html
    assert (tmp_path / "platforms.svg").read_text().startswith("<svg")
    assert (tmp_path / "platforms.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)
