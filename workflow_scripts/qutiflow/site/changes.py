"""The index page's "What changed in this release": the difference between this run and the
previous publication, as ``python -m qutiflow.audit diff --json`` wrote it (its
``summary`` and ``source_lines``; the full list of changed artifacts is in the release's
CHANGES.md). The words around them are in templates/index.html.j2."""

from __future__ import annotations

TITLE = "What changed in this release"


def section(changes: dict) -> dict:
    """What the index template shows of ``changes``.

    >>> section({"summary": "1 changed", "source_lines": None})
    {'title': 'What changed in this release', 'summary': '1 changed', 'lines': []}
    """
    return {"title": TITLE, "summary": changes["summary"], "lines": list(changes.get("source_lines") or [])}
