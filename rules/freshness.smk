"""Results whose own provenance records show them out of date are rebuilt, whatever
Snakemake's records say (qutiflow.freshness): a job that failed leaves Snakemake's record
of it with the failed inputs' checksums, and a results folder put back from a backup or
edited by hand is not what Snakemake's records describe. Each output found is marked with
Snakemake's documented means: its record is dropped (`snakemake --cleanup-metadata`, in a
child process that skips this file) and its modification time set to 0, so that its inputs
are newer and Snakemake, with no checksum to compare, reruns the job and what depends on it.
Only in the main process, and only when something is stale (about 1 s for the child)."""
import subprocess
import tempfile

import yaml

from qutiflow import freshness

_CHILD = "QUTIFLOW_CLEANING_METADATA"


def _raw_files_by_rule():
    """Rule name → the raw files it reads now (its inputs with a raw_key)."""
    out = {}
    for r in workflow.rules:
        keys = [f.raw_key for f in r.input if hasattr(f, "raw_key")]
        if keys:
            out[r.name] = [p for k in keys for p in checked_raw_files(k)]
    return out


def _drop_snakemake_records(paths):
    """`snakemake --cleanup-metadata PATHS` on this workflow and config; its exit status is
    not 0 when some path had no record (nothing to drop), which is fine here."""
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", prefix="qutiflow-config-") as cfg:
        yaml.safe_dump(dict(config), cfg)
        cfg.flush()
        subprocess.run(
            [sys.executable, "-m", "snakemake", "-s", workflow.main_snakefile, "-d", os.getcwd(),
             "--configfile", cfg.name, "--cleanup-metadata", *paths],
            env={**os.environ, _CHILD: "1"}, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, timeout=300, check=False)


def rebuild_stale_results():
    stale = freshness.stale_outputs(RESULTS, RAW, _raw_files_by_rule())
    if not stale:
        return
    shown = "\n".join(f"  - {s.output}: {s.why}" for s in stale[:10])
    more = f"\n  … and {len(stale) - 10} more" if len(stale) > 10 else ""
    print(f"qutiflow: {len(stale)} results were made from other files than those there now "
          f"(by their provenance records); they are rebuilt:\n{shown}{more}", file=sys.stderr)
    paths = [os.path.join(RESULTS, s.output.removeprefix("results/")) for s in stale]
    _drop_snakemake_records(paths)
    for p in paths:
        os.utime(p, ns=(0, 0), follow_symlinks=False)


if workflow.is_main_process and not os.environ.get(_CHILD):
    rebuild_stale_results()
