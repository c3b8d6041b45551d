"""qutiflow.site.charts: a figure's block on a page (its spec inlined safely), its
provenance note, and the script that draws it."""

from __future__ import annotations

import json

import pytest
from helpers import parse_html as parse
from qutiflow.site import charts, style
from site_fixtures import EVIL

RECORD = {
    "id": "ab" * 32,
    "rule": "plot_measured",
    "wildcards": {"task": "mnist"},
    "inputs": [
        {"path": "results/mnist/measurements.parquet", "sha256": "1f" * 32},
        {"path": "raw_data/measurements/x.csv", "sha256": "2e" * 32},
    ],
    "git": {"commit": "c0ffee" * 7, "dirty": True},
}


def test_provenance_shows_id_rule_inputs_and_commit():
    note = charts.provenance(RECORD)
    assert "abababababab</code>" in note and "ab" * 13 not in note.split("title=")[0]
    assert "plot_measured" in note and "task=mnist" in note
    assert "results/mnist/measurements.parquet" in note and "1f1f1f1f1f1f</code>" in note
    assert "raw_data/measurements/x.csv" in note
    assert "c0ffeec0ffee</code>" in note and "uncommitted changes" in note


@pytest.mark.parametrize("record", [None, {}])
def test_missing_record_says_so(record):
    assert "no provenance record" in charts.provenance(record)


@pytest.mark.parametrize(
    "git, shown",
    [
        ({"commit": None, "dirty": None}, "commit unknown"),
        ({"commit": "abc", "dirty": False}, "clean work tree"),
        ("not a dict", "commit unknown"),
    ],
)
def test_provenance_survives_odd_git_states(git, shown):
    assert shown in charts.provenance({**RECORD, "git": git})


def test_provenance_escapes_every_value():
    evil = {
        "id": EVIL,
        "rule": EVIL,
        "wildcards": {EVIL: EVIL},
        "inputs": [{"path": EVIL, "sha256": EVIL}],
        "git": {"commit": EVIL, "dirty": True},
    }
    note = charts.provenance(evil)
    assert "<script" not in note
    assert not parse(note).scripts


def test_chart_inlines_the_spec_safely():
    spec = json.dumps({"title": EVIL, "data": {"values": [{"a": "</script><script>x()"}]}})
    fid, block = charts.chart(
        folder="mnist",
        name="efficiency",
        heading="Efficiency",
        caption="<p>What it shows.</p>",
        spec_text=spec,
        record=None,
        source="s",
    )
    assert fid == "fig-mnist-efficiency"
    tree = parse(block)
    assert len(tree.scripts) == 1
    attrs, body = tree.scripts[0]
    assert attrs == {"type": "application/json", "id": "spec-mnist-efficiency"}
    assert json.loads(body) == json.loads(spec)
    view = [a for t, a in tree.tags if a.get("class") == "chart-view"]
    assert view == [
        {
            "class": "chart-view",
            "data-spec": "spec-mnist-efficiency",
            "role": "img",
            "aria-label": "Efficiency",
        }
    ]
    assert "no provenance record" in block
    assert "<h3>Efficiency</h3>\n<p>What it shows.</p>\n<figure>" in block


def test_chart_escapes_its_heading():
    _, block = charts.chart(
        folder="mnist", name="efficiency", heading=EVIL, caption="", spec_text="{}", record=None, source="s"
    )
    assert "<h3>&lt;script&gt;alert(1)&lt;/script&gt;</h3>" in block
    assert 'aria-label="&lt;script&gt;' not in block  # nothing to draw: no chart view
    assert len(parse(block).scripts) == 1


def test_embed_script_uses_svg_without_actions():
    assert 'vegaEmbed(el, spec, {renderer: "svg", actions: false})' in charts.EMBED_SCRIPT
    assert "JSON.parse(" in charts.EMBED_SCRIPT


def test_single_charts_take_the_page_width():
    # a single view is drawn as wide as its container (from its designed width up); a
    # composed chart (facets, concatenation) keeps its size
    script = charts.EMBED_SCRIPT
    assert 'spec.width = "container"' in script
    assert 'spec.autosize = {type: "fit-x", contains: "padding"}' in script
    for composed in ("facet", "repeat", "hconcat", "vconcat", "concat"):
        assert f'!("{composed}" in spec)' in script
    assert ".chart-view.fit { width: 100%" in style.CSS


def test_spec_block_errors_name_the_file():
    with pytest.raises(ValueError, match="x.vl.json: not a JSON spec"):
        charts.spec_block("{", source="x.vl.json")
    with pytest.raises(ValueError, match="x.vl.json: .*NaN"):
        charts.spec_block('{"a": NaN}', source="x.vl.json")


def test_an_empty_chart_is_a_note_in_its_place():
    def block(spec):
        return charts.chart(
            folder="mnist",
            name="power_bars",
            heading="Power",
            caption="",
            spec_text=json.dumps(spec),
            record=None,
            source="s",
        )[1]

    empty = block({"datasets": {"d": []}, "data": {"name": "d"}})
    assert "Nothing to draw" in empty and "chart-view" not in empty
    assert parse(empty).scripts[0][0]["type"] == "application/json"  # inert, never drawn
    for drawn in (
        block({"datasets": {"d": [{"a": 1}]}}),
        block({"layer": [{"data": {"values": [{"a": 1}]}}]}),
    ):
        assert "Nothing to draw" not in drawn and "chart-view" in drawn
    # a figure drawn as a note (no power measurements): its message instead of the chart
    note = block(
        {
            "data": {"values": [{"message": "m"}]},
            "mark": "text",
            "usermeta": {"qutiflow": {"no_data": "No power measurements for MNIST"}},
        }
    )
    assert '<p class="note no-data">No power measurements for MNIST.</p>' in note
    assert "chart-view" not in note and "Provenance" in note
