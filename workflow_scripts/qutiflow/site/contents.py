"""What the site holds: its pages, the figures each page embeds, the data sets it offers.

The figures and the data sets come from the artifact catalogue (config/artifacts.yaml,
:mod:`qutiflow.artifacts`); the pages themselves (their order, titles and builders in
:mod:`.pages`) are the site's. One plan for the entry script (what to read and write),
for the rule (``rules/site.smk`` declares its files from the same catalogue) and for the
tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import artifacts
from ..artifacts import Catalogue
from .layout import Link

DATA_FORMATS = ("csv", "parquet")
FIDELITY_PAGE = "fidelity"


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    """This checkout's config/artifacts.yaml (the entry script passes the run's own)."""
    return artifacts.load()


@dataclass(frozen=True)
class Figure:
    """A rendered figure under ``{results}/{folder}/figures/``."""

    folder: str
    name: str
    #: its heading on the page
    heading: str = ""
    #: the part of the page it belongs to (a task page: theory or measured)
    section: str = ""
    #: its caption file, relative to the workflow folder (:mod:`.captions`)
    caption: str = ""

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


def downloads(tasks: list[str], catalogue: Catalogue | None = None) -> dict[str, Download]:
    """Every data set of the site by name, tasks first (in config order), then the
    catalogues, then the prediction-fidelity tables.

    >>> list(downloads(["mnist"]))
    ['mnist_measurements', 'mnist_predictions', 'mnist_pareto_theoretical', \
'mnist_pareto_measured', 'mnist_efficiency', 'mnist_overview', 'rooflines', 'platforms', \
'topologies', 'fidelity_predictions_vs_measured', 'fidelity_summary']
    """
    cat = catalogue or default_catalogue()
    return {n: Download(n, source) for n, source in artifacts.downloads(cat, tasks).items()}


def titles(tasks: list[str], catalogue: Catalogue | None = None) -> dict[str, str]:
    """Task → its title (ImageNet, ...)."""
    cat = catalogue or default_catalogue()
    return {t: cat.tasks[t] for t in tasks}


def _figures(cat: Catalogue, tasks: list[str], page: str, task: str | None = None) -> tuple[Figure, ...]:
    return tuple(
        Figure(d, f.name, f.site["heading"], f.site["section"], f.caption)
        for d, f in artifacts.page_figures(cat, tasks, page, task)
    )


def pages(tasks: list[str], catalogue: Catalogue | None = None) -> list[Page]:
    """The pages in navigation order: home, one per task, theory, prediction fidelity, raw
    data, overview."""
    cat = catalogue or default_catalogue()
    try:
        artifacts.check_tasks(cat, tasks)
    except artifacts.ArtifactsError as err:
        raise ValueError(str(err)) from None

    def listed(page: str, task: str | None = None) -> tuple[str, ...]:
        return tuple(artifacts.page_downloads(cat, tasks, page, task))

    out = [
        Page(
            "index",
            "Benchmarks of neural-network inference hardware",
            "Home",
            downloads=tuple(artifacts.downloads(cat, tasks)),
        )
    ]
    for task in tasks:
        name = cat.tasks[task]
        out.append(
            Page(
                task,
                f"{name} classification",
                name,
                task=task,
                figures=_figures(cat, tasks, "task", task),
                downloads=listed("task", task),
            )
        )
    out.append(
        Page(
            "theoretical",
            "Theoretical analysis",
            "Theoretical analysis",
            figures=_figures(cat, tasks, "theoretical"),
            downloads=listed("theoretical"),
        )
    )
    out.append(
        Page(
            FIDELITY_PAGE,
            "Prediction fidelity",
            "Prediction fidelity",
            figures=_figures(cat, tasks, FIDELITY_PAGE),
            downloads=listed(FIDELITY_PAGE),
        )
    )
    out.append(
        Page("raw_measurements", "Raw measurements", "Raw measurements", downloads=listed("raw_measurements"))
    )
    out.append(
        Page("overview", "Overview of experiments", "Overview of experiments", downloads=listed("overview"))
    )
    return out


def links(tasks: list[str], catalogue: Catalogue | None = None) -> list[Link]:
    return [Link(p.slug, p.label) for p in pages(tasks, catalogue)]


STYLE_FILE = "style.css"
BUNDLE_FILE = "vendor/vega-bundle.js"


def output_files(tasks: list[str], catalogue: Catalogue | None = None) -> list[str]:
    """Every file the site job writes, relative to the site folder, sorted.

    >>> [f for f in output_files(["mnist"]) if not f.startswith("data/")]
    ['fidelity.html', 'index.html', 'mnist.html', 'overview.html', 'raw_measurements.html', \
'style.css', 'theoretical.html', 'vendor/vega-bundle.js']
    """
    files = [p.file for p in pages(tasks, catalogue)] + [STYLE_FILE, BUNDLE_FILE]
    files += [f for d in downloads(tasks, catalogue).values() for f in d.files()]
    return sorted(files)


def caption_files(tasks: list[str], catalogue: Catalogue | None = None) -> list[str]:
    """The caption files of the pages' figures, relative to the workflow folder, sorted."""
    return sorted({f.caption for p in pages(tasks, catalogue) for f in p.figures})


def input_files(tasks: list[str], catalogue: Catalogue | None = None) -> list[str]:
    """The specs and tables the site reads, relative to the results folder, sorted."""
    specs = {f.spec for p in pages(tasks, catalogue) for f in p.figures}
    tables = {d.source for d in downloads(tasks, catalogue).values()}
    return sorted(specs | tables)
