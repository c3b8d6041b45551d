"""A figure's caption on the site: its caption file (config/artifacts.yaml names one per
figure, e.g. report/captions/roofline.rst), rendered to HTML by docutils as the Snakemake
report renders it, so that the report and the site say the same.

The files are reStructuredText in a plain subset: paragraphs with ``*emphasis*`` and
``**strong**`` (``\\|`` for a literal bar). Anything else (a list, a heading, a directive,
Jinja2 syntax, which Snakemake's report would fill in and the site would not) is an error
naming the file, so that the two renderings cannot drift apart.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: the elements a caption may have on the page
ELEMENTS = {"p", "em", "strong"}
_TAG = re.compile(r"</?([a-zA-Z0-9]+)")
#: Jinja2 syntax: Snakemake's report renders a caption through Jinja2 first
_JINJA = ("{{", "{%", "{#")


class CaptionError(ValueError):
    """A caption file the site cannot show as the report does: the message names it."""


@lru_cache(maxsize=64)  # a caption shown on several pages is rendered once
def html(text: str, *, source: str) -> str:
    """The caption ``text`` (of the file ``source``, named in errors) as HTML paragraphs.

    >>> html("A *log* axis: \\\\|x\\\\| & <y>.\\n\\nSecond **one**.\\n", source="c.rst")
    '<p>A <em>log</em> axis: |x| &amp; &lt;y&gt;.</p>\\n<p>Second <strong>one</strong>.</p>'
    """
    from docutils.core import publish_parts  # only when a page is built
    from docutils.utils import SystemMessage

    marker = next((m for m in _JINJA if m in text), None)
    if marker:
        raise CaptionError(f"{source}: {marker!r}: a caption is plain text, no template syntax")
    if not text.strip():
        raise CaptionError(f"{source}: the caption is empty")
    try:
        body = publish_parts(
            text,
            source_path=source,
            writer="html5",
            settings_overrides={
                "halt_level": 2,  # a warning (e.g. an unclosed *) stops, naming the line
                "report_level": 5,
                "warning_stream": False,  # said in the error instead
                "file_insertion_enabled": False,
                "raw_enabled": False,
                "_disable_config": True,
                "doctitle_xform": False,
            },
        )["body"].strip()
    except SystemMessage as err:
        raise CaptionError(f"{source}: not a plain reStructuredText caption: {err}") from None
    others = sorted({t.lower() for t in _TAG.findall(body)} - ELEMENTS)
    if others:
        raise CaptionError(
            f"{source}: only paragraphs with *emphasis* and **strong** text, found <{'>, <'.join(others)}>"
        )
    return body
