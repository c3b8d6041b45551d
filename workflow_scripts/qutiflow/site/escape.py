"""Escaping for the two places where data reaches a page: HTML text and JSON in a script."""

from __future__ import annotations

import html
import json

_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def text(value: object) -> str:
    """Any value as HTML text, every markup character escaped (None → '').

    >>> text('<script>alert("1")</script> & more')
    '&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt; &amp; more'
    >>> text(None), text(12.5)
    ('', '12.5')
    """
    return "" if value is None else html.escape(str(value), quote=True)


def script_json(value: object) -> str:
    """Compact JSON (keys sorted) that is safe inside ``<script type="application/json">``:
    ``<``, ``>`` and ``&`` are written as ``\\u003c``, ``\\u003e`` and ``\\u0026``, so no
    string in the data can close the script or open a comment. ``JSON.parse`` reads it
    back unchanged. NaN and infinities are refused (``JSON.parse`` rejects them).

    >>> script_json({"title": "</script><b>&"})
    '{"title":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    >>> json.loads(script_json({"a": "<x>"})) == {"a": "<x>"}
    True
    """
    return script_safe(
        json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    )


def script_safe(json_text: str) -> str:
    """JSON text made safe inside a ``<script>`` element: the escaping of
    :func:`script_json`, for JSON that is already text (e.g. a figure's saved spec).

    JSON has ``<``, ``>`` and ``&`` only inside strings, where ``\\u003c`` and the others
    mean the same characters; U+2028 and U+2029 end a line in older JavaScript.

    >>> print(script_safe('{"t": "</script><!-- &"}'))
    {"t": "\\u003c/script\\u003e\\u003c!-- \\u0026"}
    """
    return json_text.translate(_SCRIPT_SAFE)


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
