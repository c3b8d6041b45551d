"""Topology catalogues: the project's tidy format and the original two wide tables.

Tidy (one row per topology × pruning × datatype of a trained model):
``topology,pruning_pct,datatype,gop_per_inference,params_m,top1_pct,top5_pct,source``
(gop_per_inference may be empty: config/op_counts.csv fills it).
Original: an accuracy table (two header rows, keys such as ``ResNet-50 80``, cells
``69.24 (88.45)`` or ``nm``) and a compute/memory table (two header rows, keys such as
``ResNet-50 80%``, ``Total OPs`` in GOP, ``Total Model Size`` in millions of parameters,
``OI (<datatype>)`` in op/B). Every non-``nm`` accuracy cell is one trained model.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..errors import InputError, Problem
from ..headers import header_problems
from ..io import LINE, CsvText, read_csv_text
from ..parse import PERCENT, POSITIVE_GOP, PRUNING, Rule, parse_column
from ..vocabulary import DATATYPES, Vocabulary
from .catalogue import cells, duplicate_keys, header_index, missing_columns, resolve

POSITIVE_M = Rule("a positive number of millions of parameters", minimum=0, strict=True)
POSITIVE_OPB = Rule("a positive number of operations per byte", minimum=0, strict=True)
TIDY_REQUIRED = ["topology", "pruning_pct", "datatype", "params_m", "source"]
_CELL = re.compile(r"^\s*([^\s(]+)\s*(?:\(\s*([^\s)]+)\s*\))?\s*$")


def classify(path: str, name: str) -> str:
    """'tidy', 'accuracy' or 'requirements', from the header rows."""
    text = read_csv_text(path, name, header_rows=1)
    first = [h.strip() for h in text.header[0]]
    if "topology" in first:
        return "tidy"
    if "Total OPs" in first:
        return "requirements"
    if len(text.rows) and any("top1" in str(c) for c in text.rows.iloc[0].tolist()):
        return "accuracy"
    raise InputError(
        [
            Problem(
                name,
                1,
                None,
                ",".join(text.header[0]),
                "not a topology catalogue",
                "use the tidy format (topology, pruning_pct, datatype, gop_per_inference, params_m, "
                "top1_pct, top5_pct, source) or the original accuracy / compute-requirements tables",
            )
        ]
    )


def read_topologies(files: list[tuple[str, str]], vocab: Vocabulary) -> pd.DataFrame:
    """Read every (path, name) and return one frame of tidy rows (task not yet set)."""
    kinds: dict[str, list[tuple[str, str]]] = {"tidy": [], "accuracy": [], "requirements": []}
    for path, name in files:
        kinds[classify(path, name)].append((path, name))
    parts = [_tidy(read_csv_text(p, n), vocab) for p, n in kinds["tidy"]]
    acc, req = kinds["accuracy"], kinds["requirements"]
    if len(acc) != len(req) or len(acc) > 1:
        names = [n for _, n in acc + req]
        raise InputError(
            [
                Problem(
                    ", ".join(names),
                    None,
                    None,
                    None,
                    "the original format needs exactly one accuracy table and one compute-requirements table",
                    "list both files (and no more) under topologies in the config",
                )
            ]
        )
    if acc:
        parts.append(
            _original(read_csv_text(*acc[0], header_rows=2), read_csv_text(*req[0], header_rows=2), vocab)
        )
    if not parts:
        return pd.DataFrame(
            columns=[
                "topology",
                "pruning_pct",
                "datatype",
                "gop_per_inference",
                "params_m",
                "top1_pct",
                "top5_pct",
                "intensity_reported_opb",
                "source",
            ]
        )
    out = pd.concat(parts, ignore_index=True)
    problems = duplicate_keys(
        out,
        ["topology", "pruning_pct", "datatype"],
        file_col="_file",
        line_col="_line",
        what="topology, pruning and datatype",
    )
    if problems:
        raise InputError(problems)
    return out.drop(columns=["_file", "_line"])


def _tidy(text: CsvText, vocab: Vocabulary) -> pd.DataFrame:
    problems = missing_columns(text, TIDY_REQUIRED)
    if problems:
        raise InputError(problems)
    lines = text.rows[LINE]
    topo = resolve(vocab, "topology", cells(text, "topology"), text, "topology", problems)
    dtype = resolve(vocab, "datatype", cells(text, "datatype"), text, "datatype", problems)
    out = pd.DataFrame({"topology": topo.canonical, "datatype": dtype.canonical})
    for col, rule, required in (
        ("pruning_pct", PRUNING, True),
        ("params_m", POSITIVE_M, True),
        ("gop_per_inference", POSITIVE_GOP, False),
        ("top1_pct", PERCENT, False),
        ("top5_pct", PERCENT, False),
    ):
        raw = cells(text, col)
        out[col], p = parse_column(raw, lines, rule, file=text.name, column=col)
        problems += p
        if required:
            problems += [
                Problem(text.name, int(ln), col, "", "value is empty", f"write {rule.what}")
                for ln in lines[raw.fillna("") == ""]
            ]
    out["intensity_reported_opb"] = np.nan
    out["source"] = cells(text, "source")
    problems += [
        Problem(
            text.name,
            int(ln),
            "source",
            "",
            "source is empty",
            "cite where the facts come from (paper, model zoo, own count)",
        )
        for ln in lines[out["source"].fillna("") == ""]
    ]
    if problems:
        raise InputError(problems)
    return out.assign(_file=text.name, _line=lines.to_numpy())


def _split_key(keys: pd.Series) -> tuple[pd.Series, pd.Series]:
    """'ResNet-50 80%' → ('ResNet-50', '80'); the pruning is the last word."""
    parts = keys.str.rsplit(" ", n=1)
    return parts.str[0].fillna("").str.strip(), parts.str[1].fillna("").str.strip()


def _original(acc: CsvText, req: CsvText, vocab: Vocabulary) -> pd.DataFrame:
    """The original accuracy and compute/memory tables joined into tidy rows, one per
    trained model (a non-``nm`` accuracy cell)."""
    problems = header_problems(req.name, req.header[0]) + header_problems(acc.name, acc.header[0])
    if problems:
        raise InputError(problems)
    rcol, acol = header_index(req), header_index(acc)
    problems += _required(req, rcol, ["Total OPs", "Total Model Size"]) + _required(acc, acol, DATATYPES)
    if problems:
        raise InputError(problems)
    rframe = _requirements(req, rcol, vocab, problems)
    models = _accuracy_models(acc, acol, vocab, problems)
    if problems:
        raise InputError(problems)
    merged = models.merge(rframe, on=["topology", "pruning_pct"], how="left", validate="many_to_one")
    missing = merged["_rline"].isna()
    problems += [
        Problem(
            acc.name,
            int(ln),
            "(row key)",
            f"{t} {p:g}",
            "no row in the compute-requirements table for this model",
            f"add a row '{t} {p:g}%' to {req.name}",
        )
        for ln, t, p in merged.loc[missing, ["_line", "topology", "pruning_pct"]].itertuples(index=False)
    ]
    if problems:
        raise InputError(problems)
    return _tidy_models(merged, acc.name, req.name)


def _required(text: CsvText, index: dict[str, int], columns: list[str]) -> list[Problem]:
    """A problem per column of ``columns`` missing from the header ``index``."""
    return [
        Problem(text.name, 1, c, None, "required column is missing", f"add the column {c!r}")
        for c in columns
        if c not in index
    ]


def _row_keys(text: CsvText, vocab: Vocabulary, problems: list[Problem]) -> tuple[pd.Series, pd.Series]:
    """The canonical topology and the pruning of each row's key ('ResNet-50 80%')."""
    name, prun = _split_key(text.rows[0].astype("string"))
    topo = resolve(vocab, "topology", name, text, "(row key)", problems)
    pruning, p = parse_column(prun, text.rows[LINE], PRUNING, file=text.name, column="(row key)")
    problems += p
    return topo.canonical, pruning


