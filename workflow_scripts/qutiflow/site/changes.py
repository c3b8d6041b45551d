"""The index page's "What changed in this release": the difference between this run and the
previous publication, as ``python -m qutiflow.audit diff --json`` wrote it (its
``summary`` and ``source_lines``; the full list of changed artifacts is in the release's
CHANGES.md)."""

from __future__ import annotations

from .escape import text

TITLE = "What changed in this release"


def section(changes: dict) -> str:
    """``<h2 id="changes">`` and what changed since the previous publication."""
    lines = changes.get("source_lines") or []
    items = "\n".join(f"<li>{text(line)}</li>" for line in lines)
    return "\n".join(
        filter(
            None,
            [
                f'<h2 id="changes">{TITLE}</h2>',
                f"<p>Compared with the previous publication: {text(changes['summary'])}.</p>",
                f'<ul class="changes">\n{items}\n</ul>' if items else "",
                "<p>Every changed artifact, with the chain of changes that reached it, is listed in "
                "CHANGES.md beside this site's folder in the release "
                '(<a href="../CHANGES.md">CHANGES.md</a>).</p>',
            ],
        )
    )
