"""The website built by the pipeline on the tiny fixtures (plus a platform named like a
script tag): pages, links, downloads, provenance notes, escaping, determinism."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from conftest import TINY_OVERLAY, planned_jobs, snakemake
from helpers import Elements, parse_html
from qutiflow.site import contents
from site_fixtures import EVIL

pytestmark = pytest.mark.workflow
TASKS = ["imagenet", "cifar10", "mnist"]


def parse(path: Path) -> Elements:
    return parse_html(path.read_text(encoding="utf-8"))


@pytest.fixture
def site_run(evil_site_run):
    """The session's site with a platform named like a script tag (tests/conftest.py)."""
    return evil_site_run


def pages_of(results: Path) -> list[Path]:
    return [results / "site" / p.file for p in contents.pages(TASKS)]


def test_every_planned_file_exists(site_run):
    _, _, results = site_run
    for name in contents.output_files(TASKS):
        assert (results / "site" / name).is_file(), name
    assert (results / "site/vendor/vega-bundle.js").read_bytes() == (
        results / "vendor/vega-bundle.js"
    ).read_bytes()
    log = (results / "logs/build_site.log").read_text()
    assert "0 without a provenance record" in log


def test_links_resolve_and_nothing_is_loaded_from_the_web(site_run):
    _, _, results = site_run
    index_links = {a["href"] for t, a in parse(results / "site/index.html").tags if t == "a"}
    for page in pages_of(results):
        assert page.name in index_links or page.name == "index.html"
        tree = parse(page)
        ids = {a["id"] for _, a in tree.tags if "id" in a}
        for _tag, attrs in tree.tags:
            for key in ("href", "src"):
                target = attrs.get(key)
                if target is None:
                    continue
                assert not re.match(r"^\s*(https?:)?//", target, re.I), (page.name, target)
                assert not re.match(r"^[a-z]+:", target, re.I), (page.name, target)
                path, _, frag = target.partition("#")
                if path:
                    assert (page.parent / unquote(path)).is_file(), (page.name, target)
                else:
                    assert frag in ids, (page.name, target)
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)\s*=\s*["']?\s*https?:""", text, re.I), page.name
        assert "@import" not in text and "url(http" not in text


def test_downloads_equal_their_tables(site_run):
    _, _, results = site_run
    for name, d in contents.downloads(TASKS).items():
        parquet = results / "site/data" / f"{name}.parquet"
        csv = results / "site/data" / f"{name}.csv"
        assert parquet.read_bytes() == (results / d.source).read_bytes(), name
        table = pq.read_table(parquet)
        back = pacsv.read_csv(
            csv,
            convert_options=pacsv.ConvertOptions(
                column_types=table.schema, strings_can_be_null=True, quoted_strings_can_be_null=False
            ),
        )
        assert back.equals(table.replace_schema_metadata(None).cast(back.schema)), name
        # and as a spreadsheet user's pandas sees it
        a, b = pd.read_csv(csv), table.to_pandas()
        assert list(a.columns) == list(b.columns) and len(a) == len(b), name
        for col in a.columns:
            if pd.api.types.is_numeric_dtype(b[col]) and not pd.api.types.is_bool_dtype(b[col]):
                assert ((a[col] - b[col]).abs().fillna(0) == 0).all(), (name, col)
    m = pq.read_table(results / "site/data/cifar10_measurements.parquet")
    # CIFAR-10 (CNV) rows: ZCU104-FINN's two (bench_master.csv), TX2's two (bench_runlog.csv)
    # and the script-tag platform's one (tests/site_fixtures.py)
    assert m.num_rows == 2 + 2 + 1
    assert sorted(m.column("platform").to_pylist()) == sorted(
        [EVIL, "TX2", "TX2", "ZCU104-FINN", "ZCU104-FINN"]
    )
    assert m.schema.field("latency_compute_ms").metadata[b"unit"] == b"ms"


