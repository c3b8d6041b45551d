"""Values that parse and pass their bounds, yet are probably slips: warnings, not errors.

Each check returns :class:`~qutiflow.errors.Problem` items naming the file and line of
the row (for a converted row, its original file and line), the column and the value.
The steps log them as warnings (:func:`warning_lines`), so they reach the run's closing
summary; the run goes on, because each can be a true measurement.

* :func:`thousands_separators`: ``"1,250"`` is read as 1250, which is right only when
  the comma separates thousands (in many locales it is the decimal mark).
* :func:`inconsistent_rows`: throughput × latency ÷ batch far from 1 (more than
  :data:`APART` times either way: a latency in seconds, fps per batch), and an accuracy
  of at most 1 where a percentage is expected (a fraction: 0.7782 for 77.82 %).
* :func:`repeated_configurations`: one configuration measured more than once with
  values more than 2× apart.
* :func:`above_peak`: a measured throughput of more than 2× the platform's peak for
  its datatype (a wrong op count, a wrong catalogue peak, or a sparse peak used as dense).
"""

from __future__ import annotations

import pandas as pd

from .errors import Problem, shown
from .parse import _THOUSANDS

#: throughput × latency ÷ batch beyond this factor either way is a warning
APART = 10
#: repeated measurements, and a measured rate above the peak, beyond this factor
SPREAD = 2
#: warnings of one kind in one file that are written out; the rest are counted
SHOWN = 10

#: the columns that name one configuration (a row of the validated measurements)
CONFIG = ["topology", "pruning_pct", "platform", "op_mode", "datatype", "batch"]


def thousands_separators(text: pd.DataFrame, columns, *, file: str, line: pd.Series) -> list[Problem]:
    """Numeric text cells written with a thousands separator (``1,250``, ``12,500.5``)."""
    labels = text.attrs.get("labels", {})
    out = []
    for col in columns:
        cells = text[col].astype("string").str.strip().str.removesuffix("%")
        hit = cells.str.match(_THOUSANDS).fillna(False).astype(bool)
        for ln, value in zip(line[hit], text.loc[hit, col]):
            out.append(
                Problem(
                    file,
                    int(ln),
                    labels.get(col, col),
                    value,
                    f"read as {value.replace(',', '')}, with the comma as a thousands separator",
                    "write the number without separators (and a '.' as the decimal mark)",
                )
            )
    return out


def _where(frame: pd.DataFrame, mask: pd.Series):
    return zip(frame.loc[mask, "source_file"].astype(str), frame.loc[mask, "source_line"].astype(int))


def inconsistent_rows(frame: pd.DataFrame) -> list[Problem]:
    """Rows whose throughput, latency and batch disagree, or whose accuracy is a fraction."""
    out = []
    for kind in ("compute", "system"):
        lat, fps = f"latency_{kind}_ms", f"throughput_{kind}_fps"
        ratio = frame[fps] * frame[lat] / 1000 / frame["batch"]
        bad = ((ratio > APART) | (ratio < 1 / APART)).fillna(False).astype(bool)
        for (file, ln), r, l_ms, f, b in zip(
            _where(frame, bad), ratio[bad], frame.loc[bad, lat], frame.loc[bad, fps], frame.loc[bad, "batch"]
        ):
            out.append(
                Problem(
                    file,
                    ln,
                    f"{lat}, {fps}",
                    f"{l_ms:g} ms, {f:g} fps",
                    f"at batch {b} they imply {b * 1000 / l_ms:.4g} fps, {max(r, 1 / r):.0f}× apart",
                    "check the units (a latency in seconds, a throughput per batch) and the batch",
                )
            )
    for col in ("top1_pct", "top5_pct"):
        bad = (frame[col] <= 1).fillna(False).astype(bool)
        for (file, ln), v in zip(_where(frame, bad), frame.loc[bad, col]):
            out.append(
                Problem(
                    file, ln, col, f"{v:g}", "an accuracy of at most 1 %: a fraction?",
                    f"write the accuracy in percent ({v * 100:g} for {v:g})",
                )
            )  # fmt: skip
    return out


def repeated_configurations(frame: pd.DataFrame) -> list[Problem]:
    """Configurations measured more than once whose latencies (or throughputs) are more
    than :data:`SPREAD` times apart; each row of such a group is named."""
    out = []
    for col in ("latency_compute_ms", "throughput_compute_fps"):
        present = frame[frame[col].notna()]
        groups = present.groupby(CONFIG, dropna=False, observed=True)[col]
        low, high = groups.transform("min"), groups.transform("max")
        bad = (high > SPREAD * low).astype(bool)
        for (file, ln), v, lo, hi in zip(_where(present, bad), present.loc[bad, col], low[bad], high[bad]):
            out.append(
                Problem(
                    file,
                    ln,
                    col,
                    f"{v:g}",
                    f"the same configuration is measured from {lo:g} to {hi:g} ({hi / lo:.1f}× apart)",
                    "keep the measurement that is right, or tell the runs apart (batch, op_mode)",
                )
            )
    return out


def above_peak(measurements: pd.DataFrame, predictions: pd.DataFrame) -> list[Problem]:
    """Rows whose measured GOP/s exceed :data:`SPREAD` × the platform's peak for their
    datatype and op mode (``peak_tops`` of the roofline predictions)."""
    peaks = predictions[["platform", "op_mode", "datatype", "peak_tops"]].drop_duplicates()
    keys = ["platform", "op_mode", "datatype"]
    rows = measurements.astype({k: str for k in keys}).merge(
        peaks.astype({k: str for k in keys}), on=keys, how="left"
    )
    ratio = rows["perf_compute_gops"] / (rows["peak_tops"] * 1000)
    bad = (ratio > SPREAD).fillna(False).astype(bool)
    out = []
    for (file, ln), g, peak, r in zip(
        _where(rows, bad), rows.loc[bad, "perf_compute_gops"], rows.loc[bad, "peak_tops"], ratio[bad]
    ):
        out.append(
            Problem(
                file,
                ln,
                "perf_compute_gops",
                f"{g:.4g}",
                f"{r:.1f}× the platform's peak of {peak:g} TOP/s for this datatype",
                "check the throughput, the network's op count and the catalogue's peak "
                "(a dense peak, for this op mode)",
            )
        )
    return out


def warning_lines(problems: list[Problem], *, shown_per_kind: int = SHOWN) -> list[str]:
    """One line per problem, at most ``shown_per_kind`` per (file, message kind), then a count.

    >>> p = Problem("m.csv", 4, "top1_pct", "0.77", "an accuracy of at most 1 %: a fraction?", "x")
    >>> warning_lines([p, p, p], shown_per_kind=2)  # doctest: +NORMALIZE_WHITESPACE
    ["m.csv:4: top1_pct '0.77': an accuracy of at most 1 %: a fraction?; x",
     "m.csv:4: top1_pct '0.77': an accuracy of at most 1 %: a fraction?; x",
     'm.csv: 1 more like this (top1_pct)']
    """
    lines, seen = [], {}
    for p in problems:
        kind = (p.file, p.column, p.fix)
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] <= shown_per_kind:
            lines.append(f"{p.where()}: {p.column} {shown(p.value)}: {p.message}; {p.fix}")
    for (file, column, _), n in seen.items():
        if n > shown_per_kind:
            lines.append(f"{file}: {n - shown_per_kind} more like this ({column})")
    return lines
