"""Check measurement rows and turn their text into canonical names and typed numbers."""

from __future__ import annotations

import pandas as pd

from .errors import Problem, csv_line
from .io import LINE
from .parse import BATCH, PERCENT, POSITIVE_FPS, POSITIVE_GOP, POSITIVE_MS, PRUNING, WATTS, Rule, parse_column
from .vocabulary import Vocabulary

#: a row's line in the file it was converted from (1-based, the header is line 1)
ORIGIN_LINE = Rule("a line number, a whole number of at least 1", minimum=1, integer=True)

NUMERIC: dict[str, Rule] = {
    "batch": BATCH,
    "latency_system_ms": POSITIVE_MS,
    "latency_compute_ms": POSITIVE_MS,
    "throughput_system_fps": POSITIVE_FPS,
    "throughput_compute_fps": POSITIVE_FPS,
    "top1_pct": PERCENT,
    "top5_pct": PERCENT,
    "power_base_w": WATTS,
    "power_idle_w": WATTS,
    "power_full_w": WATTS,
    "gop_per_batch_reported": POSITIVE_GOP,
}


def check_measurements(
    text: pd.DataFrame, *, file: str, vocab: Vocabulary, topology_tasks: dict[str, str]
) -> tuple[pd.DataFrame, list[Problem]]:
    """Canonical names, typed numbers and every problem of one file's text rows.

    ``text`` comes from :func:`qutiflow.readers.measurements.read_measurement_file`; its
    ``attrs["labels"]`` give the file's own column names for messages. Returns the
    frame of :data:`qutiflow.schemas.VALIDATED_MEASUREMENTS` (without source_file;
    source_line is the row's line in ``file``). When ``text`` has the origin columns,
    the frame has them too: ``origin_file`` (categorical, null where empty) and
    ``origin_line`` (Int64); :func:`point_at_origin` puts them in the source columns.
    A row must fill both origin cells or neither.
    """
    labels = text.attrs.get("labels", {})
    lines = text[LINE]
    problems: list[Problem] = []
    out = pd.DataFrame(index=text.index)
    problems += _names(text, out, file=file, labels=labels, vocab=vocab)
    problems += _tasks(out, lines, file=file, labels=labels, topology_tasks=topology_tasks)
    problems += _pruning(text, out, file=file, labels=labels, vocab=vocab)
    for col, rule in NUMERIC.items():
        out[col], p = parse_column(text[col], lines, rule, file=file, column=labels.get(col, col))
        problems += p
    problems += _top1_source(text, out, file=file, labels=labels)
    problems += _empty(
        text, "batch", file=file, labels=labels, message="batch is empty", fix=f"write {BATCH.what}"
    )
    out["batch"] = out["batch"].round().astype("Int64")
    out["source_line"] = lines.astype("int64")
    if "origin_file" in text.columns or "origin_line" in text.columns:
        problems += _origin(text, out, file=file, labels=labels)
    for col, kind in (
        ("topology", "topology"),
        ("platform", "platform"),
        ("datatype", "datatype"),
        ("op_mode", "op_mode"),
        ("task", "task"),
    ):
        # a few distinct names per column: categoricals keep large tables small
        out[col] = pd.Categorical(out[col], categories=vocab.canonical_ids(kind))
    return out, problems


def _empty(
    text: pd.DataFrame, column: str, *, file: str, labels: dict[str, str], message: str, fix: str
) -> list[Problem]:
    """A problem per row whose ``column`` cell is empty (or blank)."""
    empty = text[column].str.strip() == ""
    return [Problem(file, int(ln), labels.get(column, column), "", message, fix) for ln in text[LINE][empty]]


def _names(
    text: pd.DataFrame, out: pd.DataFrame, *, file: str, labels: dict[str, str], vocab: Vocabulary
) -> list[Problem]:
    """Add the canonical topology, platform, datatype and op_mode (from its column or else
    the platform's name) to ``out``; the problems: unknown names, an op mode that
    contradicts the platform's, an empty name."""
    lines = text[LINE]
    problems: list[Problem] = []

    def names(kind: str, column: str) -> pd.Series:
        res = vocab.resolve(kind, text[column])
        problems.extend(
            vocab.unknown_problems(
                kind, text[column], res.unknown, lines, file=file, column=labels.get(column, column)
            )
        )
        return res

    topo = names("topology", "topology")
    plat = names("platform", "platform")
    dtype = names("datatype", "datatype")
    mode = names("op_mode", "op_mode")
    out["topology"] = topo.canonical
    out["platform"] = plat.canonical
    out["datatype"] = dtype.canonical
    conflict = mode.canonical.notna() & plat.op_mode.notna() & (mode.canonical != plat.op_mode)
    for ln, a, b in zip(lines[conflict], text.loc[conflict, "platform"], text.loc[conflict, "op_mode"]):
        problems.append(
            Problem(
                file,
                int(ln),
                labels.get("op_mode", "op_mode"),
                b,
                f"contradicts the op mode in the platform name {a!r}",
                "leave the op mode empty or make the two agree",
            )
        )
    out["op_mode"] = mode.canonical.fillna(plat.op_mode).astype("string")
    for kind in ("topology", "platform", "datatype"):
        problems += _empty(
            text, kind, file=file, labels=labels, message=f"{kind} is empty", fix=f"write the {kind} name"
        )
    return problems


