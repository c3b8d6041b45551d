"""Each page of the site put together from the plan, the tables, the specs and the
provenance records; :func:`render` returns every text file of the site."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import artifacts
from .. import tables as table_helpers
from ..artifacts import Catalogue
from ..labels import unscored_platforms
from . import changes, fidelity_text, figure_text
from . import text as words
from .charts import EMBED_SCRIPT, chart
from .contents import FIDELITY_PAGE, STYLE_FILE, Figure, Page, default_catalogue, downloads, links, pages
from .downloads import links as download_links
from .escape import anchor, text
from .html_tables import table
from .layout import contents_list, document
from .scores import score_table
from .style import CSS

#: a page with fewer sections than this has no 'On this page' list
MIN_CONTENTS = 3
#: rows per platform shown on the raw-measurements page (every row is in the downloads)
RAW_ROWS_PER_PLATFORM = 500
RAW_COLUMNS = [
    "platform_label",
    "datatype",
    "topology",
    "pruning_pct",
    "batch",
    "latency_system_ms",
    "latency_compute_ms",
    "throughput_system_fps",
    "throughput_compute_fps",
    "perf_system_gops",
    "perf_compute_gops",
    "top1_pct",
    "top1_source",
    "top5_pct",
    "power_base_w",
    "power_idle_w",
    "power_full_w",
    "gop_per_inference",
    "source_file",
    "source_line",
]
FRONT_THEORETICAL = [
    "platform",
    "op_mode",
    "datatype",
    "topology",
    "pruning_pct",
    "predicted_fps",
    "top1_pct",
]
FRONT_MEASURED = ["config_key", "batch", "throughput_compute_fps", "top1_pct"]
EFFICIENCY = [
    "config_key",
    "batch",
    "measured_fps",
    "predicted_fps",
    "peak_fps",
    "efficiency_pct",
    "is_above_roofline",
]
ROOFLINES = ["platform", "op_mode", "datatype", "family", "peak_tops", "bandwidth_gbps", "ridge_opb"]
TOPOLOGIES = [
    "topology",
    "pruning_pct",
    "task",
    "datatype",
    "gop_per_inference",
    "params_m",
    "top1_pct",
    "top5_pct",
]


@dataclass(frozen=True)
class Inputs:
    """What the pages are made of. ``frames``: each data set (by download name) as a
    DataFrame; ``specs``: spec text by :attr:`Figure.spec`; ``records``: provenance record
    (or None) by :attr:`Figure.svg`."""

    tasks: list[str]
    frames: dict[str, pd.DataFrame]
    specs: dict[str, str]
    records: dict[str, dict | None]
    #: the difference to the previous publication (``audit diff --json``), or None
    changes: dict | None = None
    #: the artifact catalogue (figures, downloads, task titles); None: this checkout's
    catalogue: Catalogue | None = None

    def title(self, task: str) -> str:
        """The task's title (ImageNet, ...)."""
        return (self.catalogue or default_catalogue()).tasks[task]


def _columns(frame: pd.DataFrame, wanted: list[str]) -> pd.DataFrame:
    return frame[[c for c in wanted if c in frame.columns]]


