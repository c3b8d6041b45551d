"""Header rows: the one place where every reader maps header names to column positions.

A header that names a column twice is refused, because taking the first or the last of
the two cells would silently read the wrong values (a column renamed by mistake to the
name of another one, or a file with both ``Datatype`` and ``Precision``). Twice means:
two cells with the same name after the reader's own normalisation (stripped; case-folded
where the reader matches names case-insensitively), or two different names that the
reader maps to the same library column (synonyms). Empty header cells are not names:
several of them (e.g. a trailing comma) are fine.
"""

from __future__ import annotations

from collections.abc import Callable

from .errors import InputError, Problem, shown

#: the library column a (normalised) header name fills, or None when it is not read
Target = Callable[[str], "str | None"]


def header_problems(
    file: str, header: list[str], *, normalise: Callable[[str], str] = str.strip, target: Target | None = None
) -> list[Problem]:
    """One problem per header cell that repeats the name or the library column of an
    earlier cell; it names ``file``, line 1, both 1-based positions and both names.

    >>> [p.message for p in header_problems("m.csv", ["a", "b ", "", "", " b"])]
    ["column 2 'b ' and column 5 ' b' have the same name"]
    >>> syn = {"Datatype": "datatype", "Precision": "datatype"}.get
    >>> [p.message for p in header_problems("m.csv", ["Datatype", "x", "Precision"], target=syn)]
    ["column 1 'Datatype' and column 3 'Precision' are two names for the same column 'datatype'"]
    """
    problems = []
    by_name: dict[str, int] = {}
    by_target: dict[str, int] = {}
    for j, raw in enumerate(header):
        name = normalise(raw)
        if not name:
            continue
        goal = target(name) if target is not None else None
        if name in by_name:
            problems.append(_repeat(file, header, by_name[name], j, None))
        elif goal is not None and goal in by_target:
            problems.append(_repeat(file, header, by_target[goal], j, goal))
        by_name.setdefault(name, j)
        if goal is not None:
            by_target.setdefault(goal, j)
    return problems


def column_index(
    file: str, header: list[str], *, normalise: Callable[[str], str] = str.strip, target: Target | None = None
) -> dict[str, int]:
    """Normalised header name → 0-based position, in header order, empty cells left out.

    Raises :class:`InputError` with every :func:`header_problems` when a name or a library
    column is repeated.

    >>> column_index("t.csv", [" a", "b", "", ""])
    {'a': 0, 'b': 1}
    """
    problems = header_problems(file, header, normalise=normalise, target=target)
    if problems:
        raise InputError(problems)
    index = {}
    for i, raw in enumerate(header):
        name = normalise(raw)
        if name:
            index[name] = i
    return index


def _repeat(file: str, header: list[str], i: int, j: int, goal: str | None) -> Problem:
    first, second = shown(header[i]), shown(header[j])
    what = "have the same name" if goal is None else f"are two names for the same column {shown(goal)}"
    return Problem(
        file,
        1,
        None,
        None,
        f"column {i + 1} {first} and column {j + 1} {second} {what}",
        f"keep one of the two columns {first} (column {i + 1}) and {second} "
        f"(column {j + 1}) and delete the other, or give a column renamed by "
        "mistake its own name back",
    )