def _tasks(
    out: pd.DataFrame, lines: pd.Series, *, file: str, labels: dict[str, str], topology_tasks: dict[str, str]
) -> list[Problem]:
    """Add each row's task (its topology's) to ``out``; a problem per topology without one."""
    out["task"] = out["topology"].map(topology_tasks).astype("string")
    no_task = out["topology"].notna() & out["task"].isna()
    return [
        Problem(
            file,
            int(ln),
            labels.get("topology", "topology"),
            t,
            "topology has no task",
            f"add a line '{csv_line(t, '<task>', '')}' to config/topologies.csv",
        )
        for ln, t in zip(lines[no_task], out.loc[no_task, "topology"])
    ]


def _pruning(
    text: pd.DataFrame, out: pd.DataFrame, *, file: str, labels: dict[str, str], vocab: Vocabulary
) -> list[Problem]:
    """Add pruning_pct (a number, or the number a pruning alias stands for) to ``out``; the
    problems of the column, an empty cell among them."""
    pruning_alias = vocab.resolve("pruning", text["pruning"])
    as_number = text["pruning"].where(pruning_alias.canonical.isna(), pruning_alias.canonical)
    out["pruning_pct"], problems = parse_column(
        as_number.astype(str), text[LINE], PRUNING, file=file, column=labels.get("pruning", "pruning")
    )
    return problems + _empty(
        text, "pruning", file=file, labels=labels, message="pruning is empty", fix=f"write {PRUNING.what}"
    )


def _top1_source(
    text: pd.DataFrame, out: pd.DataFrame, *, file: str, labels: dict[str, str]
) -> list[Problem]:
    """Add top1_source (measured or reference; empty = measured; null without a top-1) to
    ``out``; a problem per unknown source."""
    lines = text[LINE]
    source = text["top1_source"].fillna("").str.strip().str.lower()
    bad = ~source.isin(["", "measured", "reference"])
    out["top1_source"] = (
        source.where(source != "", "measured").where(out["top1_pct"].notna()).astype("string")
    )
    return [
        Problem(
            file,
            int(ln),
            labels.get("top1_source", "top1_source"),
            v,
            "unknown accuracy source",
            "write 'measured', 'reference' or leave the cell empty (= measured)",
        )
        for ln, v in zip(lines[bad], text.loc[bad, "top1_source"])
    ]


def _origin(text: pd.DataFrame, out: pd.DataFrame, *, file: str, labels: dict[str, str]) -> list[Problem]:
    """Add origin_file and origin_line to ``out``; the problems of the two columns."""
    lines = text[LINE]
    origin_file = (
        text["origin_file"] if "origin_file" in text.columns else pd.Series("", index=text.index)
    ).str.strip()
    origin_line = text["origin_line"] if "origin_line" in text.columns else pd.Series("", index=text.index)
    out["origin_line"], problems = parse_column(
        origin_line, lines, ORIGIN_LINE, file=file, column=labels.get("origin_line", "origin_line")
    )
    out["origin_line"] = out["origin_line"].round().astype("Int64")
    has_file = origin_file != ""
    has_line = origin_line.str.strip() != ""
    for ln, f, n in zip(
        lines[has_file != has_line], origin_file[has_file != has_line], origin_line[has_file != has_line]
    ):
        column = "origin_line" if f else "origin_file"
        problems.append(
            Problem(
                file,
                int(ln),
                labels.get(column, column),
                f or n,
                "a row names its origin file or its origin line, not both",
                "fill both origin_file and origin_line, or empty both",
            )
        )
    out["origin_file"] = pd.Categorical(origin_file.where(has_file))
    return problems


