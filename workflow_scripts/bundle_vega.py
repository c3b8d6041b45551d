"""Rule bundle_vega: Vega, Vega-Lite and Vega-Embed as one offline script.

Output: vendor/vega-bundle.js, built from the vl-convert package (no network). Every
figure's HTML page inlines it, so the pages open from disk with no request leaving them.
"""
from qutiflow import io, logs
from qutiflow.figures.save import javascript_bundle


def main(*, output, log=None):
    log_ = logs.setup(log, "bundle_vega")
    bundle = javascript_bundle()
    io.write_bytes(bundle.encode(), output)
    log_.info("wrote %s (%d bytes)", output, len(bundle))


if "snakemake" in globals():
    logs.run_entry(main, output=snakemake.output[0], log=snakemake.log[0])