def test_every_figure_is_embedded_with_its_provenance(site_run):
    _, _, results = site_run
    for page in contents.pages(TASKS):
        path = results / "site" / page.file
        tree = parse(path)
        specs = {a["id"]: body for a, body in tree.scripts if a.get("type") == "application/json"}
        assert len(specs) == len(page.figures), page.file
        for fig in page.figures:
            sid = "spec-" + "-".join([fig.folder, *fig.name.split("_")])
            assert json.loads(specs[sid]) == json.loads((results / fig.spec).read_text()), sid
        text = path.read_text(encoding="utf-8")
        assert text.count("Provenance: record") == len(page.figures), page.file
        srcs = [a["src"] for a, _ in tree.scripts if "src" in a]
        assert srcs == (["vendor/vega-bundle.js"] if page.figures else []), page.file
    records = {
        json.loads(p.read_text())["rule"]: json.loads(p.read_text())
        for p in (results / "provenance").glob("plot_*.json")
    }
    theory = (results / "site/theoretical.html").read_text(encoding="utf-8")
    rid = records["plot_theory"]["id"]
    assert f'<code title="{rid}">{rid[:12]}</code>' in theory
    for item in records["plot_theory"]["inputs"]:
        assert item["path"] in theory and item["sha256"][:12] in theory


def test_a_script_tag_in_the_data_is_shown_as_text(site_run):
    _, _, results = site_run
    assert EVIL in pq.read_table(results / "normalised/platforms.parquet").column("platform").to_pylist()
    shown_on = []
    for page in pages_of(results):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page.name
        tree = parse(page)
        for attrs, body in tree.scripts:
            if attrs.get("type") == "application/json":
                assert "<" not in body, page.name
                continue
            assert "alert(" not in body, page.name
        if any(EVIL in t for t in tree.text):
            shown_on.append(page.name)
    assert {"raw_measurements.html", "overview.html", "cifar10.html"} <= set(shown_on)


def test_rebuilt_site_is_byte_identical_and_then_up_to_date(site_run):
    raw, overlay, results = site_run
    site = results / "site"
    before = {p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    snakemake(
        "build_site",
        "--forcerun",
        "build_site",
        "--configfile",
        TINY_OVERLAY,
        str(overlay),
        "--config",
        f"raw_data={raw}",
        f"results={results}",
    )
    after = {p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    assert after.keys() == before.keys()
    for name in before:
        assert after[name] == before[name], name
    dry = snakemake(
        "build_site",
        "-n",
        "--configfile",
        TINY_OVERLAY,
        str(overlay),
        "--config",
        f"raw_data={raw}",
        f"results={results}",
    )
    assert planned_jobs(dry) == {}


def test_fidelity_page_shows_its_charts_scores_and_downloads(site_run):
    _, _, results = site_run
    site = results / "site"
    page = parse(site / "fidelity.html")
    specs = [a["id"] for a, _ in page.scripts if a.get("type") == "application/json"]
    assert specs == [
        "spec-fidelity-fidelity-scatter",
        "spec-fidelity-fidelity-error",
        "spec-fidelity-fidelity-batches",
    ]
    hrefs = {a.get("href") for t, a in page.tags if t == "a"}
    assert {"data/fidelity_summary.csv", "data/fidelity_predictions_vs_measured.parquet"} <= hrefs
    summary = pq.read_table(site / "data/fidelity_summary.parquet").to_pandas()
    assert set(summary["scope"]) == {"best_batch", "all_batches"}
    # linked from the navigation of every page, from the index's list and from each task page
    for path in pages_of(results):
        links = [a.get("href") for t, a in parse(path).tags if t == "a"]
        assert "fidelity.html" in links, path.name
    for task in TASKS:
        assert 'href="fidelity.html">Prediction fidelity</a>' in (site / f"{task}.html").read_text()
    figures = results / "fidelity/figures"
    for name in ("fidelity_scatter", "fidelity_error", "fidelity_batches"):
        for ext in ("vl.json", "svg", "png", "html"):
            assert (figures / f"{name}.{ext}").is_file(), (name, ext)
