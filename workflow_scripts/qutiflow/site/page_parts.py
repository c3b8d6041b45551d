"""What every page of the site is made of: the inputs (:class:`Inputs`), a figure's section,
the data section, and the page filled in from its template (:func:`page`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import artifacts
from ..artifacts import Catalogue
from . import layout
from . import text as words
from .captions import html as caption_html
from .charts import figure_data
from .contents import Figure, Page, default_catalogue, downloads, links

#: a page with fewer sections than this has no 'On this page' list
MIN_CONTENTS = 3


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
    #: the text of each figure's caption file by :attr:`Figure.caption`; None: read this
    #: checkout's files
    captions: dict[str, str] | None = None

    def title(self, task: str) -> str:
        """The task's title (ImageNet, ...)."""
        return (self.catalogue or default_catalogue()).tasks[task]


def columns(frame: pd.DataFrame, wanted: list[str]) -> pd.DataFrame:
    return frame[[c for c in wanted if c in frame.columns]]


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


def figure(inputs: Inputs, fig: Figure) -> dict:
    """The figure's section (:func:`qutiflow.site.charts.figure_data`): its heading (the
    catalogue's) and its caption, the text of its caption file (:mod:`.captions`)."""
    if inputs.captions is None:
        text = (artifacts.WORKFLOW / fig.caption).read_text(encoding="utf-8")
    else:
        text = inputs.captions[fig.caption]
    return figure_data(
        folder=fig.folder,
        name=fig.name,
        heading=fig.heading,
        caption=caption_html(text, source=fig.caption),
        spec_text=inputs.specs[fig.spec],
        record=inputs.records.get(fig.svg),
        source=fig.spec,
    )


def downloads_data(page: Page, inputs: Inputs, *, about: str = "") -> dict:
    """The page's data sets as the template ``downloads`` of templates/parts.html.j2 takes
    them; ``about`` is said before the general note."""
    catalogue = downloads(inputs.tasks, inputs.catalogue)
    held = artifacts.about(inputs.catalogue or default_catalogue(), inputs.tasks)
    rows = []
    for name in page.downloads:
        csv_, parquet = catalogue[name].files()
        n = len(inputs.frames[name]) if name in inputs.frames else 0
        rows.append({"name": name, "about": held.get(name, name), "rows": n, "csv": csv_, "parquet": parquet})
    return {"about": about, "note": words.DOWNLOADS_NOTE, "rows": rows}


def toc(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The page's 'On this page' list: its sections as (anchor, heading); none for a page
    of fewer than :data:`MIN_CONTENTS` sections."""
    return entries if len(entries) >= MIN_CONTENTS else []


def page(
    template: str, page: Page, inputs: Inputs, *, sections: list[tuple[str, str]], charts: bool, **context
):
    """``page`` from its template (templates/<template>); ``sections``: its sections as
    (anchor, heading), for the 'On this page' list."""
    return layout.page(
        template,
        title=page.title,
        links=links(inputs.tasks, inputs.catalogue),
        current=page.slug,
        toc=toc(sections),
        charts=charts,
        **context,
    )


def figure_entries(figures: list[dict]) -> list[tuple[str, str]]:
    """The figures' sections as (anchor, heading)."""
    return [(f["id"], f["heading"]) for f in figures]
