"""The difference between two runs (:func:`.diff.compare`) as text: Markdown for the console
and CHANGES.md, one summary line for logs, one line per source change (which the site's
index shows, qutiflow.site.changes)."""

from __future__ import annotations

#: rows named per list before "and N more"
ROW_LIMIT = 20


def _short(digest: str | None) -> str:
    return digest[:12] if digest else "none"


def _listed(items: list[str]) -> str:
    more = f"; and {len(items) - ROW_LIMIT} more" if len(items) > ROW_LIMIT else ""
    return "; ".join(items[:ROW_LIMIT]) + more


def source_lines(diff: dict) -> list[str]:
    """One line per source change (raw input, code file, param, version, job)."""
    src = diff["sources"]
    out = []
    for path, c in src["inputs"].items():
        if c["new"] is None:
            out.append(f"{path}: removed")
            continue
        text = (
            f"{path}: new file (sha256 {_short(c['new'])})"
            if c["old"] is None
            else f"{path}: changed (sha256 {_short(c['old'])} → {_short(c['new'])})"
        )
        r = c.get("rows") or {}
        if c["old"] is None and r.get("new_lines"):
            text += f", lines {r['new_lines']}"
        elif r.get("new_lines") or r.get("old_lines"):
            text += f", lines {r['old_lines'] or 'none'} (old) / {r['new_lines'] or 'none'} (new)"
        for kind in ("changed", "added", "removed"):
            if r.get(kind):
                text += f"; rows {kind}: {_listed(r[kind])}"
        out.append(text)
    for table, r in diff.get("tables", {}).items():
        for kind in ("changed", "added", "removed"):
            if r[kind]:
                out.append(f"{table.removeprefix('results/')}: rows {kind}: {_listed(r[kind])}")
    for path, c in src["code"].items():
        state = "new" if c["old"] is None else "removed" if c["new"] is None else "changed"
        out.append(f"{path}: code {state} (sha256 {_short(c['old'])} → {_short(c['new'])})")
    for job, keys in src["params"].items():
        for key, c in keys.items():
            out.append(f"params of {job}: {key} = {c['old']!r} → {c['new']!r}")
    for name, c in src["versions"].items():
        out.append(f"package {name}: {c['old']} → {c['new']}")
    for kind in ("added", "removed"):
        for job in src["jobs"][kind]:
            out.append(f"job {job} {kind}")
    return out


def _where(r: dict) -> str:
    """Where a file changed, short: its lines, or how many rows."""
    if r.get("new_lines") or r.get("old_lines"):
        lines = r.get("new_lines") or r.get("old_lines")
        return f"line {lines}" if lines.isdigit() else f"lines {lines}"
    n = {k: len(r[k]) for k in ("changed", "added", "removed") if r[k]}
    return ", ".join(f"{v} row{'s' if v > 1 else ''} {k}" for k, v in n.items())


def _reason(source: str, chain: list[str], *, inputs: dict) -> str:
    c = inputs.get(source)
    what = source
    if c is not None:
        state = "is new" if c["old"] is None else "was removed" if c["new"] is None else "changed"
        what = f"{source} {state}" + (f" ({_where(c['rows'])})" if c.get("rows") else "")
    elif not source.startswith(("params of", "package", "job", "no recorded")):
        what = f"{source} changed"
    rest = (
        [p.removeprefix("results/") for p in chain[1:]]
        if chain[0] == source
        else [p.removeprefix("results/") for p in chain]
    )
    return " → ".join([what, *rest[:-1]]) if len(rest) > 1 else what


def artifact_lines(diff: dict) -> list[str]:
    """One line per artifact added, removed or changed, with each reason's chain."""
    inputs = diff["sources"]["inputs"]
    out = []
    for a in diff["artifacts"]:
        path = a["path"].removeprefix("results/")
        if a["change"] == "removed":
            out.append(f"{path} removed")
            continue
        reasons = [_reason(r["source"], r["chain"], inputs=inputs) for r in a["reasons"]]
        out.append(f"{path} {a['change']} because " + "; and ".join(reasons))
    return out


def counts(diff: dict) -> dict[str, int]:
    found = {"changed": 0, "added": 0, "removed": 0}
    for a in diff["artifacts"]:
        found[a["change"]] += 1
    return {**found, "unchanged": diff["unchanged"]}


def summary(diff: dict) -> str:
    """One line: what changed, counted.

    >>> summary({"sources": {"inputs": {"raw_data/a.csv": {}}, "code": {}, "params": {},
    ...          "versions": {}, "jobs": {"added": [], "removed": []}},
    ...          "artifacts": [{"change": "changed"}], "unchanged": 9, "differs": True})
    'changes: 1 input file, 0 code files, 0 params, 0 package versions; artifacts: 1 changed, 0 added, 0 removed, 9 unchanged'
    """
    if not diff["differs"]:
        return f"no changes: {diff['unchanged']} artifacts unchanged"
    s, n = diff["sources"], counts(diff)

    def many(k: int, word: str) -> str:
        return f"{k} {word}" + ("" if k == 1 else "s")

    return (
        f"changes: {many(len(s['inputs']), 'input file')}, {many(len(s['code']), 'code file')}, "
        f"{sum(len(v) for v in s['params'].values())} params, "
        f"{many(len(s['versions']), 'package version')}; artifacts: {n['changed']} changed, "
        f"{n['added']} added, {n['removed']} removed, {n['unchanged']} unchanged"
    )


def markdown(diff: dict, *, title: str | None = None) -> str:
    """The whole difference as Markdown (CHANGES.md)."""
    lines = [
        f"# {title or 'What changed'}",
        "",
        f"Compared: `{diff['old']}` (old) and `{diff['new']}` (new).",
        "",
        summary(diff) + ".",
        "",
    ]
    if not diff["differs"]:
        return "\n".join(lines)
    lines += ["## What changed in the inputs, code and environment", ""]
    lines += [f"- {ln}" for ln in source_lines(diff)] or ["- nothing"]
    n = counts(diff)
    lines += [
        "",
        f"## Artifacts ({n['changed']} changed, {n['added']} added, {n['removed']} "
        f"removed; {n['unchanged']} unchanged, not listed)",
        "",
    ]
    lines += [f"- {ln}" for ln in artifact_lines(diff)] or ["- none"]
    return "\n".join(lines) + "\n"
