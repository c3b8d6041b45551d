"""``python -m qutiflow.audit diff OLD_RESULTS NEW_RESULTS``: what changed between two runs.

Prints the raw inputs, code files, params and package versions that differ, and every
artifact that changed with the chain of changes that reached it (unchanged artifacts are
counted). ``--json FILE`` and ``--markdown FILE`` also write the difference to files.

Exit status (independent of Snakemake's): 0 the runs do not differ, 1 they differ,
2 cannot read or usage error (a folder without provenance records, a record or table cut
short or edited, a bad option), with the file and the fault named.
"""

from __future__ import annotations

import argparse
import json
import sys

from .. import atomic
from ..provenance.store import RecordError
from . import diff as run_diff
from . import report
from .rows import TableError

NO_DIFFERENCE, DIFFERENT, USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m qutiflow.audit diff", description=__doc__.split("\n\n")[0])
    ap.add_argument("old", help="results folder of the earlier run")
    ap.add_argument("new", help="results folder of the later run")
    ap.add_argument(
        "--old-raw", help="raw-data folder of the earlier run (default: the one its records name)"
    )
    ap.add_argument("--new-raw", help="raw-data folder of the later run (default: the one its records name)")
    ap.add_argument("--json", help="also write the difference as JSON to this file")
    ap.add_argument("--markdown", help="also write the difference as Markdown to this file")
    ap.add_argument("--title", help="title of the Markdown (default 'What changed')")
    try:
        args = ap.parse_args(argv)
    except SystemExit as exit_:
        return USAGE if exit_.code else NO_DIFFERENCE  # --help exits 0
    try:
        found = run_diff.compare(args.old, args.new, old_raw=args.old_raw, new_raw=args.new_raw)
    except (run_diff.DiffError, RecordError, TableError) as err:
        print(f"audit diff: {err}", file=sys.stderr)
        return USAGE
    text = report.markdown(found, title=args.title)
    print(text, end="")
    if args.json:
        # with the text the site's "What changed in this release" shows
        shown = {**found, "summary": report.summary(found), "source_lines": report.source_lines(found)}
        atomic.write_text(json.dumps(shown, indent=1, sort_keys=True) + "\n", args.json)
    if args.markdown:
        atomic.write_text(text, args.markdown)
    return DIFFERENT if found["differs"] else NO_DIFFERENCE


if __name__ == "__main__":
    sys.exit(main())
