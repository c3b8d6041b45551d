"""Rule audit_run: the audit of what this run made, the last job of every run.

Inputs: every declared output of the run's jobs (so it runs after each of them, and again
whenever one of them was made anew). Output: audit/run.json, the artifacts it checked
with their sha256 (sorted). Each artifact the run made (new or replaced since the
rollback's snapshot, ``qutiflow.rollback.changed``; every artifact when there is no
snapshot, as with --no-hooks) is checked against its provenance record, down its lineage:
its hash, its inputs' and its code's. The first mismatch fails the job, so the run fails
and its ``onerror`` hook puts the last good results back (rules/transaction.smk).
"""

import json
import sys

from qutiflow import logs, rollback
from qutiflow.atomic import write_text
from qutiflow.audit import AuditFailure, audited_made


def main(*, results, output, log=None):
    log_ = logs.setup(log, "audit_run")
    try:
        checked = audited_made(results, rollback.changed(results))
    except AuditFailure as err:
        log_.error("the audit of this run's artifacts failed: %s", err)
        sys.exit(1)
    log_.info("audit passed: %d artifacts (what this run made, and their lineage)", len(checked))
    write_text(json.dumps({"checked": checked}, indent=1, sort_keys=True) + "\n", output)


if "snakemake" in globals():
    logs.run_entry(main, results=snakemake.params.results, output=snakemake.output[0], log=snakemake.log[0])
