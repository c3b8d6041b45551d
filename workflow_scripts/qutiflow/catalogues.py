"""Checks and derivations of the platform and topology catalogues after reading."""

from __future__ import annotations

import pandas as pd

from .errors import Problem, csv_line
from .vocabulary import DATATYPES as DATATYPE_ORDER
from .vocabulary import Vocabulary


def _rank(values: pd.Series, order: list[str]) -> pd.Series:
    pos = {v: i for i, v in enumerate(order)}
    return values.map(lambda v: pos.get(v, len(pos))).astype("int64")


def sort_platforms(frame: pd.DataFrame, vocab: Vocabulary) -> pd.DataFrame:
    """Deterministic order: platform (vocabulary order), op mode, datatype (INT2 … FP32)."""
    keyed = frame.assign(
        _p=_rank(frame["platform"], vocab.canonical_ids("platform")),
        _m=_rank(frame["op_mode"].fillna(""), [""] + vocab.canonical_ids("op_mode")),
        _d=_rank(frame["datatype"], DATATYPE_ORDER),
    )
    return (
        keyed.sort_values(["_p", "platform", "_m", "_d"], kind="stable")
        .drop(columns=["_p", "_m", "_d"])
        .reset_index(drop=True)
    )


def topology_problems(
    frame: pd.DataFrame, *, tasks: dict[str, str], op_counts: pd.DataFrame, file: str
) -> list[Problem]:
    """Rows whose topology has no task, or no op count here nor in config/op_counts.csv."""
    problems = []
    for t in sorted(set(frame["topology"]) - set(tasks)):
        problems.append(
            Problem(
                file,
                None,
                "topology",
                t,
                "topology has no task",
                f"add a line '{csv_line(t, '<task>', '')}' to config/topologies.csv",
            )
        )
    known = set(zip(op_counts["topology"], op_counts["pruning_pct"]))
    lacking = frame["gop_per_inference"].isna()
    for t, p in sorted(set(zip(frame.loc[lacking, "topology"], frame.loc[lacking, "pruning_pct"]))):
        if (t, p) not in known:
            problems.append(
                Problem(
                    file,
                    None,
                    "gop_per_inference",
                    f"{t} at {p:g} %",
                    "no operation count in the catalogue nor the op-count table",
                    "fill gop_per_inference, or add a line "
                    f"'{csv_line(t, f'{p:g}', '<GOP>', '<source>')}' to "
                    "config/op_counts.csv",
                )
            )
    return problems


def complete_topologies(
    frame: pd.DataFrame, *, tasks: dict[str, str], op_counts: pd.DataFrame, vocab: Vocabulary
) -> tuple[pd.DataFrame, float]:
    """Set task, take op counts from the table (the catalogue's own value only where the
    table has no row), sort; also return the largest relative difference between the
    catalogue's op counts and the table (0 when none overlap)."""
    ref = op_counts[["topology", "pruning_pct", "gop_per_inference"]].rename(
        columns={"gop_per_inference": "_ref"}
    )
    out = frame.merge(ref, on=["topology", "pruning_pct"], how="left", validate="many_to_one")
    both = out["gop_per_inference"].notna() & out["_ref"].notna()
    rel = (out.loc[both, "gop_per_inference"] - out.loc[both, "_ref"]).abs() / out.loc[both, "_ref"]
    out["gop_per_inference"] = out["_ref"].fillna(out["gop_per_inference"])
    out["task"] = out["topology"].map(tasks).astype("string")
    out = out.assign(
        _t=_rank(out["task"], ["imagenet", "cifar10", "mnist"]),
        _n=_rank(out["topology"], vocab.canonical_ids("topology")),
        _d=_rank(out["datatype"], DATATYPE_ORDER),
    )
    out = out.sort_values(
        ["_t", "_n", "topology", "pruning_pct", "_d"],
        ascending=[True, True, True, False, True],
        kind="stable",
    )
    return (
        out.drop(columns=["_ref", "_t", "_n", "_d"]).reset_index(drop=True),
        float(rel.max()) if len(rel) else 0.0,
    )
