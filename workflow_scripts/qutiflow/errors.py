"""Input problems and the error that reports them all at once.

Every check in the library collects :class:`Problem` records instead of raising on the
first one, so that a single run reports every violation; :class:`InputError` formats
them grouped by file, column and kind, with up to five offending lines each.

A value, column name or header cell is shown cut to :data:`SHOWN_CHARS` characters with
its full length: the whole of a 10 MB cell is in the input file at the named line and
column, and never in a message or the log.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from io import StringIO

#: how many offending lines one group of problems shows before "and N more"
SHOWN_PER_GROUP = 5
#: longest value, column name or header cell that a message shows whole
SHOWN_CHARS = 80


def shown(value: object, limit: int = SHOWN_CHARS) -> str:
    """``value`` quoted for a message, cut to ``limit`` characters with its full length.

    >>> shown("abc")
    "'abc'"
    >>> shown("x" * 100, limit=5)
    "'xxxxx'… (100 characters)"
    """
    value = str(value)
    if len(value) <= limit:
        return repr(value)
    return f"{value[:limit]!r}… ({len(value)} characters)"


def csv_line(*cells: str) -> str:
    """One CSV line (no line end), quoted where a cell needs it: a line a fix suggests
    adding to a table, valid CSV for any cell text.

    >>> csv_line("topology", 'Res"Net, 50', "<canonical id>", "", "")
    'topology,"Res""Net, 50",<canonical id>,,'
    >>> csv_line("a\\nb", "c\\rd")
    '"a\\nb","c\\rd"'
    """
    buf = StringIO()
    # the line end names the characters that force quoting: both, so a name's line break
    # cannot end the suggested line
    csv.writer(buf, lineterminator="\r\n").writerow(cells)
    return buf.getvalue().removesuffix("\r\n")


@dataclass(frozen=True)
class Problem:
    """One offending cell, line or file.

    ``line`` is the 1-based physical line in ``file`` (the header is line 1); None for a
    problem with the whole file.
    """

    file: str
    line: int | None
    column: str | None
    value: str | None
    message: str
    fix: str

    def where(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"


class InputError(Exception):
    """Raised with every :class:`Problem` found in the inputs of one step."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    """Group problems by (file, column, message, fix) and render them for a person.

    >>> p = Problem("m.csv", 4, "lat-comp", "abc", "is not a number", "write a number in ms")
    >>> print(format_problems([p]))
    1 input problem:
    m.csv, column 'lat-comp': is not a number
      line 4: 'abc'
      fix: write a number in ms
    """
    groups: dict[tuple, list[Problem]] = defaultdict(list)
    for p in problems:
        groups[(p.file, p.column, p.message, p.fix)].append(p)
    n = len(problems)
    out = [f"{n} input problem{'s' if n != 1 else ''}:"]
    for (file, column, message, fix), items in groups.items():
        col = f", column {shown(column)}" if column is not None else ""
        out.append(f"{file}{col}: {message}")
        for p in items[:SHOWN_PER_GROUP]:
            if p.line is not None or p.value is not None:
                where = f"line {p.line}" if p.line is not None else "value"
                out.append(f"  {where}: {shown(p.value)}" if p.value is not None else f"  {where}")
        if len(items) > SHOWN_PER_GROUP:
            out.append(f"  ... and {len(items) - SHOWN_PER_GROUP} more in this file and column")
        out.append(f"  fix: {fix}")
    return "\n".join(out)


def raise_if_any(problems: list[Problem]) -> None:
    """Raise :class:`InputError` when ``problems`` is not empty."""
    if problems:
        raise InputError(problems)
