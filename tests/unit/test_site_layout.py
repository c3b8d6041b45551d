"""qutiflow.site.layout: the page template."""

from __future__ import annotations

from qutiflow.site import layout
from site_fixtures import EVIL


def test_document_has_no_remote_resources():
    html = layout.document(
        title=EVIL,
        links=[layout.Link("index", "Home")],
        current="index",
        body="<p>x</p>",
        charts=True,
        script="1;",
    )
    assert "http" not in html and "<title>&lt;script&gt;" in html
