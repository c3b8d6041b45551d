"""Rule bundle_vega: Vega, Vega-Lite and Vega-Embed as one offline script.

Output: vendor/vega-bundle.js, built from the vl-convert package (no network). Every
figure's HTML page inlines it, so the pages open from disk with no request leaving them.
Imports only vl-convert: this job sits on the way to every figure.
"""
import os
import sys
import tempfile

import vl_convert as vlc


def main(*, output, log=None):
    bundle = vlc.javascript_bundle()
    folder = os.path.dirname(output) or "."
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".vega-bundle.", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(bundle)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    os.replace(tmp, output)
    message = f"INFO [bundle_vega] wrote {output} ({len(bundle)} bytes)\n"
    # an INFO line: on stderr too unless the console shows warnings only (the rule of
    # qutiflow.logs.console_level, without importing it)
    level = os.environ.get("QUTIFLOW_CONSOLE_LEVEL", "").strip().upper()
    if level not in ("WARNING", "ERROR", "CRITICAL"):
        sys.stderr.write(message)
    if log:
        with open(log, "w", encoding="utf-8") as fh:
            fh.write(message)


if "snakemake" in globals():
    from qutiflow import provenance  # the standard library only: starts fast

    roots, raw = provenance.for_snakemake_job(snakemake)
    main(output=snakemake.output[0], log=snakemake.log[0])
    provenance.finish(outputs=list(snakemake.output), roots=roots, raw_data_root=raw)
