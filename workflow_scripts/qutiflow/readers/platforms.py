"""Platform catalogues: the project's tidy format and the original wide table.

Tidy (one row per platform × op mode × datatype):
``platform,op_mode,datatype,peak_tops,bandwidth_gbps,memory_gb,power_w,source``.
Original (``hardware_platforms.csv``): two header rows, one row per platform (op mode in
the name), one column of peak TOP/s per datatype, ``na`` where a datatype is unsupported.
"""

from __future__ import annotations

import pandas as pd

from ..errors import InputError, Problem
from ..io import LINE, CsvText, read_csv_text
from ..parse import Rule, parse_column
from ..vocabulary import DATATYPES, Vocabulary
from .catalogue import cells, duplicate_keys, header_index, missing_columns, resolve

POSITIVE_TOPS = Rule("a positive number of TOP/s", minimum=0, strict=True)
POSITIVE_GBPS = Rule("a positive number of GB/s", minimum=0, strict=True)
POSITIVE_GB = Rule("a positive number of GB", minimum=0, strict=True)
POSITIVE_W = Rule("a positive number of watts", minimum=0, strict=True)
TIDY_REQUIRED = ["platform", "datatype", "peak_tops", "bandwidth_gbps", "source"]
ORIGINAL_FIRST = "Hardware Platforms"


def read_platforms(path: str, name: str, vocab: Vocabulary) -> pd.DataFrame:
    """Read a platform catalogue in either format; columns of ``schemas.PLATFORMS``."""
    return _drop_position(_read_one(path, name, vocab))


def read_platform_files(files: list[tuple[str, str]], vocab: Vocabulary) -> pd.DataFrame:
    """Read several catalogue files (``(path, display name)`` pairs, e.g. the published
    platforms and the host's measured rows) into one table. Every file's problems are
    reported together; a platform × op mode × datatype given by two files is an error
    naming the second file and line."""
    parts, problems = [], []
    for path, name in files:
        try:
            parts.append(_read_one(path, name, vocab))
        except InputError as err:
            problems += err.problems
    if problems:
        raise InputError(problems)
    table = pd.concat(parts, ignore_index=True)
    problems = duplicate_keys(
        table,
        ["platform", "op_mode", "datatype"],
        file_col="_file",
        line_col="_line",
        what="platform, op mode and datatype",
    )
    if problems:
        raise InputError(problems)
    return _drop_position(table)


def _read_one(path: str, name: str, vocab: Vocabulary) -> pd.DataFrame:
    first = read_csv_text(path, name)
    if first.header[0] and first.header[0][0].strip() == ORIGINAL_FIRST:
        return _original(read_csv_text(path, name, header_rows=2), vocab)
    return _tidy(first, vocab)


def _drop_position(table: pd.DataFrame) -> pd.DataFrame:
    return table.drop(columns=["_file", "_line"]).reset_index(drop=True)


def _tidy(text: CsvText, vocab: Vocabulary) -> pd.DataFrame:
    problems = missing_columns(text, TIDY_REQUIRED)
    if problems:
        problems[0] = Problem(
            text.name,
            1,
            problems[0].column,
            None,
            problems[0].message + " (neither the tidy platform catalogue "
            f"nor the original table, whose first header is {ORIGINAL_FIRST!r})",
            problems[0].fix,
        )
        raise InputError(problems)
    lines = text.rows[LINE]
    plat = resolve(vocab, "platform", cells(text, "platform"), text, "platform", problems)
    mode = resolve(vocab, "op_mode", cells(text, "op_mode"), text, "op_mode", problems, required=False)
    dtype = resolve(vocab, "datatype", cells(text, "datatype"), text, "datatype", problems)
    out = pd.DataFrame(
        {
            "platform": plat.canonical,
            "op_mode": mode.canonical.fillna(plat.op_mode).astype("string"),
            "datatype": dtype.canonical,
        }
    )
    for col, rule, required in (
        ("peak_tops", POSITIVE_TOPS, True),
        ("bandwidth_gbps", POSITIVE_GBPS, True),
        ("memory_gb", POSITIVE_GB, False),
        ("power_w", POSITIVE_W, False),
    ):
        raw = cells(text, col)
        out[col], p = parse_column(raw, lines, rule, file=text.name, column=col)
        problems += p
        if required:
            problems += [
                Problem(text.name, int(ln), col, "", "value is empty", f"write {rule.what}")
                for ln in lines[raw.fillna("") == ""]
            ]
    out["source"] = cells(text, "source")
    problems += [
        Problem(
            text.name,
            int(ln),
            "source",
            "",
            "source is empty",
            "cite where the facts come from (datasheet, paper, measurement)",
        )
        for ln in lines[out["source"].fillna("") == ""]
    ]
    return _finish(out, text, lines, problems)


def _original(text: CsvText, vocab: Vocabulary) -> pd.DataFrame:
    col = header_index(text)
    need = list(DATATYPES) + ["Memory Bandwidth", "Memory Capacity", "Power"]
    problems = [
        Problem(text.name, 1, c, None, "required column is missing", f"add the column {c!r}")
        for c in need
        if c not in col
    ]
    if problems:
        raise InputError(problems)
    rows = text.rows
    lines = rows[LINE]
    names = rows[0].astype("string").str.strip()
    plat = resolve(vocab, "platform", names, text, ORIGINAL_FIRST, problems)
    na = {"na", "n/a", ""}

    def number(column: str, rule: Rule) -> pd.Series:
        raw = rows[col[column]].astype("string").str.strip()
        raw = raw.where(~raw.str.lower().isin(na), "")
        values, p = parse_column(raw, lines, rule, file=text.name, column=column)
        problems.extend(p)
        return values

    bandwidth = number("Memory Bandwidth", POSITIVE_GBPS)
    memory = number("Memory Capacity", POSITIVE_GB)
    power = number("Power", POSITIVE_W)
    parts = []
    for dt in DATATYPES:
        peak = number(dt, POSITIVE_TOPS)
        part = pd.DataFrame(
            {
                "platform": plat.canonical,
                "op_mode": plat.op_mode,
                "datatype": dt,
                "peak_tops": peak,
                "bandwidth_gbps": bandwidth,
                "memory_gb": memory,
                "power_w": power,
                "source": text.name + ":" + lines.astype(str),
                LINE: lines,
            }
        )
        parts.append(part.loc[peak.notna()])
    out = pd.concat(parts).sort_values([LINE], kind="stable")
    for ln in lines[bandwidth.isna()]:
        problems.append(
            Problem(
                text.name, int(ln), "Memory Bandwidth", "", "value is empty", f"write {POSITIVE_GBPS.what}"
            )
        )
    return _finish(out.drop(columns=LINE), text, out[LINE], problems)


def _finish(out: pd.DataFrame, text: CsvText, lines: pd.Series, problems: list[Problem]) -> pd.DataFrame:
    out = out.assign(_file=text.name, _line=lines.to_numpy())
    problems += duplicate_keys(
        out,
        ["platform", "op_mode", "datatype"],
        file_col="_file",
        line_col="_line",
        what="platform, op mode and datatype",
    )
    if problems:
        raise InputError(problems)
    return out.reset_index(drop=True)
