"""The artifact catalogue (config/artifacts.yaml, qutiflow.artifacts): its checks, its
queries, and that the repository's catalogue matches the builders, captions and site."""

from __future__ import annotations

import copy
import inspect
from pathlib import Path

import pytest
import yaml
from qutiflow import artifacts
from qutiflow.site import captions

REPO = Path(__file__).resolve().parent.parent.parent
TASKS = ["imagenet", "cifar10", "mnist"]


@pytest.fixture(scope="module")
def cat() -> artifacts.Catalogue:
    return artifacts.load()


@pytest.fixture
def raw() -> dict:
    return yaml.safe_load(artifacts.CATALOGUE.read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "artifacts.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


# --- the repository's catalogue --------------------------------------------------------------


def test_every_builder_imports_and_every_caption_exists(cat):
    for f in cat.figures:
        fn = artifacts.import_builder(f.builder)
        assert callable(fn) and list(inspect.signature(fn).parameters) == ["d"], f.builder
        assert (REPO / f.caption).is_file(), f.caption
    # every caption file belongs to a figure
    assert {p.name for p in (REPO / "report/captions").glob("*.rst")} == {
        Path(f.caption).name for f in cat.figures
    }


def test_the_figures_of_a_full_run(cat):
    pairs = [f"{d}/{f.name}" for d, f in artifacts.figures(cat, TASKS)]
    # 3 theory + 10 measured per task, the power traces, 4 over all networks, 3 fidelity
    assert len(pairs) == len(set(pairs)) == 3 * 13 + 1 + 4 + 3
    assert "imagenet/power_over_time" in pairs and "mnist/power_over_time" not in pairs
    assert [f.name for _, f in artifacts.figures(cat, ["mnist"], job="plot_theory", folder="all")] == [
        "roofline",
        "prediction_heatmap",
        "requirements",
        "platforms",
    ]
    assert artifacts.figure_folders(cat, ["mnist"]) == ["mnist", "all", "fidelity"]
    assert artifacts.figure_folders(cat, ["imagenet"]) == ["imagenet", "all", "fidelity"]


def test_task_titles_are_the_catalogues(cat):
    assert cat.tasks == {"imagenet": "ImageNet", "cifar10": "CIFAR-10", "mnist": "MNIST"}


def test_every_caption_renders_as_the_site_shows_it(cat):
    # one text per figure, for the report and the site: plain paragraphs, no template syntax
    for f in cat.figures:
        body = captions.html(artifacts.caption_file(f).read_text(encoding="utf-8"), source=f.caption)
        assert body.startswith("<p>") and body.endswith("</p>"), f.caption


def test_a_figure_without_its_caption_file_is_an_error_naming_it(tmp_path, raw):
    i = next(i for i, f in enumerate(raw["figures"]) if f["name"] == "efficiency")
    raw["figures"][i]["caption"] = "report/captions/no_such_caption.rst"
    with pytest.raises(artifacts.ArtifactsError) as err:
        artifacts.load(_write(tmp_path, raw))
    message = str(err.value)
    assert f"figures[{i}] (efficiency, scope task)" in message
    assert "'report/captions/no_such_caption.rst'" in message and "no such file" in message


def test_downloads_in_order_and_per_page(cat):
    assert list(artifacts.downloads(cat, ["mnist", "imagenet"])) == [
        "mnist_measurements",
        "mnist_predictions",
        "mnist_pareto_theoretical",
        "mnist_pareto_measured",
        "mnist_efficiency",
        "mnist_overview",
        "imagenet_measurements",
        "imagenet_predictions",
        "imagenet_pareto_theoretical",
        "imagenet_pareto_measured",
        "imagenet_efficiency",
        "imagenet_overview",
        "power_traces",
        "rooflines",
        "platforms",
        "topologies",
        "fidelity_predictions_vs_measured",
        "fidelity_summary",
    ]
    assert artifacts.downloads(cat, ["mnist"])["mnist_overview"] == "mnist/tables/overview.parquet"
    assert artifacts.page_downloads(cat, ["mnist", "imagenet"], "theoretical") == [
        "rooflines",
        "platforms",
        "topologies",
        "mnist_predictions",
        "imagenet_predictions",
    ]
    assert artifacts.page_downloads(cat, ["mnist", "imagenet"], "task", "imagenet") == [
        "imagenet_measurements",
        "imagenet_predictions",
        "imagenet_pareto_theoretical",
        "imagenet_pareto_measured",
        "imagenet_efficiency",
        "power_traces",
    ]
    assert artifacts.page_downloads(cat, ["mnist", "imagenet"], "overview") == [
        "mnist_overview",
        "imagenet_overview",
    ]
    about = artifacts.about(cat, ["mnist"])
    assert about["mnist_pareto_measured"] == "MNIST: measured pareto front"
    assert about["power_traces"] == "EdgeTPU power over time"


# --- checks ------------------------------------------------------------------------------


def test_a_bad_entry_is_named_with_its_field(tmp_path, raw):
    bad = copy.deepcopy(raw)
    bad["figures"][2]["report"] = ""
    with pytest.raises(artifacts.ArtifactsError, match=r"artifacts.yaml: at figures/2/report"):
        artifacts.load(_write(tmp_path, bad))
    bad = copy.deepcopy(raw)
    del bad["figures"][0]["builder"]
    with pytest.raises(artifacts.ArtifactsError, match=r"at figures/0: 'builder' is a required"):
        artifacts.load(_write(tmp_path, bad))


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["figures"][0].update(job="plot_nothing"), r"figures\[0\] \(roofline\): field 'job'"),
        (
            lambda d: d["figures"][3].update(scope="all"),
            r"figures\[3\] \(latency_throughput\): field 'scope' = 'all': job plot_measured draws",
        ),
        (lambda d: d["figures"].append(dict(d["figures"][0])), r"a second figure roofline of scope task"),
        (lambda d: d["figures"][0]["site"].update(section="figures"), r"page task has the sections"),
        (
            lambda d: d["tables"][0].update(scope="run"),
            r"tables\[0\] \(\{task\}_measurements\): field 'name'",
        ),
        (lambda d: d["tables"][0].update(scope="svhn"), r"field 'scope' = 'svhn': use task, run or a task"),
        (lambda d: d["tables"].append(dict(d["tables"][-1])), r"a second table of this name"),
    ],
)
def test_what_the_schema_cannot_say_is_checked(tmp_path, raw, change, message):
    change(raw)
    with pytest.raises(artifacts.ArtifactsError, match=message):
        artifacts.load(_write(tmp_path, raw))


def test_unknown_tasks_and_builders_say_what_to_fix(cat, tmp_path):
    with pytest.raises(artifacts.ArtifactsError, match=r"unknown task\(s\) \['svhn'\]"):
        artifacts.check_tasks(cat, ["mnist", "svhn"])
    with pytest.raises(artifacts.ArtifactsError, match="has no function nothing"):
        artifacts.import_builder("qutiflow.builders.measured:nothing")
    module = tmp_path / "extra.py"
    module.write_text("def draw(d):\n    return d * 2\n", encoding="utf-8")
    assert artifacts.import_builder(f"{module}:draw")(21) == 42
    assert artifacts.builder_module_file(f"{module}:draw", "/lib") == str(module)
    assert (
        artifacts.builder_module_file("qutiflow.builders.theory:roofline", "/lib")
        == "/lib/qutiflow/builders/theory.py"
    )
