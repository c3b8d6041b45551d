"""What every chart of the measured analysis shares, checked on each: a platform keeps its
colour in every chart, a spec is the same on every call and leaves its input alone, every
chart renders (with rows and without), a figure without rows is a note. The charts' own
specs are checked in test_figures_measured_{pareto,bars,latency,boxes} and
test_figures_power_traces."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from helpers import mark, spec_rows
from qutiflow.figures import no_data_message
from qutiflow.figures.empty import or_note
from qutiflow.figures.measured_bars import bar_chart, efficiency_chart
from qutiflow.figures.measured_boxes import boxplot_chart
from qutiflow.figures.measured_latency import latency_throughput_chart
from qutiflow.figures.measured_pareto import design_pareto_chart, overlapped_pareto_chart
from qutiflow.figures.power_traces import power_trace_chart
from qutiflow.figures.save import save_chart
from qutiflow.figures.theme import PALETTE

from .test_figures_measured_bars import EFF, VALUES
from .test_figures_measured_boxes import STATS
from .test_figures_measured_latency import LATENCY
from .test_figures_measured_pareto import FRONT, OVERLAP, POINTS
from .test_figures_power_traces import TRACES

BUILDERS = {
    "design_pareto": lambda f: design_pareto_chart(f["points"], f["front"], title="T"),
    "overlapped": lambda f: overlapped_pareto_chart(f["overlap"], title="T"),
    "efficiency": lambda f: efficiency_chart(f["eff"], title="T"),
    "latency": lambda f: latency_throughput_chart(f["latency"], title="T"),
    "boxplot": lambda f: boxplot_chart(f["stats"], value_title="Compute latency [ms]", title="T"),
    "bars": lambda f: bar_chart(f["values"], value_title="Energy per inference [mJ]", title="T", fmt=".1f"),
    "power": lambda f: power_trace_chart(f["traces"], title="T"),
}
FRAMES = {
    "points": POINTS,
    "front": FRONT,
    "overlap": OVERLAP,
    "eff": EFF,
    "latency": LATENCY,
    "stats": STATS,
    "values": VALUES,
    "traces": TRACES,
}
EMPTY = {k: v.iloc[0:0] for k, v in FRAMES.items()}


def test_platform_colours_follow_the_catalogue_order():
    # with the run's hardware order a platform keeps its colour whichever others a chart shows
    order = ["ZCU104-FINN", "NCS2", "TX2-maxq", "TX2-maxn"]
    for spec in (
        design_pareto_chart(POINTS, FRONT, title="T", order=order).to_dict()["layer"][0],
        bar_chart(VALUES, value_title="v", title="T", fmt=".1f", order=order).to_dict()["layer"][0],
    ):
        colour = dict(
            zip(spec["encoding"]["color"]["scale"]["domain"], spec["encoding"]["color"]["scale"]["range"])
        )
        assert colour["NCS2"] == PALETTE[1] and colour["TX2-maxn"] == PALETTE[3]
        assert len(set(colour.values())) == len(colour)


@pytest.mark.parametrize("name", BUILDERS)
def test_specs_are_deterministic_and_inputs_untouched(name):
    before = {k: v.copy() for k, v in FRAMES.items()}
    a = json.dumps(BUILDERS[name](FRAMES).to_dict(), sort_keys=True)
    b = json.dumps(BUILDERS[name](FRAMES).to_dict(), sort_keys=True)
    assert a == b
    for k, v in FRAMES.items():
        pd.testing.assert_frame_equal(v, before[k])


@pytest.mark.parametrize("frames", [FRAMES, EMPTY], ids=["small", "empty"])
@pytest.mark.parametrize("name", BUILDERS)
def test_every_chart_renders(name, frames, tmp_path, bundle):
    paths = save_chart(BUILDERS[name](frames), tmp_path / name, bundle=bundle)
    assert [p.suffix for p in paths] == [".json", ".svg", ".png", ".html"]
    assert (tmp_path / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_figure_without_rows_is_a_note_that_says_so(tmp_path, bundle):
    title = "Power Plots for ImageNet Classification"
    chart, is_note = or_note(
        VALUES.iloc[0:0],
        lambda f: bar_chart(f, value_title="W", title=title, fmt=".1f"),
        title=title,
        message="No power measurements for ImageNet",
    )
    assert is_note
    spec = chart.to_dict()
    assert spec["title"] == title
    assert no_data_message(spec) == "No power measurements for ImageNet"
    # one text mark and no axes, not an empty frame
    assert mark(spec) == "text" and set(spec["encoding"]) == {"x", "y", "text"}
    assert spec_rows(spec) == [{"message": "No power measurements for ImageNet"}]
    assert spec["config"]["view"]["stroke"] is None
    save_chart(chart, tmp_path / "note", bundle=bundle)
    assert "No power measurements for ImageNet" in (tmp_path / "note.svg").read_text()
    # rows to draw: the chart itself
    chart, is_note = or_note(
        VALUES, lambda f: bar_chart(f, value_title="W", title=title, fmt=".1f"), title=title, message="none"
    )
    assert not is_note and no_data_message(chart.to_dict()) is None
