"""How input files are named in messages and source columns."""

from __future__ import annotations

import os


def display_name(path: str, root: str) -> str:
    """``path`` relative to ``root`` with forward slashes, or as given when outside it.

    >>> display_name("raw/data/m.csv", "raw")
    'data/m.csv'
    >>> display_name("config/aliases.csv", "raw")
    'config/aliases.csv'
    """
    rel = os.path.relpath(path, root)
    if rel.startswith(".."):
        return path.replace(os.sep, "/")
    return rel.replace(os.sep, "/")
