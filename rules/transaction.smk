"""A run is one transaction over the results folder (qutiflow.rollback): a run that fails,
or whose new artifacts fail their audit, leaves every result of the last good run as it
was. Hooks run only in the main Snakemake process, and only when jobs run. Each run ends
with a summary (qutiflow.run_summary): what it built, what the steps dropped or filled, the
warnings and the site to open; a failed run with where its logs are."""
import atexit
from pathlib import Path

from qutiflow import rollback, run_summary  # noqa: E402


def audit_made(results):
    """Audit the artifacts this run made (and their lineage); an empty string when they
    pass, else the first mismatch."""
    from qutiflow.audit import NOT_ARTIFACTS, AuditFailure, Auditor

    made = [rel for rel in rollback.changed(results)
            if not rel.startswith(NOT_ARTIFACTS) and not os.path.basename(rel).startswith(".")]
    if not made:
        return ""
    auditor = Auditor(results, out=lambda *_: None)
    try:
        for rel in made:
            auditor.artifact(f"results/{rel}", tree=False)
    except AuditFailure as err:
        return str(err)
    return ""


onstart:
    rollback.begin(RESULTS)


onsuccess:
    failure = audit_made(RESULTS)
    if failure:
        restored = rollback.restore(RESULTS)
        raise WorkflowError(f"the audit of this run's artifacts failed: {failure}; "
                            + (restored.summary(Path(RESULTS)) if restored else ""))
    summary = run_summary.summarise(RESULTS, rollback.changed(RESULTS))
    rollback.commit(RESULTS)
    # printed as the process exits, after Snakemake's last lines (log file, elapsed time),
    # so that the site to open is the last line of the run
    atexit.register(print, "\n".join(run_summary.success_lines(summary, RESULTS)),
                    file=sys.stderr, flush=True)


onerror:
    restored = rollback.restore(RESULTS)
    if restored:
        print(run_summary.failure_line(
            RESULTS, restored.summary(Path(RESULTS)), nothing_lost=not restored.lost,
            errors=run_summary.failed_logs(Path(RESULTS) / rollback.FAILED_LOGS)),
            file=sys.stderr)
