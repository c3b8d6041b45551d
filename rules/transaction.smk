"""A run is one transaction over the results folder (qutiflow.rollback): a run that fails,
or whose new artifacts fail their audit, leaves every result of the last good run as it
was. Hooks run only in the main Snakemake process, and only when jobs run."""
from pathlib import Path

from qutiflow import rollback  # noqa: E402


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
    rollback.commit(RESULTS)


onerror:
    restored = rollback.restore(RESULTS)
    if restored:
        print(f"qutiflow: the run failed; {restored.summary(Path(RESULTS))}", file=sys.stderr)
