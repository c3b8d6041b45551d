"""qutiflow's console for Snakemake: a logger plugin (``--logger qutiflow``, which
``profiles/default`` selects) through Snakemake's logger-plugin interface
(``snakemake-interface-logger-plugins``).

It writes to the stream in place of Snakemake's own handler, with Snakemake's default
filter and formatter (so ``--quiet``, ``--printshellcmds`` and the rest keep their
meaning), and replaces two events: a job that starts gets one line (its rule and
wildcards) instead of a block listing every input and output file, and a job that fails
gets a short block (rule, wildcards, log files, message; with ``--show-failed-logs`` the
logs' text). The lines are made by :mod:`qutiflow.console`.

A failed run's logs are moved to ``{results}/logs/failed-run/`` by the rollback at the
run's end; the pipeline's ``onstart`` hook names the results folder in
``QUTIFLOW_FAILED_RUN_RESULTS``, and the block names each log where it will be read. The
entry scripts then print only their warnings and errors (``QUTIFLOW_CONSOLE_LEVEL``, set
here for the jobs this process starts); their counts stay in the step logs.
"""

from __future__ import annotations

import logging
import os
import sys

from qutiflow import console, rollback
from snakemake_interface_logger_plugins.base import LogHandlerBase
from snakemake_interface_logger_plugins.common import LogEvent

#: set by the pipeline's onstart hook: the results folder whose logs a failed run moves
FAILED_RUN_RESULTS_ENV = "QUTIFLOW_FAILED_RUN_RESULTS"


class LogHandler(LogHandlerBase):
    """One line per started job, a short block per failed job, everything else as
    Snakemake's default formatter writes it."""

    def __post_init__(self) -> None:
        self.stream = sys.stdout if self.common_settings.stdout else sys.stderr
        self.wildcards: dict[object, dict] = {}
        os.environ.setdefault(console.CONSOLE_LEVEL_ENV, "WARNING")

    @property
    def writes_to_stream(self) -> bool:
        return True

    @property
    def writes_to_file(self) -> bool:
        return False

    @property
    def has_filter(self) -> bool:
        return False

    @property
    def has_formatter(self) -> bool:
        return False

    @property
    def needs_rulegraph(self) -> bool:
        return False

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.text(record)
            if text:
                self.stream.write(text + "\n")
                self.stream.flush()
        except Exception:  # logging's own contract: a handler never raises
            self.handleError(record)

    def text(self, record: logging.LogRecord) -> str:
        """What the console shows for ``record`` ('' for nothing)."""
        event = getattr(record, "event", None)
        if event == LogEvent.JOB_INFO:
            jobid = getattr(record, "jobid", "?")
            self.wildcards[jobid] = getattr(record, "wildcards", None) or {}
            return console.started_line(
                getattr(record, "rule_name", "?"),
                jobid,
                self.wildcards[jobid],
                dryrun=bool(self.common_settings.dryrun),
            )
        if event == LogEvent.JOB_ERROR:
            return self.error_text(record)
        if event == LogEvent.GROUP_ERROR:
            logs = [self.relocate(str(p)) for p in getattr(record, "aux_logs", None) or []]
            text = f"Error in group {getattr(record, 'groupid', '?')}"
            return text + (f": log: {', '.join(logs)}" if logs else "")
        return self.format(record)

    def error_text(self, record: logging.LogRecord) -> str:
        jobid = getattr(record, "jobid", "?")
        logs = [str(p) for p in getattr(record, "log", None) or []]
        lines = console.error_lines(
            getattr(record, "rule_name", "?"),
            jobid,
            self.wildcards.get(jobid),
            [self.relocate(p) for p in logs],
            getattr(record, "rule_msg", None),
            getattr(record, "aux", None),
        )
        if self.common_settings.show_failed_logs:
            lines += console.log_text(logs)  # still in place: the rollback comes at the run's end
        return "\n".join(lines)

    @staticmethod
    def relocate(path: str) -> str:
        """Where a failed job's log is read after the run (unchanged when the run's hooks
        did not run, e.g. with --no-hooks: then nothing moves it)."""
        results = os.environ.get(FAILED_RUN_RESULTS_ENV)
        return rollback.failed_log_path(results, path) if results else path
