"""qutiflow.site.contents: the plan of the site (its pages, their figures and downloads,
the files it reads and writes)."""

from __future__ import annotations

import pytest
from qutiflow.site import contents

from .test_site_pages import TASKS


def test_plan_covers_every_task_and_download():
    files = contents.output_files(TASKS)
    for page in contents.pages(TASKS):
        assert page.file in files
        for name in page.downloads:
            assert f"data/{name}.csv" in files and f"data/{name}.parquet" in files
    assert "vendor/vega-bundle.js" in files and files == sorted(files)
    figures = [f for p in contents.pages(TASKS) for f in p.figures]
    assert len(figures) == len(set(figures)) == 3 * 13 + 4 + 1 + 3


def test_plan_follows_the_configured_tasks():
    slugs = [p.slug for p in contents.pages(["mnist"])]
    assert slugs == ["index", "mnist", "theoretical", "fidelity", "raw_measurements", "overview"]
    assert "power_traces" not in contents.downloads(["mnist"])
    with pytest.raises(ValueError, match="unknown task"):
        contents.pages(["svhn"])


def test_fidelity_page_is_planned_with_its_charts_and_tables():
    page = {p.slug: p for p in contents.pages(["mnist"])}["fidelity"]
    assert page.file == "fidelity.html" and page.title == "Prediction fidelity"
    assert [f.spec for f in page.figures] == [
        "fidelity/figures/fidelity_scatter.vl.json",
        "fidelity/figures/fidelity_error.vl.json",
        "fidelity/figures/fidelity_batches.vl.json",
    ]
    assert page.downloads == ("fidelity_predictions_vs_measured", "fidelity_summary")
    assert {
        "fidelity/predictions_vs_measured.parquet",
        "fidelity/summary.parquet",
        "fidelity/figures/fidelity_error.vl.json",
    } <= set(contents.input_files(["mnist"]))
    assert {"data/fidelity_summary.csv", "data/fidelity_summary.parquet", "fidelity.html"} <= set(
        contents.output_files(["mnist"])
    )
