"""qutiflow.site.escape: JSON that cannot close a script element, and escaped text."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from qutiflow.site import escape
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
    out = escape.script_json(value)
    assert "<" not in out and ">" not in out and "&" not in out
    assert json.loads(out) == value


def test_script_json_refuses_nan():
    with pytest.raises(ValueError):
        escape.script_json({"x": float("nan")})


def test_text_escapes_markup_and_quotes():
    assert escape.text(EVIL) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert escape.text('a"b') == "a&quot;b"