def _paragraphs(items: list[str], cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "\n".join(f"<p{attr}>{text(p)}</p>" for p in items)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def facts(measurements: pd.DataFrame) -> str:
    """One line on the size of a task's data.

    >>> m = pd.DataFrame({"config_key": ["a", "a", "b"], "platform_label": ["P", "P", "Q"],
    ...                   "topology": ["N", "N", "N"]})
    >>> facts(m)
    '3 measured rows of 2 configurations: 1 network on 2 platforms.'
    """
    if measurements.empty:
        return "No measured rows."
    n = len(measurements)
    return (
        f"{_plural(n, 'measured row', 'measured rows')} of "
        f"{_plural(measurements['config_key'].nunique(), 'configuration', 'configurations')}: "
        f"{_plural(measurements['topology'].nunique(), 'network', 'networks')} on "
        f"{_plural(measurements['platform_label'].nunique(), 'platform', 'platforms')}."
    )


def either(names: list[str]) -> str:
    """The tasks' titles as 'A, B or C'.

    >>> either(["ImageNet", "CIFAR-10", "MNIST"]), either(["MNIST"])
    ('ImageNet, CIFAR-10 or MNIST', 'MNIST')
    """
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _figure(
    inputs: Inputs, fig: Figure, task_name: str, *, extra: list[str] | None = None
) -> tuple[str, str, str]:
    """The figure's section: its heading (the catalogue's), the site's words on it, if any."""
    paragraphs = [p.format(task=task_name) for p in figure_text.FIGURES.get(fig.name, [])] + (extra or [])
    fid, body = chart(
        folder=fig.folder,
        name=fig.name,
        heading=fig.heading,
        paragraphs=paragraphs,
        spec_text=inputs.specs[fig.spec],
        record=inputs.records.get(fig.svg),
        source=fig.spec,
    )
    return fid, fig.heading, body


def _downloads_section(page: Page, inputs: Inputs, *, about: str = "") -> str:
    """The page's data sets; ``about`` (plain text) is said before the general note."""
    catalogue = downloads(inputs.tasks, inputs.catalogue)
    held = artifacts.about(inputs.catalogue or default_catalogue(), inputs.tasks)
    described = {n: held.get(n, n) for n in page.downloads}
    rows = {n: len(inputs.frames[n]) for n in page.downloads if n in inputs.frames}
    listing = download_links(list(page.downloads), catalogue, describe=described, rows=rows)
    lead = f"<p>{text(about)}</p>\n" if about else ""
    return (
        f'<section id="data">\n<h2>Data</h2>\n{lead}<p>{text(words.DOWNLOADS_NOTE)}</p>\n'
        f"{listing}\n</section>"
    )


def _assemble(
    page: Page, inputs: Inputs, *, intro: str, sections: list[tuple[str, str, str]], charts: bool
) -> str:
    """``sections``: (anchor, heading for the contents list or '', HTML)."""
    toc = [(a, h) for a, h, _ in sections if h]
    if len(toc) < MIN_CONTENTS:
        toc = []
    body = "\n".join(
        [f"<h1>{text(page.title)}</h1>", intro, contents_list(toc), *(html for _, _, html in sections)]
    )
    return document(
        title=page.title,
        links=links(inputs.tasks, inputs.catalogue),
        current=page.slug,
        body=body,
        charts=charts,
        script=EMBED_SCRIPT if charts else "",
    )


def task_page(page: Page, inputs: Inputs) -> str:
    task = page.task or ""
    name = inputs.title(task)
    frames = inputs.frames
    measurements = frames[f"{task}_measurements"]
    intro = [
        f'<p class="lead">{text(words.TASK_INTRO[task])}</p>',
        f'<p class="facts">{text(facts(measurements))}</p>',
    ]
    if measurements.empty:
        intro.append(f'<p class="note">{text(words.EMPTY_TASK)}</p>')
    sections: list[tuple[str, str, str]] = []
    theory = [f for f in page.figures if f.section == "theory"]
    measured = [f for f in page.figures if f.section == "measured"]
    sections.append(
        (
            "theory",
            "Theoretical analysis",
            f'<h2 id="theory">Theoretical analysis</h2>\n'
            f"{_paragraphs(words.THEORY_INTRO)}\n{fidelity_link()}",
        )
    )
    for fig in theory:
        fid, heading, body = _figure(inputs, fig, name)
        sections.append((fid, heading, body))
    overview = table_helpers.overview_grid(frames[f"{task}_overview"])
    sections.append(
        (
            "measured",
            "Measured results",
            f'<h2 id="measured">Measured results</h2>\n{_paragraphs(words.MEASURED_INTRO)}\n'
            f'<h3 id="overview">What was measured</h3>\n'
            f"<p>{text(words.TASK_OVERVIEW)}</p>\n"
            f"{table(overview, empty='no measurements')}",
        )
    )
    for fig in measured:
        fid, heading, body = _figure(inputs, fig, name)
        sections.append((fid, heading, body))
    tables_html = [
        f'<h2 id="tables">Fronts and efficiency as tables</h2>\n<p>{text(words.TABLES_INTRO)}</p>',
        "<h3>Theoretical pareto front</h3>",
        table(_columns(frames[f"{task}_pareto_theoretical"], FRONT_THEORETICAL)),
        "<h3>Measured pareto front</h3>",
        table(_columns(frames[f"{task}_pareto_measured"], FRONT_MEASURED)),
        "<h3>Efficiency per configuration</h3>",
        table(_columns(frames[f"{task}_efficiency"], EFFICIENCY)),
    ]
    sections.append(("tables", "Fronts and efficiency as tables", "\n".join(tables_html)))
    sections.append(("data", "Data", _downloads_section(page, inputs)))
    return _assemble(page, inputs, intro="\n".join(intro), sections=sections, charts=True)


def fidelity_link() -> str:
    """A paragraph that points a task page at the prediction-fidelity page."""
    before, after = fidelity_text.FIDELITY_LINK
    return (
        f'<p class="see-also">{text(before)}<a href="{FIDELITY_PAGE}.html">Prediction '
        f"fidelity</a>{text(after)}</p>"
    )


def fidelity_page(page: Page, inputs: Inputs) -> str:
    """The three models, how anchors are chosen, the charts, the scores as tables."""
    summary = inputs.frames["fidelity_summary"]
    rows = inputs.frames["fidelity_predictions_vs_measured"]
    models = "\n".join(
        f"<dt>{text(name)}</dt>\n<dd>{text(about)}</dd>" for name, about in fidelity_text.FIDELITY_MODELS
    )
    sections: list[tuple[str, str, str]] = [
        (
            "models",
            "Three models",
            f'<h2 id="models">Three models</h2>\n<dl class="models">\n{models}\n</dl>\n'
            f"<p>{text(fidelity_text.FIDELITY_ANCHORS)}</p>",
        )
    ]
    for fig in page.figures:
        sections.append(_figure(inputs, fig, ""))
    unscored = unscored_platforms(rows, summary)
    note = (
        f'<p class="note">{text(fidelity_text.FIDELITY_UNSCORED + ", ".join(unscored))}.</p>'
        if unscored
        else ""
    )
    sections.append(
        (
            "scores",
            "Scores",
            "\n".join(
                [
                    f'<h2 id="scores">Scores</h2>\n<p>{text(fidelity_text.FIDELITY_SCORES)}</p>',
                    table(
                        score_table(summary),
                        caption="Over all platforms, each configuration at its best measured batch",
                        empty="no scores",
                    ),
                    table(
                        score_table(summary, per_platform=True),
                        caption="Per platform, each configuration at its best measured batch",
                        empty="no scores",
                    ),
                    note,
                    table(
                        score_table(summary, scope="all_batches"),
                        caption="Over all platforms, every measured batch",
                        empty="no scores",
                    ),
                ]
            ),
        )
    )
    sections.append(
        ("data", "Data", _downloads_section(page, inputs, about=fidelity_text.FIDELITY_DOWNLOADS))
    )
    intro = f'<p class="lead">{text(fidelity_text.FIDELITY_INTRO[0])}</p>\n' + _paragraphs(
        fidelity_text.FIDELITY_INTRO[1:]
    )
    return _assemble(page, inputs, intro=intro, sections=sections, charts=True)


def theoretical_page(page: Page, inputs: Inputs) -> str:
    sections = []
    extras = {
        "roofline": [figure_text.ALL_ROOFLINE_EXTRA],
        "prediction_heatmap": [figure_text.ALL_HEATMAP_EXTRA],
    }
    for fig in page.figures:
        fid, heading, body = _figure(
            inputs, fig, either([inputs.title(t) for t in inputs.tasks]), extra=extras.get(fig.name)
        )
        sections.append((fid, heading, body))
    sections.append(
        (
            "catalogues",
            "Platforms and networks",
            "\n".join(
                [
                    '<h2 id="catalogues">Platforms and networks</h2>',
                    f"<p>{text(words.THEORETICAL_TABLES)}</p>",
                    table(_columns(inputs.frames["rooflines"], ROOFLINES), caption="Rooflines"),
                    table(_columns(inputs.frames["topologies"], TOPOLOGIES), caption="Networks"),
                ]
            ),
        )
    )
    sections.append(("data", "Data", _downloads_section(page, inputs)))
    intro = _paragraphs(words.THEORY_INTRO) + "\n" + fidelity_link()
    return _assemble(page, inputs, intro=intro, sections=sections, charts=True)


def raw_page(page: Page, inputs: Inputs) -> str:
    sections = []
    for task in inputs.tasks:
        name = inputs.title(task)
        m = inputs.frames[f"{task}_measurements"]
        parts = [
            f'<h2 id="{anchor("raw", task)}">{text(name)}</h2>',
            f'<p class="facts">{text(facts(m))}</p>',
        ]
        if m.empty:
            parts.append('<p class="empty">no measurements</p>')
        else:
            for heading, part in table_helpers.by_platform(
                _columns(m, RAW_COLUMNS), limit=RAW_ROWS_PER_PLATFORM
            ):
                parts.append(f"<h3>{text(name)} · {text(heading)}</h3>")
                parts.append(table(part))
        sections.append((anchor("raw", task), name, "\n".join(parts)))
    sections.append(("data", "Data", _downloads_section(page, inputs)))
    return _assemble(page, inputs, intro=_paragraphs(words.RAW_INTRO), sections=sections, charts=False)


def overview_page(page: Page, inputs: Inputs) -> str:
    sections = []
    for task in inputs.tasks:
        name = inputs.title(task)
        grid = table_helpers.overview_grid(inputs.frames[f"{task}_overview"])
        sections.append(
            (
                anchor("overview", task),
                name,
                f'<h2 id="{anchor("overview", task)}">{text(name)}</h2>\n'
                f"{table(grid, empty='no measurements')}",
            )
        )
    sections.append(("data", "Data", _downloads_section(page, inputs)))
    return _assemble(page, inputs, intro=_paragraphs(words.OVERVIEW_INTRO), sections=sections, charts=False)


def index_page(page: Page, inputs: Inputs) -> str:
    items = []
    for p in pages(inputs.tasks, inputs.catalogue)[1:]:
        if p.task:
            summary = words.PAGE_SUMMARIES["task"].format(task=inputs.title(p.task))
        else:
            summary = words.PAGE_SUMMARIES[p.slug]
        items.append(f'<li><a href="{text(p.file)}">{text(p.title)}</a>: {text(summary)}</li>')
    sections = [
        ("pages", "Pages", '<h2 id="pages">Pages</h2>\n<ul class="pages">\n' + "\n".join(items) + "\n</ul>"),
        ("data", "Data", _downloads_section(page, inputs)),
    ]
    if inputs.changes is not None:
        sections.insert(0, ("changes", changes.TITLE, changes.section(inputs.changes)))
    intro = "\n".join(
        [f'<p class="lead">{text(words.INDEX_INTRO[0])}</p>', _paragraphs(words.INDEX_INTRO[1:])]
    )
    return _assemble(page, inputs, intro=intro, sections=sections, charts=False)


def render(inputs: Inputs) -> dict[str, str]:
    """Every text file of the site by its path in the site folder: the pages and the
    stylesheet (the data files and the Vega bundle are copied by the entry script)."""
    out = {}
    for page in pages(inputs.tasks, inputs.catalogue):
        if page.slug == "index":
            out[page.file] = index_page(page, inputs)
        elif page.task:
            out[page.file] = task_page(page, inputs)
        elif page.slug == "theoretical":
            out[page.file] = theoretical_page(page, inputs)
        elif page.slug == FIDELITY_PAGE:
            out[page.file] = fidelity_page(page, inputs)
        elif page.slug == "raw_measurements":
            out[page.file] = raw_page(page, inputs)
        elif page.slug == "overview":
            out[page.file] = overview_page(page, inputs)
        else:
            raise ValueError(f"no builder for page {page.slug!r}")
    out[STYLE_FILE] = CSS
    return out
