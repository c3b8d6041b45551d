"""Each page of the site put together from the plan, the tables, the specs and the
provenance records; :func:`render` returns every text file of the site.

The pages: the home page (here), :mod:`.task_page`, :mod:`.theory_pages` (theoretical and
prediction fidelity), :mod:`.data_pages` (raw measurements, overview); what they share
(:class:`Inputs`, a figure's section, the data section, the page frame) is
:mod:`.page_parts`."""

from __future__ import annotations

from . import changes
from . import text as words
from .contents import FIDELITY_PAGE, STYLE_FILE, Page, pages
from .data_pages import overview_page, raw_page
from .escape import text
from .page_parts import Inputs, assemble, downloads_section, paragraphs
from .style import CSS
from .task_page import task_page
from .theory_pages import fidelity_page, theoretical_page


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
        ("data", "Data", downloads_section(page, inputs)),
    ]
    if inputs.changes is not None:
        sections.insert(0, ("changes", changes.TITLE, changes.section(inputs.changes)))
    intro = "\n".join(
        [f'<p class="lead">{text(words.INDEX_INTRO[0])}</p>', paragraphs(words.INDEX_INTRO[1:])]
    )
    return assemble(page, inputs, intro=intro, sections=sections, charts=False)


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
