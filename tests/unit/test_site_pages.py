"""qutiflow.site.pages and the page modules it puts together (page_parts, task_page,
theory_pages, data_pages): every page rendered from made-up inputs. The plan of the site is
in test_site_contents.py, the scores as tables in test_site_scores.py."""

from __future__ import annotations

import json
import re

import markupsafe
import pandas as pd
from helpers import parse_html as parse
from qutiflow import artifacts
from qutiflow.site import captions, contents, pages
from site_fixtures import EVIL

from .test_site_charts import RECORD
from .test_site_scores import SUMMARY

TASKS = ["imagenet", "cifar10", "mnist"]


FIDELITY_ROWS = pd.DataFrame(
    {
        "platform": ["TX2", "ZCU102-DPU"],
        "model": ["level1"] * 2,
        "measured_fps": [100.0, 50.0],
        "predicted_fps": [120.0, 60.0],
        "is_anchor": [False, True],
    }
)
FIDELITY_FRAMES = {"fidelity_summary": SUMMARY, "fidelity_predictions_vs_measured": FIDELITY_ROWS}


def _inputs(tasks=TASKS, *, label="TX2-maxn", records=True) -> pages.Inputs:
    m = pd.DataFrame(
        {
            "platform_label": [label, "NCS2"],
            "config_key": [f"{label}_FP16_CNV_50", "k"],
            "topology": ["CNV", "CNV"],
            "datatype": ["FP16", "FP16"],
            "pruning_pct": [50.0, 100.0],
            "batch": [1, 2],
            "latency_compute_ms": [1.5, 2.0],
            "throughput_compute_fps": [600.0, 900.0],
            "source_file": ["m.csv", "m.csv"],
            "source_line": [2, 3],
        }
    )
    overview = pd.DataFrame(
        {
            "platform_label": [label],
            "topology": ["CNV"],
            "datatypes": ["FP16"],
            "pruning_pcts": ["50"],
            "batches": ["1"],
            "n_rows": [1],
        }
    )
    frames = {}
    for name, _download in contents.downloads(tasks).items():
        if name.endswith("_measurements"):
            frames[name] = m
        elif name.endswith("_overview"):
            frames[name] = overview
        elif name in FIDELITY_FRAMES:
            frames[name] = FIDELITY_FRAMES[name].replace("TX2", label)
        else:
            frames[name] = pd.DataFrame({"platform": [label], "value_fps": [1.0]})
    figs = [f for p in contents.pages(tasks) for f in p.figures]
    specs = {
        f.spec: json.dumps({"mark": "point", "title": label, "data": {"values": [{"a": 1}]}}) for f in figs
    }
    recs = {f.svg: (RECORD if records else None) for f in figs}
    return pages.Inputs(tasks=tasks, frames=frames, specs=specs, records=recs)


def test_render_writes_every_planned_text_file():
    out = pages.render(_inputs())
    planned = {f for f in contents.output_files(TASKS) if f.endswith((".html", ".css"))}
    assert set(out) == planned


def test_pages_link_only_to_site_files_and_load_nothing_remote():
    out = pages.render(_inputs())
    files = set(contents.output_files(TASKS))
    for name, html in out.items():
        if not name.endswith(".html"):
            continue
        tree = parse(html)
        ids = {a["id"] for _, a in tree.tags if "id" in a}
        for _tag, attrs in tree.tags:
            for key in ("href", "src"):
                target = attrs.get(key)
                if target is None:
                    continue
                assert not re.match(r"^[a-z]+:", target), (name, target)
                path, _, frag = target.partition("#")
                if path:
                    assert path in files, (name, target)
                else:
                    assert frag in ids, (name, target)


def test_navigation_marks_the_current_page():
    out = pages.render(_inputs())
    for page in contents.pages(TASKS):
        tree = parse(out[page.file])
        current = [a["href"] for t, a in tree.tags if a.get("aria-current") == "page"]
        assert current == [page.file]


def test_chart_pages_load_the_one_bundle_and_embed_each_figure():
    out = pages.render(_inputs())
    for page in contents.pages(TASKS):
        tree = parse(out[page.file])
        srcs = [a["src"] for a, _ in tree.scripts if "src" in a]
        specs = [a["id"] for a, _ in tree.scripts if a.get("type") == "application/json"]
        assert srcs == (["vendor/vega-bundle.js"] if page.figures else [])
        assert len(specs) == len(page.figures)
        assert out[page.file].count('class="provenance"') == len(page.figures)


def test_a_script_tag_in_the_data_stays_text():
    out = pages.render(_inputs(label=EVIL))
    for name, html in out.items():
        if not name.endswith(".html"):
            continue
        assert "<script>alert" not in html, name
        tree = parse(html)
        for attrs, body in tree.scripts:
            assert "alert" not in body or attrs.get("type") == "application/json", name
    raw = parse(out["raw_measurements.html"])
    assert any(EVIL in t for t in raw.text)  # shown as text, after the parser decoded it


def test_pages_without_records_say_so():
    out = pages.render(_inputs(records=False))
    assert out["mnist.html"].count("no provenance record") == 13


def test_render_is_deterministic():
    assert pages.render(_inputs()) == pages.render(_inputs())


def test_empty_task_has_a_note():
    inputs = _inputs()
    frames = dict(inputs.frames)
    frames["mnist_measurements"] = frames["mnist_measurements"].iloc[0:0]
    out = pages.render(pages.Inputs(inputs.tasks, frames, inputs.specs, inputs.records))
    assert "There are no measurements for this task" in out["mnist.html"]