def _requirements(
    req: CsvText, rcol: dict[str, int], vocab: Vocabulary, problems: list[Problem]
) -> pd.DataFrame:
    """The compute / memory requirements, one row per topology × pruning (``_rline``: its
    line), with an ``OI (<datatype>)`` column per datatype (NaN where the table has none)."""
    rlines = req.rows[LINE]
    topo, rprun = _row_keys(req, vocab, problems)

    def number(column: str, rule: Rule) -> pd.Series:
        values, p = parse_column(req.rows[rcol[column]], rlines, rule, file=req.name, column=column)
        problems.extend(p)
        return values

    rframe = pd.DataFrame(
        {
            "topology": topo,
            "pruning_pct": rprun,
            "gop_per_inference": number("Total OPs", POSITIVE_GOP),
            "params_m": number("Total Model Size", POSITIVE_M),
            "_rline": rlines,
        }
    )
    for dt in DATATYPES:
        c = f"OI ({dt})"
        rframe[c] = number(c, POSITIVE_OPB) if c in rcol else np.nan
    dup = rframe.duplicated(["topology", "pruning_pct"]) & rframe["topology"].notna()
    problems += [
        Problem(
            req.name,
            int(ln),
            "(row key)",
            f"{t} {p:g}%",
            "a second row for the same topology and pruning",
            "keep one row per topology and pruning",
        )
        for ln, t, p in rframe.loc[dup, ["_rline", "topology", "pruning_pct"]].itertuples(index=False)
    ]
    return rframe


