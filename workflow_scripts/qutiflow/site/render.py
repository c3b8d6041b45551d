"""The site's Jinja2 templates (``templates/*.html.j2``, beside this module) and the one
place where text enters a page unescaped (:func:`trusted`).

Every ``{{ value }}`` of a template is HTML-escaped (autoescape); a name a template uses
but is not given is an error (``StrictUndefined``), not an empty string. The Python
modules of the site hand the templates plain values (strings, numbers, lists, dicts).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..script_json import script_json

TEMPLATES = Path(__file__).resolve().parent / "templates"


def trusted(html: str) -> Markup:
    """``html`` put into a page as it is, not escaped. The one place of the site that does
    so, for three kinds of text only, each made safe before it comes here: a figure's spec
    as JSON that cannot end its script element (:func:`spec_json`), the script that draws
    the charts (a constant, :data:`qutiflow.site.charts.EMBED_SCRIPT`) and a caption file
    rendered to HTML by docutils (:mod:`qutiflow.site.captions`, which escapes its text)."""
    return Markup(html)


def spec_json(value: object) -> Markup:
    """``value`` as JSON for a ``<script type="application/json">`` element
    (:func:`qutiflow.script_json.script_json`: ``<``, ``>`` and ``&`` as ``\\u003c`` ...).

    >>> str(spec_json({"t": "</script>"}))
    '{"t":"\\\\u003c/script\\\\u003e"}'
    """
    return trusted(script_json(value))


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The templates' environment: autoescape for ``.html.j2``, undefined names are errors,
    a block tag's line leaves no blank line (``trim_blocks``, ``lstrip_blocks``)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(template: str | jinja2.Template, **context: object) -> str:
    """The template ``template`` (a file name under ``templates/``, or a template of
    :func:`environment`) filled in."""
    return environment().get_template(template).render(**context)


def part(name: str, *args: object) -> str:
    """One macro of templates/parts.html.j2 (a table, a figure, a provenance note) filled
    in on its own, as the pages show it (without the last newline)."""
    return str(getattr(environment().get_template("parts.html.j2").module, name)(*args)).strip()