# --- prediction fidelity ----------------------------------------------------------------


def test_fidelity_page_is_linked_from_the_navigation_the_index_and_every_task_page():
    out = pages.render(_inputs())
    for page in contents.pages(TASKS):
        tree = parse(out[page.file])
        nav = [a.get("href") for t, a in tree.tags if t == "a"]
        assert "fidelity.html" in nav, page.file
    for task in TASKS:
        html = out[f"{task}.html"]
        assert '<p class="see-also">' in html and 'href="fidelity.html">Prediction fidelity</a>' in html
    index = out["index.html"]
    assert '<li><a href="fidelity.html">Prediction fidelity</a>: how close' in index


def test_fidelity_page_explains_the_models_and_the_anchors_and_shows_the_scores():
    html = pages.render(_inputs())["fidelity.html"]
    for words in (
        "Level 0: the QuTiBench roofline",
        "Level 1: layer by layer, physics only",
        "Level 1 calibrated",
        "the most operations per inference and the one with the fewest",
        "left out of every score",
    ):
        assert words in html, words
    # three charts, each with its provenance note
    assert html.count('class="chart-view"') == 3 and html.count('class="provenance"') == 3
    for name in ("scatter", "error", "batches"):
        assert f'id="spec-fidelity-fidelity-{name}"' in html
    # numbers as a reader wants them: factor and |log10|, shares in %
    assert "<td>×1.23 (0.091)</td>" in html and "<td>×4.82 (0.683)</td>" in html
    assert "<td>51 %</td>" in html and "<td>0.96</td>" in html
    assert "Over all platforms, every measured batch" in html and "<td>×1.37 (0.138)</td>" in html
    # a platform whose configurations are all anchors is named, not silently missing
    assert "nothing scored (anchors only, or no prediction): ZCU102-DPU." in html
    assert 'href="data/fidelity_summary.csv"' in html
    assert 'href="data/fidelity_predictions_vs_measured.parquet"' in html


def test_index_shows_what_changed_only_when_a_difference_is_given():
    plain = pages.render(_inputs())["index.html"]
    assert "What changed in this release" not in plain
    changed = {
        "summary": "changes: 1 input file, 0 code files, 0 params, 0 package versions; "
        "artifacts: 3 changed, 0 added, 0 removed, 9 unchanged",
        "source_lines": ["raw_data/measurements/<x>.csv: new file (sha256 0123456789ab)"],
    }
    inputs = _inputs()
    index = pages.render(
        pages.Inputs(
            tasks=inputs.tasks,
            frames=inputs.frames,
            specs=inputs.specs,
            records=inputs.records,
            changes=changed,
        )
    )["index.html"]
    assert '<h2 id="changes">What changed in this release</h2>' in index
    assert "artifacts: 3 changed, 0 added, 0 removed, 9 unchanged." in index
    assert "<li>raw_data/measurements/&lt;x&gt;.csv: new file (sha256 0123456789ab)</li>" in index
    assert index.index('id="changes"') < index.index('id="pages"')
    assert '<a href="../CHANGES.md">' in index


# --- escaping and captions ----------------------------------------------------------------

HOSTILE = [EVIL, "\"&<>'"]


def test_a_hostile_platform_name_is_escaped_on_every_page_that_shows_it():
    for label in HOSTILE:
        out = pages.render(_inputs(label=label))
        escaped = str(markupsafe.escape(label))
        # the pages whose tables, figures or downloads name the platform
        showing = {f"{t}.html" for t in TASKS} | {
            "raw_measurements.html",
            "overview.html",
            "theoretical.html",
        }
        showing |= {"fidelity.html"}
        for name, html in out.items():
            if not name.endswith(".html"):
                continue
            assert label not in html, (label, name)
            if name in showing:
                assert escaped in html, (label, name)
        for name in showing:
            # and the reader sees the name itself
            assert any(label in t for t in parse(out[name]).text), (label, name)


def test_each_figure_shows_its_caption_file_as_the_report_renders_it():
    out = pages.render(_inputs())
    n = 0
    for page in contents.pages(TASKS):
        for fig in page.figures:
            text = (artifacts.WORKFLOW / fig.caption).read_text(encoding="utf-8")
            caption = captions.html(text, source=fig.caption)
            assert f"<h3>{markupsafe.escape(fig.heading)}</h3>\n{caption}\n<figure>" in out[page.file], fig
            n += 1
    assert n == 3 * 13 + 1 + 4 + 3
    # the theoretical page's figures have their own captions, not the task pages'
    assert "every task" in out["theoretical.html"] and "every task" not in out["mnist.html"]


def test_a_caption_is_text_on_the_page():
    inputs = _inputs()
    fig = next(f for f in contents.pages(TASKS)[1].figures if f.name == "efficiency")
    given = {c: "A caption." for c in contents.caption_files(TASKS)}
    given[fig.caption] = f"Bars of {EVIL} & *more*."
    html = pages.render(
        pages.Inputs(inputs.tasks, inputs.frames, inputs.specs, inputs.records, captions=given)
    )[contents.pages(TASKS)[1].file]
    assert "<p>Bars of &lt;script&gt;alert(1)&lt;/script&gt; &amp; <em>more</em>.</p>" in html
    assert "<p>A caption.</p>" in html
