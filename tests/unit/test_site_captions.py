"""qutiflow.site.captions: a figure's caption file as the site shows it (docutils, as the
Snakemake report renders it), and the captions it refuses, each naming the file."""

from __future__ import annotations

import pytest
from qutiflow.site import captions
from site_fixtures import EVIL


def test_paragraphs_emphasis_and_strong_become_html():
    text = "First *line*\ngoes on.\n\nSecond **one**: \\|log10(a ÷ b)\\| × 2.\n"
    assert captions.html(text, source="c.rst") == (
        "<p>First <em>line</em>\ngoes on.</p>\n<p>Second <strong>one</strong>: |log10(a ÷ b)| × 2.</p>"
    )


def test_markup_in_a_caption_is_text():
    assert captions.html(f"A {EVIL} & more.", source="c.rst") == (
        "<p>A &lt;script&gt;alert(1)&lt;/script&gt; &amp; more.</p>"
    )


@pytest.mark.parametrize(
    "text, why",
    [
        ("{{ snakemake.wildcards.task }} networks", "no template syntax"),
        ("{% if x %}a{% endif %}", "no template syntax"),
        ("", "empty"),
        ("an *unclosed emphasis\n", "Inline emphasis start-string without end-string"),
        ("* a list\n* of two\n", "found <li>, <ul>"),
        ("Heading\n=======\n\ntext\n", "found <h2>, <section>"),
        ("see https://example.org\n", "found <a>"),
        (".. raw:: html\n\n   <b>x</b>\n", "not a plain reStructuredText caption"),
        (".. include:: /etc/passwd\n", "not a plain reStructuredText caption"),
    ],
)
def test_anything_but_plain_paragraphs_is_an_error_naming_the_file(text, why):
    with pytest.raises(captions.CaptionError, match="^report/captions/x.rst: ") as err:
        captions.html(text, source="report/captions/x.rst")
    assert why in str(err.value)


def test_the_site_shows_each_caption_as_the_snakemake_report_does():
    # as Snakemake's report renders a caption: through Jinja2, then docutils' HTML
    # writer; the site's page has the same paragraphs
    import jinja2
    from docutils.core import publish_parts
    from qutiflow import artifacts

    for f in artifacts.load().figures:
        text = artifacts.caption_file(f).read_text(encoding="utf-8")
        report = publish_parts(jinja2.Environment().from_string(text).render(), writer="html")["body"]
        assert captions.html(text, source=f.caption) == report.strip(), f.caption
