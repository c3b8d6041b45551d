"""Readable HTML renderings of tables (every cell escaped)."""
from __future__ import annotations

import html

import pandas as pd

STYLE = ("body{font-family:sans-serif;margin:1em} table{border-collapse:collapse;margin:0 0 1.5em}"
         " th,td{border:1px solid #ccc;padding:2px 6px;font-size:13px;text-align:right}"
         " th{background:#f3f3f3} td:first-child,th:first-child{text-align:left}")


def page(title: str, sections: list[tuple[str, pd.DataFrame]], note: str = "") -> str:
    """An HTML page with one heading and table per section; ``to_html`` escapes cells."""
    body = [f"<h1>{html.escape(title)}</h1>"]
    if note:
        body.append(f"<p>{html.escape(note)}</p>")
    for heading, frame in sections:
        body.append(f"<h2>{html.escape(heading)}</h2>")
        body.append(frame.to_html(index=False, escape=True, na_rep="", border=0,
                                  float_format=lambda v: f"{v:.6g}"))
    return ("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"UTF-8\">\n"
            f"<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


def by_platform(frame: pd.DataFrame, column: str = "platform_label", *,
                limit: int | None = None) -> list[tuple[str, pd.DataFrame]]:
    """One section per value of ``column``, in order of first appearance; with ``limit``,
    at most that many rows each, the heading saying how many were left out."""
    sections = []
    for key, part in frame.groupby(column, sort=False, observed=True):
        heading = str(key)
        if limit is not None and len(part) > limit:
            heading += f" (first {limit} of {len(part)} rows; all are in the Parquet file)"
            part = part.iloc[:limit]
        sections.append((heading, part.drop(columns=column)))
    return sections


def overview_grid(overview: pd.DataFrame) -> pd.DataFrame:
    """Platforms as rows, topologies as columns, cells 'INT8 · 100, 80 % · batch 1, 2'."""
    if overview.empty:
        return pd.DataFrame({"platform": []})
    cell = (overview["datatypes"] + " · " + overview["pruning_pcts"] + " % · batch "
            + overview["batches"])
    grid = overview.assign(cell=cell).pivot(index="platform_label", columns="topology", values="cell")
    grid = grid.reindex(index=list(dict.fromkeys(overview["platform_label"])),
                        columns=list(dict.fromkeys(overview["topology"])))
    return grid.fillna("–").reset_index().rename(columns={"platform_label": "platform"})
