"""Each page of the site put together from the plan, the tables, the specs and the
provenance records; :func:`render` returns every text file of the site. The HTML is in the
templates (templates/*.html.j2); the modules here hand them plain values.

The pages: the home page (here), :mod:`.task_page`, :mod:`.theory_pages` (theoretical and
prediction fidelity), :mod:`.data_pages` (raw measurements, overview); what they share
(:class:`Inputs`, a figure's section, the data section, the page frame) is
:mod:`.page_parts`."""

from __future__ import annotations

from . import changes, page_parts
from . import text as words
from .contents import FIDELITY_PAGE, STYLE_FILE, Page, pages
from .data_pages import overview_page, raw_page
from .page_parts import Inputs, downloads_data
from .style import CSS
from .task_page import task_page
from .theory_pages import fidelity_page, theoretical_page


def index_page(page_: Page, inputs: Inputs) -> str:
    listed = []
    for p in pages(inputs.tasks, inputs.catalogue)[1:]:
        if p.task:
            summary = words.PAGE_SUMMARIES["task"].format(task=inputs.title(p.task))
        else:
            summary = words.PAGE_SUMMARIES[p.slug]
        listed.append({"file": p.file, "title": p.title, "summary": summary})
    sections = [("pages", "Pages"), ("data", "Data")]
    if inputs.changes is not None:
        sections.insert(0, ("changes", changes.TITLE))
    return page_parts.page(
        "index.html.j2",
        page_,
        inputs,
        sections=sections,
        charts=False,
        intro=words.INDEX_INTRO,
        changes=changes.section(inputs.changes) if inputs.changes is not None else None,
        pages=listed,
        data=downloads_data(page_, inputs),
    )


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
