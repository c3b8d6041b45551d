"""What the site holds: its pages, the figures each page embeds, the data sets it offers.

One plan for the entry script (what to read and write) and for the tests; the rule in
``rules/site.smk`` declares the same files, and the entry script stops with a clear error
when the two disagree.
"""
from __future__ import annotations

from dataclasses import dataclass

from .layout import Link

TASK_NAMES = {"imagenet": "ImageNet", "cifar10": "CIFAR-10", "mnist": "MNIST"}
THEORY_FIGURES = ("roofline", "prediction_heatmap", "pareto_theoretical")
MEASURED_FIGURES = ("latency_throughput", "boxplot_latency", "boxplot_throughput",
                    "boxplot_power", "design_pareto", "overlapped_pareto", "efficiency",
                    "power_bars", "energy_per_inference", "fps_per_watt")
ALL_FIGURES = ("roofline", "prediction_heatmap", "requirements", "platforms")
#: the task whose page also shows the power traces (they were recorded on ImageNet networks)
TRACES_TASK = "imagenet"
TASK_TABLES = ("measurements", "predictions", "pareto_theoretical", "pareto_measured",
               "efficiency")
CATALOGUE_TABLES = {"rooflines": "all/rooflines.parquet",
                    "platforms": "normalised/platforms.parquet",
                    "topologies": "normalised/topologies.parquet"}
#: the prediction-fidelity page: its figures (under fidelity/figures/) and tables
FIDELITY_FOLDER = "fidelity"
FIDELITY_FIGURES = ("fidelity_scatter", "fidelity_error", "fidelity_batches")
FIDELITY_TABLES = {"fidelity_predictions_vs_measured": "fidelity/predictions_vs_measured.parquet",
                   "fidelity_summary": "fidelity/summary.parquet"}
DATA_FORMATS = ("csv", "parquet")
FIDELITY_PAGE = "fidelity"


@dataclass(frozen=True)
class Figure:
    """A rendered figure under ``{results}/{folder}/figures/``."""

    folder: str
    name: str

    @property
    def spec(self) -> str:
        """Its Vega-Lite spec, relative to the results folder."""
        return f"{self.folder}/figures/{self.name}.vl.json"

    @property
    def svg(self) -> str:
        """Its SVG (the file provenance records name), relative to the results folder."""
        return f"{self.folder}/figures/{self.name}.svg"


@dataclass(frozen=True)
class Download:
    """A table offered as ``site/data/<name>.{csv,parquet}``, copied from ``source``
    (relative to the results folder)."""

    name: str
    source: str

    def files(self) -> list[str]:
        return [f"data/{self.name}.{ext}" for ext in DATA_FORMATS]


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    label: str
    figures: tuple[Figure, ...] = ()
    downloads: tuple[str, ...] = ()
    task: str | None = None

    @property
    def file(self) -> str:
        return f"{self.slug}.html"


def downloads(tasks: list[str]) -> dict[str, Download]:
    """Every data set of the site by name, tasks first (in config order), then the
    catalogues, then the prediction-fidelity tables.

    >>> list(downloads(["mnist"]))
    ['mnist_measurements', 'mnist_predictions', 'mnist_pareto_theoretical', \
'mnist_pareto_measured', 'mnist_efficiency', 'mnist_overview', 'rooflines', 'platforms', \
'topologies', 'fidelity_predictions_vs_measured', 'fidelity_summary']
    """
    out: dict[str, Download] = {}
    for task in tasks:
        for table in TASK_TABLES:
            out[f"{task}_{table}"] = Download(f"{task}_{table}", f"{task}/{table}.parquet")
        out[f"{task}_overview"] = Download(f"{task}_overview", f"{task}/tables/overview.parquet")
        if task == TRACES_TASK:
            out["power_traces"] = Download("power_traces", "normalised/power_traces.parquet")
    for name, source in {**CATALOGUE_TABLES, **FIDELITY_TABLES}.items():
        out[name] = Download(name, source)
    return out


def _check_tasks(tasks: list[str]) -> None:
    unknown = [t for t in tasks if t not in TASK_NAMES]
    if unknown:
        raise ValueError(f"unknown task(s) {unknown}; the site knows {sorted(TASK_NAMES)}")


def pages(tasks: list[str]) -> list[Page]:
    """The pages in navigation order: home, one per task, theory, prediction fidelity, raw
    data, overview."""
    _check_tasks(tasks)
    out = [Page("index", "Benchmarks of neural-network inference hardware", "Home",
                downloads=tuple(downloads(tasks)))]
    for task in tasks:
        figs = [Figure(task, n) for n in THEORY_FIGURES + MEASURED_FIGURES]
        extra: tuple[str, ...] = ()
        if task == TRACES_TASK:
            figs.append(Figure(task, "power_over_time"))
            extra = ("power_traces",)
        out.append(Page(task, f"{TASK_NAMES[task]} classification", TASK_NAMES[task],
                        figures=tuple(figs), task=task,
                        downloads=tuple(f"{task}_{t}" for t in TASK_TABLES) + extra))
    out.append(Page("theoretical", "Theoretical analysis", "Theoretical analysis",
                    figures=tuple(Figure("all", n) for n in ALL_FIGURES),
                    downloads=tuple(CATALOGUE_TABLES) + tuple(f"{t}_predictions" for t in tasks)))
    out.append(Page(FIDELITY_PAGE, "Prediction fidelity", "Prediction fidelity",
                    figures=tuple(Figure(FIDELITY_FOLDER, n) for n in FIDELITY_FIGURES),
                    downloads=tuple(FIDELITY_TABLES)))
    out.append(Page("raw_measurements", "Raw measurements", "Raw measurements",
                    downloads=tuple(f"{t}_measurements" for t in tasks)))
    out.append(Page("overview", "Overview of experiments", "Overview of experiments",
                    downloads=tuple(f"{t}_overview" for t in tasks)))
    return out


def links(tasks: list[str]) -> list[Link]:
    return [Link(p.slug, p.label) for p in pages(tasks)]


STYLE_FILE = "style.css"
BUNDLE_FILE = "vendor/vega-bundle.js"


def output_files(tasks: list[str]) -> list[str]:
    """Every file the site job writes, relative to the site folder, sorted.

    >>> [f for f in output_files(["mnist"]) if not f.startswith("data/")]
    ['fidelity.html', 'index.html', 'mnist.html', 'overview.html', 'raw_measurements.html', \
'style.css', 'theoretical.html', 'vendor/vega-bundle.js']
    """
    files = [p.file for p in pages(tasks)] + [STYLE_FILE, BUNDLE_FILE]
    files += [f for d in downloads(tasks).values() for f in d.files()]
    return sorted(files)


def input_files(tasks: list[str]) -> list[str]:
    """The specs and tables the site reads, relative to the results folder, sorted."""
    specs = {f.spec for p in pages(tasks) for f in p.figures}
    tables = {d.source for d in downloads(tasks).values()}
    return sorted(specs | tables)