def point_at_origin(frame: pd.DataFrame) -> pd.DataFrame:
    """Source columns that name each row's origin where it has one.

    A row converted from another layout (``origin_file``, ``origin_line`` from
    :func:`check_measurements`) takes them as ``source_file`` and ``source_line``; the
    other rows keep theirs. The origin columns are dropped; ``source_file`` stays
    categorical, its categories the frame's own followed by the origin files in order of
    appearance. A frame without origin columns is returned as it is.

    >>> f = pd.DataFrame({"source_file": pd.Categorical(["m/a.csv", "m/b.csv"]),
    ...     "source_line": [2, 2], "origin_file": pd.Categorical(["orig.csv", None]),
    ...     "origin_line": pd.array([17, None], dtype="Int64")})
    >>> out = point_at_origin(f)
    >>> out["source_file"].tolist(), out["source_line"].tolist()
    (['orig.csv', 'm/b.csv'], [17, 2])
    """
    if "origin_file" not in frame.columns:
        return frame
    has = frame["origin_file"].notna().to_numpy()
    out = frame.drop(columns=["origin_file", "origin_line"])
    if not has.any():
        return out
    files = pd.Series(frame["source_file"], dtype="object")
    origins = pd.Series(frame["origin_file"], dtype="object")
    categories = (
        list(frame["source_file"].cat.categories)
        if isinstance(frame["source_file"].dtype, pd.CategoricalDtype)
        else list(dict.fromkeys(files))
    )
    categories += [o for o in dict.fromkeys(origins[has]) if o not in categories]
    out["source_file"] = pd.Categorical(files.where(~has, origins), categories=categories)
    out["source_line"] = frame["source_line"].where(~has, frame["origin_line"]).astype("int64")
    return out


def missing_op_counts(
    frame: pd.DataFrame,
    op_counts: pd.DataFrame,
    *,
    file_of_row: pd.Series,
    label_of_row: pd.Series | None = None,
) -> list[Problem]:
    """One problem per measured topology × pruning that has no op count and no file value."""
    measured = frame["latency_compute_ms"].notna() & frame["gop_per_batch_reported"].isna()
    known = set(zip(op_counts["topology"], op_counts["pruning_pct"]))
    problems = []
    rows = frame.loc[measured, ["topology", "pruning_pct", "source_line"]].dropna()
    labels = label_of_row if label_of_row is not None else pd.Series("topology", index=frame.index)
    first = rows.assign(file=file_of_row[rows.index], label=labels[rows.index]).drop_duplicates(
        ["topology", "pruning_pct"]
    )
    for t, p, ln, f, label in first.itertuples(index=False):
        if (t, p) not in known:
            problems.append(
                Problem(
                    f,
                    int(ln),
                    label,
                    f"{t} at {p:g} %",
                    "no operation count for this topology and pruning",
                    f"add a line '{csv_line(t, f'{p:g}', '<GOP per inference>', '<source>')}' "
                    "to config/op_counts.csv",
                )
            )
    return problems


def drop_placeholders(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, int]]:
    """Keep rows with a compute latency; count what was dropped and why."""
    measured = frame["latency_compute_ms"].notna()
    value_cols = [c for c in NUMERIC if c not in ("batch", "latency_compute_ms", "gop_per_batch_reported")]
    other = frame.loc[~measured, value_cols].notna().any(axis=1)
    counts = {
        "rows_in": int(len(frame)),
        "rows_out": int(measured.sum()),
        "placeholders_dropped": int((~measured & ~other).sum()),
        "system_only_dropped": int(other.sum()),
    }
    return frame.loc[measured].reset_index(drop=True), counts


def gop_fill(frame: pd.DataFrame, op_counts: pd.DataFrame) -> pd.DataFrame:
    """Add gop_per_inference, is_gop_filled, perf_system_gops and perf_compute_gops.

    A row whose file reported its operations (the master table's ``GOPS``: GOP per batch)
    keeps that value ÷ batch; every other row takes the op count of its topology and
    pruning from ``op_counts``.

    >>> import numpy as np
    >>> f = pd.DataFrame({"topology": ["CNV", "CNV"], "pruning_pct": [50.0, 50.0],
    ...     "batch": [2, 4], "gop_per_batch_reported": [0.25, np.nan],
    ...     "throughput_system_fps": [np.nan, 10.0], "throughput_compute_fps": [100.0, 20.0]})
    >>> oc = pd.DataFrame({"topology": ["CNV"], "pruning_pct": [50.0], "gop_per_inference": [0.12]})
    >>> gop_fill(f, oc)[["gop_per_inference", "is_gop_filled", "perf_compute_gops"]].values.tolist()
    [[0.125, False, 12.5], [0.12, True, 2.4]]
    """
    ref = op_counts[["topology", "pruning_pct", "gop_per_inference"]].rename(
        columns={"gop_per_inference": "_ref"}
    )
    out = frame.merge(ref, on=["topology", "pruning_pct"], how="left", validate="many_to_one")
    own = out["gop_per_batch_reported"] / out["batch"].astype("float64")
    out["is_gop_filled"] = own.isna().to_numpy()
    out["gop_per_inference"] = own.fillna(out["_ref"]).astype("float64")
    out["perf_system_gops"] = out["throughput_system_fps"] * out["gop_per_inference"]
    out["perf_compute_gops"] = out["throughput_compute_fps"] * out["gop_per_inference"]
    return out.drop(columns="_ref")
