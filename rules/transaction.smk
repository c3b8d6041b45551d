"""A run is one transaction over the results folder (qutiflow.rollback): a run that fails,
its audit included (the job audit_run, rules/audit.smk), leaves every result of the last
good run as it was. Hooks run only in the main Snakemake process, and only when jobs run. Each run ends
with a summary (qutiflow.run_summary): what it built, what the steps dropped or filled, the
warnings and the site to open; a failed run with where its logs are."""
import subprocess
from pathlib import Path

from qutiflow import rollback, run_summary  # noqa: E402


def forget_records(restored):
    """Drop Snakemake's records of the files a failed run wrote or removed (documented CLI:
    --cleanup-metadata, in a child on a workflow with no rules; --nolock: this run holds
    the lock). A failed job keeps its record, with the checksums of the inputs it failed
    on; a results folder then put back from a backup (cp -a) would pass as up to date.
    Without records, Snakemake judges those files by time stamp: their changed inputs are
    newer, and they rerun. Files that have no record (logs, provenance) are skipped by
    Snakemake with a message, which the child's exit status reflects; it is not an error."""
    files = [res(rel) for rel in sorted(restored.restored + restored.removed)]
    if not files:
        return
    empty = os.path.join(workflow.basedir, "rules", "records", "Snakefile")
    env = {k: v for k, v in os.environ.items() if k != "SNAKEMAKE_PROFILE"}
    subprocess.run([sys.executable, "-m", "snakemake", "--snakefile", empty,
                    "--directory", os.getcwd(), "--nolock", "--quiet", "all",
                    "--cleanup-metadata", *files],
                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


onstart:
    rollback.begin(RESULTS)


onsuccess:
    summary = run_summary.summarise(RESULTS, rollback.changed(RESULTS))
    rollback.commit(RESULTS)
    print("\n".join(run_summary.success_lines(summary, RESULTS)), file=sys.stderr, flush=True)


onerror:
    restored = rollback.restore(RESULTS)
    if restored:
        forget_records(restored)
        print(run_summary.failure_line(
            RESULTS, restored.summary(Path(RESULTS)), nothing_lost=not restored.lost,
            errors=run_summary.failed_logs(Path(RESULTS) / rollback.FAILED_LOGS)),
            file=sys.stderr)
