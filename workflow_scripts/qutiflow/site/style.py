"""The site's stylesheet (system fonts only: nothing is loaded from the web)."""

CSS = """\
:root { --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --tint: #f6f8fa; --accent: #0b5cad; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; }
a { color: var(--accent); }
code { font: 0.86em/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  background: var(--tint); padding: 0 0.25em; border-radius: 3px; }
header { background: #16324f; color: #fff; padding: 0.6em 1.5em 0; }
header .brand { margin: 0 0 0.4em; font-size: 1.05em; }
header .brand a { color: #fff; font-weight: 700; text-decoration: none; margin-right: 0.6em; }
header .brand span { color: #c9d6e3; }
nav.site ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.2em; }
nav.site a { display: block; padding: 0.45em 0.8em; color: #e6edf3; text-decoration: none;
  border-radius: 4px 4px 0 0; }
nav.site a:hover { background: #24496f; }
nav.site a[aria-current="page"] { background: #fff; color: var(--ink); font-weight: 600; }
main { max-width: 1600px; margin: 0 auto; padding: 1em 1.5em 2em; }
h1 { font-size: 1.9em; margin: 0.4em 0 0.3em; }
h2 { font-size: 1.45em; margin: 1.6em 0 0.4em; padding-bottom: 0.2em; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.15em; margin: 1.4em 0 0.3em; }
h4 { font-size: 1em; margin: 1.2em 0 0.3em; }
p, li { max-width: 52em; }
.lead { font-size: 1.08em; }
.facts { color: var(--muted); }
nav.toc { background: var(--tint); border: 1px solid var(--line); border-radius: 6px;
  padding: 0.5em 1.2em; margin: 1em 0; }
nav.toc h2 { font-size: 1em; margin: 0.2em 0; border: 0; padding: 0; }
nav.toc ol { margin: 0.2em 0 0.4em; padding-left: 1.4em; columns: 2 18em; }
section.figure { margin: 1.5em 0 2.5em; }
figure { margin: 0.8em 0 0; }
.chart-view { overflow-x: auto; max-width: 100%; padding: 0.4em 0; min-height: 60px; }
.chart-view.fit { width: 100%; max-width: 1200px; overflow-x: visible; }
p.no-data { background: var(--tint); border: 1px dashed var(--line); border-radius: 6px;
  padding: 0.8em 1.2em; max-width: 40em; }
.chart-view .vega-bindings { display: flex; flex-wrap: wrap; gap: 0.2em 1.2em; font-size: 14px;
  margin-top: 0.3em; }
.chart-view .vega-bind label { display: inline-flex; align-items: center; gap: 0.3em; cursor: pointer; }
figcaption { margin-top: 0.3em; }
.provenance { font-size: 0.82em; color: var(--muted); border-left: 3px solid var(--line);
  padding: 0.1em 0 0.1em 0.7em; }
.provenance p { margin: 0.2em 0; }
.provenance summary { cursor: pointer; }
.provenance ul.inputs { margin: 0.2em 0 0.4em; padding-left: 1.2em; }
.provenance code { background: none; padding: 0; }
.provenance .hash { color: #6e7781; }
.table-wrap { overflow-x: auto; max-width: 100%; margin: 0.5em 0 1.4em; }
table { border-collapse: collapse; font-size: 13px; }
caption { text-align: left; font-weight: 600; padding: 0.2em 0; }
th, td { border: 1px solid var(--line); padding: 2px 7px; text-align: left; white-space: nowrap; }
thead th { background: var(--tint); position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background: #fbfcfd; }
.empty, .note { color: var(--muted); font-style: italic; }
dl.models dt { font-weight: 600; margin-top: 0.7em; }
dl.models dd { margin: 0.1em 0 0 1.2em; max-width: 50em; }
ul.pages { padding-left: 1.2em; }
ul.pages li { margin: 0.35em 0; }
table.downloads { font-size: 14px; }
table.downloads td { padding: 3px 9px; }
footer { border-top: 1px solid var(--line); color: var(--muted); font-size: 0.85em;
  max-width: 1600px; margin: 0 auto; padding: 0.8em 1.5em 2em; }
"""
