"""What every page shares (templates/page.html.j2): the site's name, the navigation, the
ids of the elements, and :func:`page`, which fills in a page's template."""

from __future__ import annotations

from dataclasses import dataclass

import jinja2

from .render import render

SITE_NAME = "qutiflow"
TAGLINE = "neural-network inference on FPGAs, GPUs, TPUs, VPUs and CPUs"
BUNDLE = "vendor/vega-bundle.js"
STYLESHEET = "style.css"


@dataclass(frozen=True)
class Link:
    """A page of the site: file name without ``.html`` and its label in the navigation."""

    slug: str
    label: str

    @property
    def href(self) -> str:
        return f"{self.slug}.html"


def navigation(links: list[Link], current: str) -> list[dict]:
    """The site's navigation bar as the template takes it; the current page is marked.

    >>> navigation([Link("index", "Home"), Link("mnist", "MNIST")], "mnist")[1]
    {'href': 'mnist.html', 'label': 'MNIST', 'current': True}
    """
    return [{"href": link.href, "label": link.label, "current": link.slug == current} for link in links]


def anchor(*parts: str) -> str:
    """An id for an element: lowercase letters, digits and hyphens only.

    >>> anchor("fig", "imagenet", "latency_throughput")
    'fig-imagenet-latency-throughput'
    >>> anchor("table", "TX2 <maxn>")
    'table-tx2-maxn'
    """
    out = []
    for part in parts:
        cleaned = "".join(c if c.isalnum() and c.isascii() else "-" for c in str(part).lower())
        out.append("-".join(p for p in cleaned.split("-") if p))
    return "-".join(p for p in out if p)


def page(
    template: str | jinja2.Template,
    *,
    title: str,
    links: list[Link],
    current: str,
    toc: list[tuple[str, str]],
    charts: bool = False,
    **context: object,
) -> str:
    """A complete page: ``template`` (which extends page.html.j2) filled in with
    ``context``; ``toc``: the 'On this page' list as (anchor id, heading), [] for none;
    ``charts`` loads the one vendored Vega bundle and the script that draws the charts."""
    return render(
        template,
        title=title,
        site_name=SITE_NAME,
        tagline=TAGLINE,
        stylesheet=STYLESHEET,
        bundle=BUNDLE,
        links=navigation(links, current),
        toc=toc,
        charts=charts,
        **context,
    )
