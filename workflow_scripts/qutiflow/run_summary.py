"""The closing summary of a run, read from its results folder.

After a successful run: what the run built (tables, figures, site pages, counted from the
files it made), what the steps dropped or filled (counts from the step logs
``{results}/logs/*.log``, as the entry scripts write them), the warnings of those logs, and
as the last line the site to open. After a failed run: one line saying that the results
are those of the last good run (:mod:`qutiflow.rollback` put them back) and where the
failed run's logs are. No Snakemake import; the Snakefile's hooks call it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

LOGS = "logs"
SITE_INDEX = "site/index.html"
SHOWN_WARNINGS = 3


@dataclass(frozen=True)
class Pattern:
    """A count one rule's log states: ``regex``'s first group, summed over the rule's logs
    (``count_lines``: the number of matching lines instead)."""

    what: str
    rule: str
    regex: str
    count_lines: bool = False


#: what the step logs say was dropped or filled; the messages are those of the entry scripts
PATTERNS = [
    Pattern(
        "placeholder measurement rows dropped (no measured value)",
        "validate_measurements",
        r"dropped (\d+) placeholder rows with no measured value",
    ),
    Pattern(
        "measurement rows dropped (system values but no compute latency)",
        "validate_measurements",
        r"dropped (\d+) rows with system values but no compute",
    ),
    Pattern(
        "op counts (GOP per inference) filled from the op-count table",
        "normalise_measurements",
        r"gop_per_inference: \d+ rows from their own file, (\d+) from",
    ),
    Pattern("power-trace outliers dropped", "plot_power_traces", r"\d+ samples kept, (\d+) outliers dropped"),
    Pattern(
        "predictions without a reference accuracy left out of the theoretical fronts",
        "predict_roofline",
        r"\((\d+) predictions without a reference accuracy left out",
    ),
    Pattern(
        "configurations without accuracy left out of the measured fronts",
        "analyse_measured",
        r"; (\d+) without accuracy left out of the front",
    ),
    Pattern(
        "architecture defaults filled in for the level-1 model",
        "score_fidelity",
        r"architecture default: ",
        count_lines=True,
    ),
]


@dataclass(frozen=True)
class Count:
    what: str
    rule: str
    n: int


@dataclass(frozen=True)
class Summary:
    """What :func:`success_lines` prints."""

    files: int
    tables: int
    figures: int
    pages: int
    counts: list[Count]
    warnings: list[str]
    site_index: bool


def built(made: Iterable[str]) -> tuple[int, int, int]:
    """Tables (Parquet files outside the site), figures (one Vega-Lite spec each) and site
    pages among the paths a run made (relative to the results folder).

    >>> built(["normalised/m.parquet", "site/data/m.parquet", "all/figures/r.vl.json",
    ...        "all/figures/r.svg", "site/index.html", "cifar10/figures/r.html"])
    (1, 1, 1)
    """
    made = [p.replace("\\", "/") for p in made]
    tables = sum(p.endswith(".parquet") and not p.startswith("site/") for p in made)
    figures = sum(p.endswith(".vl.json") and "/figures/" in f"/{p}" for p in made)
    pages = sum(p.startswith("site/") and p.endswith(".html") and p.count("/") == 1 for p in made)
    return tables, figures, pages


def _rule_of(log_name: str, rule: str) -> bool:
    stem = log_name.removesuffix(".log")
    return stem == rule or stem.startswith(f"{rule}_")


def log_counts(logs: Mapping[str, str]) -> list[Count]:
    """The counts of :data:`PATTERNS` that the logs (name → text) state, in that order; a
    count whose message no log of its rule holds is left out.

    >>> log_counts({"validate_measurements.log":
    ...             "INFO [validate_measurements] dropped 2 placeholder rows with no measured value"})
    [Count(what='placeholder measurement rows dropped (no measured value)', rule='validate_measurements', n=2)]
    """
    counts = []
    for pattern in PATTERNS:
        regex = re.compile(pattern.regex)
        found, total = False, 0
        for name, text in sorted(logs.items()):
            if not _rule_of(name, pattern.rule):
                continue
            for line in text.splitlines():
                m = regex.search(line)
                if m:
                    found = True
                    total += 1 if pattern.count_lines else int(m.group(1))
        if found:
            counts.append(Count(pattern.what, pattern.rule, total))
    return counts


def log_warnings(logs: Mapping[str, str]) -> list[str]:
    """Every WARNING line of the logs (name → text), by log name then line.

    >>> log_warnings({"b.log": "INFO [b] ok\\nWARNING [b] odd", "a.log": "WARNING [a] x"})
    ['WARNING [a] x', 'WARNING [b] odd']
    """
    return [
        line for _, text in sorted(logs.items()) for line in text.splitlines() if line.startswith("WARNING")
    ]


def read_logs(results: str | Path) -> dict[str, str]:
    """The step logs directly under ``{results}/logs`` (not the failed run's), name → text."""
    folder = Path(results) / LOGS
    return {
        p.name: p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(folder.glob("*.log"))
        if p.is_file()
    }


def summarise(results: str | Path, made: Iterable[str]) -> Summary:
    """The summary of a successful run that made ``made`` (paths relative to results);
    dot-paths (the figures' render cache) are not results and are not counted."""
    made = [p for p in made if not any(part.startswith(".") for part in p.replace("\\", "/").split("/"))]
    logs = read_logs(results)
    tables, figures, pages = built(made)
    return Summary(
        files=len(made),
        tables=tables,
        figures=figures,
        pages=pages,
        counts=log_counts(logs),
        warnings=log_warnings(logs),
        site_index=(Path(results) / SITE_INDEX).is_file(),
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def success_lines(summary: Summary, results: str, *, shown_warnings: int = SHOWN_WARNINGS) -> list[str]:
    """The closing lines; ``results`` is the results folder as the run names it. The last
    line is ``open {results}/site/index.html`` when the site exists.

    >>> s = Summary(files=9, tables=2, figures=1, pages=1, site_index=True,
    ...             counts=[Count("placeholder rows dropped", "validate_measurements", 1)],
    ...             warnings=[])
    >>> print("\\n".join(success_lines(s, "results")))
    qutiflow: done; this run wrote 9 files under results: 2 tables, 1 figure, 1 site page
      dropped or filled (from the step logs in results/logs):
        validate_measurements: 1 placeholder rows dropped
      warnings: none
    open results/site/index.html
    """
    lines = [
        f"qutiflow: done; this run wrote {_plural(summary.files, 'file')} under {results}: "
        f"{_plural(summary.tables, 'table')}, {_plural(summary.figures, 'figure')}, "
        f"{_plural(summary.pages, 'site page')}"
    ]
    logs = f"{results}/{LOGS}"
    if summary.counts:
        lines.append(f"  dropped or filled (from the step logs in {logs}):")
        lines += [f"    {c.rule}: {c.n} {c.what}" for c in summary.counts]
    if summary.warnings:
        shown = summary.warnings[:shown_warnings]
        lines.append(
            f"  warnings: {len(summary.warnings)} in the step logs in {logs}"
            + (f"; the first {len(shown)}:" if len(shown) < len(summary.warnings) else ":")
        )
        lines += [f"    {w}" for w in shown]
    else:
        lines.append("  warnings: none")
    if summary.site_index:
        lines.append(f"open {results}/{SITE_INDEX}")
    return lines


def failed_logs(folder: str | Path) -> list[str]:
    """The names of the logs in ``folder`` that hold an ERROR line."""
    return [
        p.name
        for p in sorted(Path(folder).glob("*.log"))
        if any(
            line.startswith("ERROR") for line in p.read_text(encoding="utf-8", errors="replace").splitlines()
        )
    ]


def failure_line(results: str, restored: str, *, nothing_lost: bool, errors: list[str]) -> str:
    """The line after a failed run: ``restored`` is what the rollback did
    (:meth:`qutiflow.rollback.Restored.summary`), ``errors`` the logs with an error.

    >>> failure_line("out", "results restored to the last good run: 3 files put back",
    ...              nothing_lost=True, errors=["validate_measurements.log"])
    'qutiflow: the run failed and nothing under out changed: results restored to the last good run: 3 files put back (errors in validate_measurements.log)'
    """
    head = (
        f"qutiflow: the run failed and nothing under {results} changed: "
        if nothing_lost
        else "qutiflow: the run failed; "
    )
    return head + restored + (f" (errors in {', '.join(errors)})" if errors else "")
