"""Adding a figure is one catalogue entry plus its builder function: a copy of the tiny run
with a catalogue that adds a figure (its builder in tests/data/catalogue/extra_figure.py)
draws it in the job the catalogue names, puts it in the report and on the site."""

from __future__ import annotations

import json
import zipfile

import pandas as pd
import pytest
import yaml
from conftest import REPO, TINY_OVERLAY, planned_jobs, snakemake

pytestmark = pytest.mark.workflow

FIXTURE = "tests/data/catalogue"
NEW = {
    "name": "batches_per_platform",
    "scope": "task",
    "job": "plot_measured",
    "builder": f"{FIXTURE}/extra_figure.py:batches_per_platform",
    "report": "Latency and throughput",
    "caption": f"{FIXTURE}/batches_per_platform.rst",
    "site": {"page": "task", "section": "measured", "heading": "Batch sizes per platform"},
}


def test_a_catalogue_entry_and_a_builder_add_a_figure(tiny_clone, tmp_path):
    raw, results = tiny_clone
    catalogue = yaml.safe_load((REPO / "config/artifacts.yaml").read_text(encoding="utf-8"))
    catalogue["figures"].append(NEW)
    path = tmp_path / "artifacts.yaml"
    path.write_text(yaml.safe_dump(catalogue, sort_keys=False, allow_unicode=True), encoding="utf-8")
    stem = results / "mnist/figures/batches_per_platform"
    site = results / "site/mnist.html"

    def run(*extra: str, check: bool = True):
        return snakemake(
            *extra,
            "--configfile",
            TINY_OVERLAY,
            "--config",
            f"raw_data={raw}",
            f"results={results}",
            f"artifacts={path}",
            check=check,
        )

    # the figure joins the plot_measured job of each task (still one job per task), and the
    # site, which embeds every task's, waits for all three
    dry = run("-n", f"{stem}.svg", str(site))
    assert planned_jobs(dry) == {"plot_measured": 3, "build_site": 1}
    run(f"{stem}.svg", str(site))

    # its files, drawn by the fixture's builder from each task's measurements
    for ext in ("vl.json", "svg", "png", "html"):
        assert (stem.parent / f"{stem.name}.{ext}").is_file(), ext
    several = 0
    for task, title in (("imagenet", "ImageNet"), ("cifar10", "CIFAR-10"), ("mnist", "MNIST")):
        spec = json.loads(
            (results / task / "figures/batches_per_platform.vl.json").read_text(encoding="utf-8")
        )
        assert spec["title"] == f"Batch Sizes per Platform for {title}"
        drawn = {r["platform_label"]: r["n_batches"] for r in spec["datasets"][spec["data"]["name"]]}
        m = pd.read_parquet(results / task / "measurements.parquet")
        assert drawn == {p: len(set(g["batch"])) for p, g in m.groupby("platform_label", observed=True)}, task
        several += sum(n > 1 for n in drawn.values())
    assert several  # not all ones: the counting is checked
    assert "Batch Sizes per Platform for MNIST" in (stem.parent / f"{stem.name}.svg").read_text()

    # the site embeds it on the task page, after the other measured figures, with its heading
    html = site.read_text(encoding="utf-8")
    section = html.index('<section class="figure" id="fig-mnist-batches-per-platform">')
    assert section > html.index('id="fig-mnist-fps-per-watt"')  # catalogue order
    assert '<a href="#fig-mnist-batches-per-platform">Batch sizes per platform</a>' in html
    embedded = html[section:].split(
        '<script type="application/json" id="spec-mnist-batches-per-platform">', 1
    )[1]
    assert json.loads(embedded.split("</script>", 1)[0])["title"] == "Batch Sizes per Platform for MNIST"

    # the report lists it under its task and subcategory, with its caption
    report = tmp_path / "report.zip"
    run("--report", str(report))
    with zipfile.ZipFile(report) as z:
        names = z.namelist()
        text = z.read(next(n for n in names if n.endswith("report.html"))).decode()
    assert sum(n.endswith("/batches_per_platform.svg") for n in names) == 3  # one per task
    listed = [part.split("]", 1)[0] for part in text.split('"Latency and throughput": [')[1:]]
    assert any(f'"{stem}.svg"' in group for group in listed)  # under its subcategory
    entry = text.split(f'"{stem}.svg": ', 1)[1]
    assert entry.startswith('{"name": "batches_per_platform.svg"')
    assert '"labels": {"figure": "batches per platform"}' in entry[:300]
    assert (
        "<p><strong>Batch sizes per platform.</strong> How many batch sizes were measured "
        "on each platform.</p>"
    ) in entry[:600]
