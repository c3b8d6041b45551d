"""What every page of the site is made of: the inputs (:class:`Inputs`), a figure's section,
the data section, and the page put together around its sections (:func:`assemble`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import artifacts
from ..artifacts import Catalogue
from . import fidelity_text, figure_text
from . import text as words
from .charts import EMBED_SCRIPT, chart
from .contents import FIDELITY_PAGE, Figure, Page, default_catalogue, downloads, links
from .downloads import links as download_links
from .escape import text
from .layout import contents_list, document

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

    def title(self, task: str) -> str:
        """The task's title (ImageNet, ...)."""
        return (self.catalogue or default_catalogue()).tasks[task]


def columns(frame: pd.DataFrame, wanted: list[str]) -> pd.DataFrame:
    return frame[[c for c in wanted if c in frame.columns]]


def paragraphs(items: list[str], cls: str = "") -> str:
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


def figure_section(
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


def downloads_section(page: Page, inputs: Inputs, *, about: str = "") -> str:
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


def assemble(
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


def fidelity_link() -> str:
    """A paragraph that points a task page at the prediction-fidelity page."""
    before, after = fidelity_text.FIDELITY_LINK
    return (
        f'<p class="see-also">{text(before)}<a href="{FIDELITY_PAGE}.html">Prediction '
        f"fidelity</a>{text(after)}</p>"
    )
