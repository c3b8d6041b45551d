"""Shared helpers of the catalogue readers (tidy format and the original wide tables)."""

from __future__ import annotations

import pandas as pd

from ..errors import Problem
from ..headers import column_index
from ..io import LINE, CsvText
from ..vocabulary import Vocabulary


def header_index(text: CsvText) -> dict[str, int]:
    """Header name (stripped) → column position; a name given twice is an
    :class:`~qutiflow.errors.InputError` (see :mod:`qutiflow.headers`)."""
    return column_index(text.name, text.header[0])


def missing_columns(text: CsvText, need: list[str]) -> list[Problem]:
    have = header_index(text)
    return [
        Problem(text.name, 1, c, None, "required column is missing", f"add a column {c!r} to the header row")
        for c in need
        if c not in have
    ]


def cells(text: CsvText, column: str) -> pd.Series:
    """The stripped text cells of ``column`` ("" for every row when it is absent)."""
    idx = header_index(text).get(column)
    if idx is None:
        return pd.Series("", index=text.rows.index, dtype="string")
    return text.rows[idx].astype("string").str.strip()


def resolve(
    vocab: Vocabulary,
    kind: str,
    values: pd.Series,
    text: CsvText,
    column: str,
    problems: list[Problem],
    *,
    required: bool = True,
):
    """Resolve names of ``kind``; append unknown (and, if required, empty) problems."""
    res = vocab.resolve(kind, values.fillna(""))
    lines = text.rows[LINE]
    problems += vocab.unknown_problems(kind, values, res.unknown, lines, file=text.name, column=column)
    if required:
        for ln in lines[values.fillna("") == ""]:
            problems.append(
                Problem(text.name, int(ln), column, "", f"{kind} is empty", f"write the {kind} name")
            )
    return res


def duplicate_keys(
    frame: pd.DataFrame, keys: list[str], *, file_col: str, line_col: str, what: str
) -> list[Problem]:
    """One problem per repeated key (catalogue rows must be unique).

    Rows with an unresolved key part (already reported as unknown) are left out, except
    for a missing op mode, which is a valid key value."""
    named = frame[[k for k in keys if k != "op_mode"]].notna().all(axis=1)
    dup = frame.duplicated(keys, keep="first") & named
    return [
        Problem(
            r[file_col],
            int(r[line_col]),
            keys[0],
            " ".join(
                "" if pd.isna(r[k]) else f"{r[k]:g}" if isinstance(r[k], float) else str(r[k]) for k in keys
            ),
            f"a second row for the same {what}",
            "keep one row per " + what,
        )
        for _, r in frame.loc[dup].iterrows()
    ]
