"""Rule bundle_vega: Vega, Vega-Lite and Vega-Embed as one offline script.

Output: vendor/vega-bundle.js, built from the vl-convert package (no network). Every
figure's HTML page inlines it, so the pages open from disk with no request leaving them.
Imports only vl-convert, qutiflow.atomic and qutiflow.provenance (the standard library):
this job sits on the way to every figure.

Building the bundle takes vl-convert 2.3 CPU-seconds and gives the same bytes every time
for one installed vl-convert, so the first run keeps a copy in the environment
(``<sys.prefix>/share/qutiflow/``, named after vl-convert's version and the size and time
stamp of its compiled module: the bundle's bytes depend on nothing else) and later runs, into
any results folder, copy it (tests/unit/test_bundle_cache.py: another vl-convert builds again).
"""

import os
import sys

import vl_convert as vlc
from qutiflow.atomic import write_text


def cache_path():
    """Where this environment keeps the bundle of its vl-convert."""
    module = os.path.join(os.path.dirname(vlc.__file__), "vl_convert.abi3.so")
    st = os.stat(module) if os.path.isfile(module) else os.stat(vlc.__file__)
    version = getattr(vlc, "__version__", "unknown")
    return os.path.join(
        sys.prefix, "share", "qutiflow", f"vega-bundle-{version}-{st.st_size}-{st.st_mtime_ns}.js"
    )


def cached_bundle():
    """The bundle, from the environment's copy when there is one (else built and kept)."""
    path = cache_path()
    try:
        with open(path, encoding="utf-8") as fh:
            bundle = fh.read()
        if bundle:
            return bundle, "copied from " + path
    except OSError:
        pass
    bundle = vlc.javascript_bundle()
    try:
        write_text(bundle, path)
    except OSError:  # a read-only environment: build it every run
        return bundle, "built (no copy kept: cannot write " + path + ")"
    return bundle, "built, a copy kept in " + path


def main(*, output, log=None):
    bundle, how = cached_bundle()
    write_text(bundle, output)
    message = f"INFO [bundle_vega] wrote {output} ({len(bundle)} bytes; {how})\n"
    # an INFO line: on stderr too unless the console shows warnings only (the rule of
    # qutiflow.logs.console_level, without importing it)
    level = os.environ.get("QUTIFLOW_CONSOLE_LEVEL", "").strip().upper()
    if level not in ("WARNING", "ERROR", "CRITICAL"):
        sys.stderr.write(message)
    if log:
        with open(log, "w", encoding="utf-8") as fh:
            fh.write(message)


if "snakemake" in globals():
    from qutiflow.provenance import snakemake_job  # the standard library only: starts fast

    begun = snakemake_job.begin(snakemake)
    main(output=snakemake.output[0], log=snakemake.log[0])
    snakemake_job.finish(snakemake, begun)
