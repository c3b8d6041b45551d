"""Rule build_site: the static website {results}/site/, opened from disk, no network.

Inputs: the artifact catalogue (config/artifacts.yaml: which figures each page embeds,
with their headings; which downloads each page lists, and what they hold); under results,
the figure specs each page embeds ({task}/figures/*.vl.json, all/figures/*.vl.json,
fidelity/figures/*.vl.json); the tables shown and offered for download (the catalogue's
tables: {task}/measurements, predictions, ..., all/rooflines, normalised/platforms, ...,
all .parquet); vendor/vega-bundle.js; the caption file of each figure (report/captions/*.rst, named by the
catalogue: the report's captions); and, read through qutiflow.provenance.store.lookup, the provenance
record of each figure (a figure without one says "no provenance record"). Optional: the config
key ``changes``, a difference to the previous publication written by ``python -m
qutiflow.audit diff --json`` (cluster/regenerate.py passes it), shown on the index page as
"What changed in this release".
Outputs under site/: index.html, <task>.html per task, theoretical.html, fidelity.html,
raw_measurements.html, overview.html, style.css, vendor/vega-bundle.js (the one copy the
chart pages load) and data/<name>.{csv,parquet} (Parquet copied byte for byte, units in
its metadata; CSV written from it). Params: results, tasks, downloads (name → table under
the results: what the rule declared as the data files).
The same inputs and records give byte-identical files (fixed order, no time stamps).
"""

import json
import os
import time
from pathlib import Path

from qutiflow import artifacts, io, logs
from qutiflow.provenance.store import lookup
from qutiflow.site import contents, downloads, pages


def main(*, results, tasks, bundle, site, catalogue, schema, data, changes=None, log=None):
    """``catalogue``, ``schema``: the artifact catalogue's file and its schema; ``data``:
    download name → table (relative to ``results``)."""
    start = time.perf_counter()
    log_ = logs.setup(log, "build_site")
    results, site = Path(results), Path(site)
    cat = artifacts.load(catalogue, schema)
    files: dict[str, bytes] = {}
    frames = _publish(data, results, site)
    figures = [f for p in contents.pages(tasks, cat) for f in p.figures]
    specs = {f.spec: (results / f.spec).read_text(encoding="utf-8") for f in figures}
    records = {f.svg: lookup(results, results / f.svg) for f in figures}
    # each figure's one caption, the report's (config/artifacts.yaml names the files)
    captions = {
        c: (artifacts.WORKFLOW / c).read_text(encoding="utf-8") for c in contents.caption_files(tasks, cat)
    }
    missing = sorted(svg for svg, r in records.items() if r is None)
    difference = _difference(changes)
    for name, body in pages.render(
        pages.Inputs(
            tasks=list(tasks),
            frames=frames,
            specs=specs,
            records=records,
            changes=difference,
            catalogue=cat,
            captions=captions,
        )
    ).items():
        files[name] = body.encode("utf-8")
    files[contents.BUNDLE_FILE] = Path(bundle).read_bytes()
    for name in sorted(files):
        io.write_bytes(files[name], site / name)
    _log_written(log_, files, frames=frames, figures=figures, missing=missing, site=site)
    log_.info("done in %.2f s", time.perf_counter() - start)


def _publish(data: dict[str, str], results: Path, site: Path) -> dict:
    """Write each download (name → table under ``results``) under ``site`` as Parquet and
    CSV; name → its table. Written one at a time, the CSV in batches: memory follows the
    largest table."""
    frames = {}
    for name, source in data.items():
        table = downloads.publish(results / source, site, name)
        frames[name] = table.to_pandas()
        del table
    return frames


def _difference(changes: str | None) -> dict | None:
    """The difference to the previous publication (``python -m qutiflow.audit diff --json``),
    None without one."""
    difference = json.loads(Path(changes).read_text(encoding="utf-8")) if changes else None
    if difference is not None and not {"summary", "source_lines"} <= set(difference):
        raise RuntimeError(
            f"{changes}: fields summary and source_lines missing; write the file "
            "with python -m qutiflow.audit diff OLD NEW --json FILE"
        )
    return difference


def _log_written(
    log_, files: dict[str, bytes], *, frames: dict, figures: list, missing: list[str], site: Path
) -> None:
    """Log what was written: pages, data files, figures (and those without a record)."""
    log_.info(
        "wrote %d pages, %d data files (%d data sets) and the Vega bundle to %s",
        sum(n.endswith(".html") for n in files),
        2 * len(frames),
        len(frames),
        site,
    )
    log_.info(
        "%d figures embedded; %d without a provenance record%s",
        len(figures),
        len(missing),
        (": " + ", ".join(missing)) if missing else "",
    )
    log_.info(
        "pages: %s",
        ", ".join(f"{n} ({len(files[n]) // 1024} KiB)" for n in sorted(files) if n.endswith(".html")),
    )


if "snakemake" in globals():
    logs.run_entry(
        main,
        snakemake,
        results=snakemake.params.results,
        tasks=list(snakemake.params.tasks),
        bundle=snakemake.input.bundle,
        site=os.path.dirname(snakemake.output.index),
        catalogue=snakemake.input.catalogue,
        schema=snakemake.input.catalogue_schema,
        data=dict(snakemake.params.downloads),
        changes=snakemake.input.changes[0] if snakemake.input.changes else None,
        log=snakemake.log[0],
    )
