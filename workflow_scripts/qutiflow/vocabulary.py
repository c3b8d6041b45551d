"""One vocabulary: every spelling found in the data mapped to one canonical id.

The table lives in ``config/aliases.csv`` (kind, spelling, canonical, op_mode, note).
Matching ignores case and repeated white space; a name that is not in the table is a
:class:`~qutiflow.errors.Problem` that lists the nearest known spellings.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import pandas as pd

from .errors import SHOWN_CHARS, InputError, Problem, csv_line, shown

KINDS = ("platform", "op_mode", "topology", "datatype", "task", "pruning")
#: how alike a known spelling must be (difflib ratio) to be suggested for an unknown name
NEAREST_CUTOFF = 0.4
#: the canonical datatypes, narrowest first: the one order of tables, columns and legends
DATATYPES = ("INT2", "INT4", "INT8", "FP16", "FP32")


def key(spelling: str) -> str:
    """The matching key of a spelling: case-folded, white space collapsed.

    >>> key("  ZCU104-Bismo ") == key("ZCU104-BISMO")
    True
    """
    return re.sub(r"\s+", " ", str(spelling)).strip().casefold()


@dataclass(frozen=True)
class Resolved:
    canonical: pd.Series  # canonical id, or <NA> where unknown or empty
    op_mode: pd.Series  # op mode implied by the spelling (platform kind only), else <NA>
    unknown: pd.Series  # bool: non-empty value with no entry


@dataclass
class Vocabulary:
    """Alias table: ``entries[kind][key(spelling)] = (canonical, op_mode or None)``."""

    entries: dict[str, dict[str, tuple[str, str | None]]] = field(default_factory=dict)
    spellings: dict[str, list[str]] = field(default_factory=dict)
    source: str = "config/aliases.csv"

    @classmethod
    def from_frame(cls, table: pd.DataFrame, *, source: str) -> Vocabulary:
        """Build from the alias table; duplicate or conflicting entries are errors."""
        problems = []
        need = ["kind", "spelling", "canonical", "op_mode"]
        missing = [c for c in need if c not in table.columns]
        if missing:
            raise InputError(
                [
                    Problem(
                        source, 1, c, None, "required column is missing", f"add a column {c!r} to the header"
                    )
                    for c in missing
                ]
            )
        vocab = cls(source=source)
        lines = table["__line__"] if "__line__" in table.columns else [None] * len(table)
        for kind, spelling, canonical, mode, line in zip(
            table["kind"], table["spelling"], table["canonical"], table["op_mode"], lines
        ):
            line = int(line) if line is not None else None
            kind, canonical, mode = kind.strip(), canonical.strip(), mode.strip() or None
            if kind not in KINDS:
                problems.append(
                    Problem(source, line, "kind", kind, "unknown kind", f"use one of {', '.join(KINDS)}")
                )
                continue
            if not spelling.strip() or not canonical:
                problems.append(
                    Problem(
                        source,
                        line,
                        "spelling",
                        spelling,
                        "spelling and canonical must not be empty",
                        "fill both cells or delete the line",
                    )
                )
                continue
            table_k = vocab.entries.setdefault(kind, {})
            k = key(spelling)
            if k in table_k and table_k[k] != (canonical, mode):
                problems.append(
                    Problem(
                        source,
                        line,
                        "spelling",
                        spelling,
                        f"spelling already maps to {shown(table_k[k][0])}",
                        "keep one line per spelling",
                    )
                )
                continue
            table_k[k] = (canonical, mode)
            vocab.spellings.setdefault(kind, []).append(spelling.strip())
        if problems:
            raise InputError(problems)
        return vocab

    def canonical_ids(self, kind: str) -> list[str]:
        """The canonical ids of ``kind``, in first-seen order."""
        seen: dict[str, None] = {}
        for canonical, _ in self.entries.get(kind, {}).values():
            seen.setdefault(canonical, None)
        return list(seen)

    def nearest(self, kind: str, value: str, n: int = 3) -> list[str]:
        """Known spellings closest to ``value`` (case-insensitive)."""
        known = self.spellings.get(kind, [])
        by_key = {key(s): s for s in known}
        wanted = key(value)
        # a ratio 2M/(a+b) reaches the cutoff only if a <= (2/cutoff - 1) b: skip the
        # comparisons (seconds for a 10 MB cell) that cannot succeed
        if len(wanted) > (2 / NEAREST_CUTOFF - 1) * max(map(len, by_key), default=0):
            return []
        hits = difflib.get_close_matches(wanted, list(by_key), n=n, cutoff=NEAREST_CUTOFF)
        return [by_key[h] for h in hits]

    def resolve(self, kind: str, values: pd.Series) -> Resolved:
        """Map ``values`` (str, "" = empty) to canonical ids, vectorised over unique values."""
        table_k = self.entries.get(kind, {})
        uniques = pd.unique(values)
        canon = {}
        modes = {}
        for v in uniques:
            hit = table_k.get(key(v)) if v != "" else None
            canon[v] = hit[0] if hit else pd.NA
            modes[v] = hit[1] if hit and hit[1] else pd.NA
        canonical = values.map(canon).astype("string")
        op_mode = values.map(modes).astype("string")
        unknown = (values != "") & canonical.isna()
        return Resolved(canonical, op_mode, unknown.astype(bool))

    def unknown_problems(
        self, kind: str, values: pd.Series, unknown: pd.Series, lines: pd.Series, *, file: str, column: str
    ) -> list[Problem]:
        """One :class:`Problem` per unknown value, with the nearest known names as the fix.

        The fix suggests the line to add to the alias table, quoted as CSV (a name may hold
        a comma or a quote); for a name too long to show, a line with a placeholder.

        >>> v = Vocabulary.from_frame(pd.DataFrame({"kind": ["topology"], "spelling": ["CNV"],
        ...     "canonical": ["CNV"], "op_mode": [""]}), source="aliases.csv")
        >>> [p] = v.unknown_problems("topology", pd.Series(['CN"V, 2']), pd.Series([True]),
        ...                          pd.Series([7]), file="m.csv", column="NN_Topology")
        >>> print(p.fix)
        nearest known: CNV; use a known name or add a line 'topology,"CN""V, 2",<canonical id>,,' to aliases.csv
        """
        problems = []
        for v, ln in zip(values[unknown], lines[unknown]):
            near = self.nearest(kind, v)
            hint = f"nearest known: {', '.join(near)}; " if near else ""
            spelling = v if len(v) <= SHOWN_CHARS else f"<the name on line {int(ln)}>"
            problems.append(
                Problem(
                    file,
                    int(ln),
                    column,
                    v,
                    f"unknown {kind.replace('_', ' ')} name",
                    f"{hint}use a known name or add a line "
                    f"'{csv_line(kind, spelling, '<canonical id>', '', '')}' to {self.source}",
                )
            )
        return problems
