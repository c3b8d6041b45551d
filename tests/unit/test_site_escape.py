"""Escaping on the site: JSON that cannot close a script element (qutiflow.script_json), and
the templates' autoescape (qutiflow.site.render): every value is HTML-escaped, a name the
template is not given is an error."""

from __future__ import annotations

import json

import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st
from qutiflow.script_json import script_json
from qutiflow.site import layout, render
from site_fixtures import EVIL


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda children: (
            st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
        ),
        max_leaves=12,
    )
)
def test_script_json_round_trips_and_cannot_close_a_script(value):
    out = script_json(value)
    assert "<" not in out and ">" not in out and "&" not in out
    assert json.loads(out) == value


def test_script_json_refuses_nan():
    with pytest.raises(ValueError):
        script_json({"x": float("nan")})


def test_templates_escape_markup_and_quotes():
    assert render.part("paragraphs", [EVIL]) == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    assert render.part("paragraphs", ["a\"b'c&"]) == "<p>a&#34;b&#39;c&amp;</p>"


def test_a_name_the_template_is_not_given_is_an_error():
    with pytest.raises(jinja2.UndefinedError, match="intro"):
        layout.page("overview.html.j2", title="t", links=[], current="", toc=[], tasks=[], data={})


def test_only_the_render_module_marks_text_as_safe():
    # the one place where text enters a page unescaped is render.trusted
    from pathlib import Path

    site = Path(render.__file__).parent
    users = sorted(p.name for p in site.glob("*.py") if "Markup(" in p.read_text(encoding="utf-8"))
    assert users == ["render.py"]
    assert not [p.name for p in (site / "templates").iterdir() if "|safe" in p.read_text(encoding="utf-8")]
