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
    problems = header_problems(req.name, req.header[0]) + header_problems(acc.name, acc.header[0])
    if problems:
        raise InputError(problems)
    # compute / memory requirements, one row per topology × pruning
    rcol = header_index(req)
    need = ["Total OPs", "Total Model Size"]
    problems += [
        Problem(req.name, 1, c, None, "required column is missing", f"add the column {c!r}")
        for c in need
        if c not in rcol
    ]
    acol = header_index(acc)
    problems += [
        Problem(acc.name, 1, c, None, "required column is missing", f"add the column {c!r}")
        for c in DATATYPES
        if c not in acol
    ]
    if problems:
        raise InputError(problems)
    rlines = req.rows[LINE]
    name, prun = _split_key(req.rows[0].astype("string"))
    topo = resolve(vocab, "topology", name, req, "(row key)", problems)
    rprun, p = parse_column(prun, rlines, PRUNING, file=req.name, column="(row key)")
    problems += p
    gop, p = parse_column(
        req.rows[rcol["Total OPs"]], rlines, POSITIVE_GOP, file=req.name, column="Total OPs"
    )
    problems += p
    params, p = parse_column(
        req.rows[rcol["Total Model Size"]], rlines, POSITIVE_M, file=req.name, column="Total Model Size"
    )
    problems += p
    rframe = pd.DataFrame(
        {
            "topology": topo.canonical,
            "pruning_pct": rprun,
            "gop_per_inference": gop,
            "params_m": params,
            "_rline": rlines,
        }
    )
    for dt in DATATYPES:
        c = f"OI ({dt})"
        if c in rcol:
            rframe[c], p = parse_column(req.rows[rcol[c]], rlines, POSITIVE_OPB, file=req.name, column=c)
            problems += p
        else:
            rframe[c] = np.nan
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
    # accuracy, one cell per topology × pruning × datatype
    alines = acc.rows[LINE]
    name, prun = _split_key(acc.rows[0].astype("string"))
    atopo = resolve(vocab, "topology", name, acc, "(row key)", problems)
    aprun, p = parse_column(prun, alines, PRUNING, file=acc.name, column="(row key)")
    problems += p
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
                "topology": atopo.canonical,
                "pruning_pct": aprun,
                "datatype": dt,
                "top1_pct": top1,
                "top5_pct": top5,
                "_line": alines,
            }
        )
        parts.append(part.loc[model & ~malformed])
    if problems:
        raise InputError(problems)
    models = pd.concat(parts).sort_values("_line", kind="stable")
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
                acc.name
                + ":"
                + merged["_line"].astype(int).astype(str)
                + "; "
                + req.name
                + ":"
                + merged["_rline"].astype(int).astype(str)
            ),
            "_file": acc.name,
            "_line": merged["_line"].to_numpy(),
        }
    )
