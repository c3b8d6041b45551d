"""Shared by the tests of columns named twice (test_duplicate_columns.py,
test_duplicate_catalogue_columns.py): writing a header, catching the error, and what the
error must say."""

from __future__ import annotations

from pathlib import Path

import helpers
import pytest
from qutiflow.errors import InputError

REPO = Path(__file__).resolve().parents[2]
ALIASES = REPO / "config" / "aliases.csv"


def write(tmp_path: Path, name: str, header: list[str], *rows: list[str]) -> str:
    return helpers.write(tmp_path, name, helpers.csv_text(header, list(rows)))


def raises(call, *args, **kwargs) -> InputError:
    with pytest.raises(InputError) as info:
        call(*args, **kwargs)
    return info.value


def assert_twice(
    err: InputError,
    file: str,
    first: tuple[int, str],
    second: tuple[int, str],
    synonym: bool = False,
    of: int = 1,
) -> None:
    """``err`` holds ``of`` problems, the one about column ``second`` saying that line 1
    of ``file`` names a column twice, in columns ``first`` and ``second``."""
    assert len(err.problems) == of, err.problems
    [p] = [p for p in err.problems if f"column {second[0]} " in p.message]
    assert (p.file, p.line) == (file, 1)
    (i, a), (j, b) = first, second
    assert f"column {i} {a!r}" in p.message and f"column {j} {b!r}" in p.message
    kind = "are two names for the same column" if synonym else "have the same name"
    assert kind in p.message
    assert p.fix.startswith("keep one of the two columns")
    assert a in p.fix and b in p.fix
    text = str(err)
    assert f"{file}: column {i} {a!r} and column {j} {b!r}" in text and "line 1" in text
