"""The reference tables under config/: aliases, topology → task, op counts, families."""

from __future__ import annotations

import pandas as pd

from .errors import InputError, Problem
from .headers import column_index
from .io import LINE, CsvText
from .parse import POSITIVE_GOP, PRUNING, parse_column
from .vocabulary import Vocabulary


def _columns(text: CsvText, need: list[str]) -> dict[str, pd.Series]:
    """The stripped cells of each header column; a missing ``need`` column or a name given
    twice is an error."""
    index = column_index(text.name, text.header[0])
    missing = [c for c in need if c not in index]
    if missing:
        raise InputError(
            [
                Problem(
                    text.name, 1, c, None, "required column is missing", f"add a column {c!r} to the header"
                )
                for c in missing
            ]
        )
    return {h: text.rows[i].str.strip() for h, i in index.items()}


def vocabulary(text: CsvText) -> Vocabulary:
    """The alias table (``kind,spelling,canonical,op_mode[,note]``)."""
    cols = _columns(text, ["kind", "spelling", "canonical", "op_mode"])
    frame = pd.DataFrame(cols)
    frame[LINE] = text.rows[LINE]
    return Vocabulary.from_frame(frame, source=text.name)


def topology_tasks(text: CsvText, vocab: Vocabulary) -> dict[str, str]:
    """``{canonical topology: canonical task}`` from ``topology,task[,description]``."""
    cols = _columns(text, ["topology", "task"])
    problems, out = [], {}
    lines = text.rows[LINE]
    topo = vocab.resolve("topology", cols["topology"])
    task = vocab.resolve("task", cols["task"])
    problems += vocab.unknown_problems(
        "topology", cols["topology"], topo.unknown, lines, file=text.name, column="topology"
    )
    problems += vocab.unknown_problems(
        "task", cols["task"], task.unknown, lines, file=text.name, column="task"
    )
    if problems:
        raise InputError(problems)
    for t, k in zip(topo.canonical, task.canonical):
        out[t] = k
    return out


def op_counts(text: CsvText, vocab: Vocabulary) -> pd.DataFrame:
    """Op counts per topology × pruning: ``topology, pruning_pct, gop_per_inference, source``."""
    cols = _columns(text, ["topology", "pruning_pct", "gop_per_inference", "source"])
    lines = text.rows[LINE]
    topo = vocab.resolve("topology", cols["topology"])
    problems = vocab.unknown_problems(
        "topology", cols["topology"], topo.unknown, lines, file=text.name, column="topology"
    )
    pruning, p1 = parse_column(cols["pruning_pct"], lines, PRUNING, file=text.name, column="pruning_pct")
    gop, p2 = parse_column(
        cols["gop_per_inference"], lines, POSITIVE_GOP, file=text.name, column="gop_per_inference"
    )
    problems += p1 + p2
    frame = pd.DataFrame(
        {
            "topology": topo.canonical,
            "pruning_pct": pruning,
            "gop_per_inference": gop,
            "source": cols["source"],
            LINE: lines,
        }
    )
    dup = frame.duplicated(["topology", "pruning_pct"], keep="first")
    for ln, t, p in zip(frame.loc[dup, LINE], frame.loc[dup, "topology"], frame.loc[dup, "pruning_pct"]):
        problems.append(
            Problem(
                text.name,
                int(ln),
                "topology",
                f"{t} {p:g}",
                "a second op count for the same topology and pruning",
                "keep one line per topology and pruning",
            )
        )
    if problems:
        raise InputError(problems)
    return frame.drop(columns=LINE).reset_index(drop=True)


def platform_families(text: CsvText) -> dict[str, str]:
    """``{platform: family}`` from ``platform,family[,description]``."""
    cols = _columns(text, ["platform", "family"])
    return dict(zip(cols["platform"], cols["family"]))
