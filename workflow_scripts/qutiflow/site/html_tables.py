"""Tables for the pages (the template ``table`` of templates/parts.html.j2 escapes every
cell): numbers right-aligned and shortened, units in the column names as the data has them."""

from __future__ import annotations

import math
import numbers

import numpy as np
import pandas as pd

from .render import part


def cell(value: object) -> tuple[str, bool]:
    """(text, is_number) of one value: missing → '', floats to 6 significant digits
    (without exponent from 10^6 to 10^15), booleans as yes/no.

    >>> [cell(v)[0] for v in (None, float("nan"), 3.14159265, 82580.61, 1234567.8, True, 7, "a<b")]
    ['', '', '3.14159', '82580.6', '1234568', 'yes', '7', 'a<b']
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return "", False
    if isinstance(value, (bool, np.bool_)):
        return ("yes" if value else "no"), False
    if isinstance(value, numbers.Integral):
        return str(int(value)), True
    if isinstance(value, numbers.Real):
        v = float(value)
        if math.isnan(v):
            return "", False
        if math.isinf(v):
            return ("∞" if v > 0 else "-∞"), True
        if 1e6 <= abs(v) < 1e15:
            return f"{v:.0f}", True
        return f"{v:.6g}", True
    return str(value), False


def table_data(frame: pd.DataFrame, *, caption: str = "", empty: str = "no rows") -> dict:
    """A table as the template ``table`` of templates/parts.html.j2 takes it: its column
    names, its rows as (text, is_number) cells (its index is not shown), the caption, and
    what an empty table says instead.

    >>> table_data(pd.DataFrame({"a": [1.5]}), caption="c")
    {'caption': 'c', 'empty': 'no rows', 'columns': ['a'], 'rows': [[('1.5', True)]]}
    """
    rows = [] if frame.empty else [[cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    return {"caption": caption, "empty": empty, "columns": [str(c) for c in frame.columns], "rows": rows}


def table(frame: pd.DataFrame, *, caption: str = "", empty: str = "no rows") -> str:
    """A scrollable HTML table of ``frame``, as on the pages (every cell escaped)."""
    return part("table", table_data(frame, caption=caption, empty=empty))
