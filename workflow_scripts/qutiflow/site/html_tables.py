"""Tables as HTML: every cell escaped, numbers right-aligned and shortened, units in the
column names as the data has them."""

from __future__ import annotations

import math
import numbers

import numpy as np
import pandas as pd

from .escape import text


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


def table(frame: pd.DataFrame, *, caption: str = "", empty: str = "no rows") -> str:
    """A scrollable HTML table of ``frame`` (its index is not shown)."""
    if frame.empty:
        cap = f"{text(caption)}: " if caption else ""
        return f'<p class="empty">{cap}{text(empty)}</p>'
    head = "".join(f'<th scope="col">{text(c)}</th>' for c in frame.columns)
    body = []
    for row in frame.itertuples(index=False, name=None):
        cells = []
        for value in row:
            shown, numeric = cell(value)
            cls = ' class="num"' if numeric else ""
            cells.append(f"<td{cls}>{text(shown)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{text(caption)}</caption>" if caption else ""
    return (
        f'<div class="table-wrap"><table>{cap}<thead><tr>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(body)
        + "\n</tbody></table></div>"
    )
