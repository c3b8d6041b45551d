"""Rule build_site: the static website {results}/site/, opened from disk, no network.

Inputs (under results): the figure specs each page embeds ({task}/figures/*.vl.json,
all/figures/*.vl.json, fidelity/figures/*.vl.json); the tables shown and offered for
download ({task}/measurements, predictions, pareto_theoretical, pareto_measured, efficiency and tables/overview;
all/rooflines; normalised/platforms, topologies and power_traces;
fidelity/predictions_vs_measured and summary, all .parquet);
vendor/vega-bundle.js; and, read through qutiflow.provenance.store.lookup, the provenance
record of each figure (a figure without one says "no provenance record"). Optional: the config
key ``changes``, a difference to the previous publication written by ``python -m
qutiflow.audit diff --json`` (cluster/regenerate.py passes it), shown on the index page as
"What changed in this release".
Outputs under site/: index.html, <task>.html per task, theoretical.html, fidelity.html,
raw_measurements.html, overview.html, style.css, vendor/vega-bundle.js (the one copy the
chart pages load) and data/<name>.{csv,parquet} (Parquet copied byte for byte, units in
its metadata; CSV written from it). Params: results, tasks.
The same inputs and records give byte-identical files (fixed order, no time stamps).
"""
import json
import os
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from qutiflow import io, logs
from qutiflow.provenance.store import lookup
from qutiflow.site import contents, downloads, pages


def main(*, results, tasks, bundle, site, declared=None, changes=None, log=None):
    start = time.perf_counter()
    log_ = logs.setup(log, "build_site")
    results, site = Path(results), Path(site)
    expected = contents.output_files(tasks)
    if declared is not None:
        got = sorted(Path(os.path.relpath(p, site)).as_posix() for p in declared)
        if got != expected:
            raise RuntimeError(
                "rules/site.smk and qutiflow.site.contents disagree on the site's files: "
                f"only declared {sorted(set(got) - set(expected))}, "
                f"only planned {sorted(set(expected) - set(got))}; update both")
    files: dict[str, bytes] = {}
    frames = {}
    for name, d in contents.downloads(tasks).items():
        # written one at a time, the CSV in batches: memory follows the largest table
        raw = (results / d.source).read_bytes()
        io.write_bytes(raw, site / f"data/{name}.parquet")
        table = pq.read_table(pa.BufferReader(raw))
        del raw
        downloads.write_csv(table, site / f"data/{name}.csv")
        frames[name] = table.to_pandas()
        del table
    figures = [f for p in contents.pages(tasks) for f in p.figures]
    specs = {f.spec: (results / f.spec).read_text(encoding="utf-8") for f in figures}
    records = {f.svg: lookup(results, results / f.svg) for f in figures}
    missing = sorted(svg for svg, r in records.items() if r is None)
    difference = json.loads(Path(changes).read_text(encoding="utf-8")) if changes else None
    if difference is not None and not {"summary", "source_lines"} <= set(difference):
        raise RuntimeError(f"{changes}: fields summary and source_lines missing; write the file "
                           "with python -m qutiflow.audit diff OLD NEW --json FILE")
    for name, body in pages.render(pages.Inputs(tasks=list(tasks), frames=frames, specs=specs,
                                                records=records, changes=difference)).items():
        files[name] = body.encode("utf-8")
    files[contents.BUNDLE_FILE] = Path(bundle).read_bytes()
    for name in sorted(files):
        io.write_bytes(files[name], site / name)
    log_.info("wrote %d pages, %d data files (%d data sets) and the Vega bundle to %s",
              sum(n.endswith(".html") for n in files), 2 * len(frames), len(frames), site)
    log_.info("%d figures embedded; %d without a provenance record%s", len(figures), len(missing),
              (": " + ", ".join(missing)) if missing else "")
    log_.info("pages: %s", ", ".join(f"{n} ({len(files[n]) // 1024} KiB)"
                                      for n in sorted(files) if n.endswith(".html")))
    log_.info("done in %.2f s", time.perf_counter() - start)


if "snakemake" in globals():
    logs.run_entry(main, snakemake, results=snakemake.params.results,
                   tasks=list(snakemake.params.tasks), bundle=snakemake.input.bundle,
                   site=os.path.dirname(snakemake.output.index),
                   declared=list(snakemake.output),
                   changes=snakemake.input.changes[0] if snakemake.input.changes else None,
                   log=snakemake.log[0])
