"""The closing summary of a run, read from its results folder.

After a successful run: what the run built (tables, figures, site pages, counted from the
files it made), what the steps dropped or filled and the warnings they logged (the
``counts`` and ``warnings`` each job writes into its provenance record, a declared output:
``qutiflow.logs.tally``), and as the last line the site to open. After a failed run: one line saying that the results
are those of the last good run (:mod:`qutiflow.rollback` put them back) and where the
failed run's logs are. No Snakemake import; the Snakefile's hooks call it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .provenance.store import load_records

LOGS = "logs"
SITE_INDEX = "site/index.html"
SHOWN_WARNINGS = 3


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


def record_counts(records: Iterable[dict]) -> list[Count]:
    """What the jobs' records say they dropped or filled: each ``what`` summed per rule, in
    the order of the records (by file name) and of their counts.

    >>> record_counts([{"rule": "v", "counts": [{"what": "rows dropped", "n": 2}]},
    ...                {"rule": "p", "counts": []}, {"rule": "v", "counts": [{"what": "rows dropped", "n": 1}]}])
    [Count(what='rows dropped', rule='v', n=3)]
    """
    totals: dict[tuple[str, str], int] = {}
    for record in records:
        for count in record.get("counts", []):
            key = (record["rule"], count["what"])
            totals[key] = totals.get(key, 0) + int(count["n"])
    return [Count(what, rule, n) for (rule, what), n in totals.items()]


def record_warnings(records: Iterable[dict]) -> list[str]:
    """Every warning the jobs' records hold, in the order of the records and of the lines.

    >>> record_warnings([{"warnings": ["WARNING [a] x"]}, {"warnings": []}, {}])
    ['WARNING [a] x']
    """
    return [w for record in records for w in record.get("warnings", [])]


def summarise(results: str | Path, made: Iterable[str]) -> Summary:
    """The summary of a successful run that made ``made`` (paths relative to results);
    dot-paths (the figures' render cache) are not results and are not counted."""
    made = [p for p in made if not any(part.startswith(".") for part in p.replace("\\", "/").split("/"))]
    records = load_records(results)
    tables, figures, pages = built(made)
    return Summary(
        files=len(made),
        tables=tables,
        figures=figures,
        pages=pages,
        counts=record_counts(records),
        warnings=record_warnings(records),
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
      dropped or filled (the details are in the step logs in results/logs):
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
        lines.append(f"  dropped or filled (the details are in the step logs in {logs}):")
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
