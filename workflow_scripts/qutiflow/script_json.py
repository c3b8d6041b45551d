"""JSON inside a ``<script>`` element: the figures' offline pages (qutiflow.figures.save) and
the site's pages (qutiflow.site) inline Vega-Lite specs this way. Not HTML escaping (the
site's templates escape HTML text): JSON that no string in the data can end early."""

from __future__ import annotations

import json

_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


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