def _accuracy_models(
    acc: CsvText, acol: dict[str, int], vocab: Vocabulary, problems: list[Problem]
) -> pd.DataFrame:
    """The trained models of the accuracy table, one row per topology × pruning × datatype
    with a non-``nm`` cell, in the table's line order."""
    alines = acc.rows[LINE]
    atopo, aprun = _row_keys(acc, vocab, problems)
    parts = []
    for dt in DATATYPES:
        raw = acc.rows[acol[dt]].astype("string").str.strip()
        model = ~raw.str.lower().isin(["nm", ""])
        parsed = raw.where(model, "").str.extract(_CELL)
        malformed = model & parsed[0].isna()
        problems += [
            Problem(
                acc.name,
                int(ln),
                dt,
                v,
                "cell is neither 'top1 (top5)' nor 'nm'",
                "write e.g. 69.24 (88.45), 77, or nm when not measured",
            )
            for ln, v in zip(alines[malformed], raw[malformed])
        ]
        top1, p = parse_column(parsed[0].fillna(""), alines, PERCENT, file=acc.name, column=dt)
        problems += p
        top5, p = parse_column(parsed[1].fillna(""), alines, PERCENT, file=acc.name, column=dt)
        problems += p
        part = pd.DataFrame(
            {
                "topology": atopo,
                "pruning_pct": aprun,
                "datatype": dt,
                "top1_pct": top1,
                "top5_pct": top5,
                "_line": alines,
            }
        )
        parts.append(part.loc[model & ~malformed])
    return pd.concat(parts).sort_values("_line", kind="stable")


def _tidy_models(merged: pd.DataFrame, acc_name: str, req_name: str) -> pd.DataFrame:
    """The joined models as tidy rows: each model's intensity for its datatype, its source
    the two lines it comes from."""
    intensity = [merged.at[i, f"OI ({dt})"] for i, dt in zip(merged.index, merged["datatype"])]
    return pd.DataFrame(
        {
            "topology": merged["topology"],
            "pruning_pct": merged["pruning_pct"],
            "datatype": merged["datatype"],
            "gop_per_inference": merged["gop_per_inference"],
            "params_m": merged["params_m"],
            "top1_pct": merged["top1_pct"],
            "top5_pct": merged["top5_pct"],
            "intensity_reported_opb": intensity,
            "source": (
                acc_name
                + ":"
                + merged["_line"].astype(int).astype(str)
                + "; "
                + req_name
                + ":"
                + merged["_rline"].astype(int).astype(str)
            ),
            "_file": acc_name,
            "_line": merged["_line"].to_numpy(),
        }
    )
