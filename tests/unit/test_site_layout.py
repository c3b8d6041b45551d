"""qutiflow.site.layout: the page template."""

from __future__ import annotations

from qutiflow.site import layout, render
from site_fixtures import EVIL


def test_document_has_no_remote_resources():
    template = render.environment().from_string(
        '{% extends "page.html.j2" %}{% block sections %}<p>x</p>\n{% endblock %}'
    )
    html = layout.page(
        template, title=EVIL, links=[layout.Link("index", "Home")], current="index", toc=[], charts=True
    )
    assert "http" not in html and "<title>&lt;script&gt;" in html
    assert "<p>x</p>\n</main>" in html and "vegaEmbed(" in html
