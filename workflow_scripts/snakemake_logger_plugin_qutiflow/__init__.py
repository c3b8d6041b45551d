"""qutiflow's console for Snakemake: a logger plugin (``--logger qutiflow``, which
``profiles/default`` selects) through Snakemake's logger-plugin interface
(``snakemake-interface-logger-plugins``).

It writes to the stream in place of Snakemake's own handler, with Snakemake's default
filter and formatter (so ``--quiet``, ``--printshellcmds`` and the rest keep their
meaning), and replaces two events: a job that starts gets one line (its rule and
wildcards) instead of a block listing every input and output file, and a job that fails
gets a short block (rule, wildcards, log files, message; with ``--show-failed-logs`` the
logs' text). The lines are made by :mod:`qutiflow.console`.

A failed run's job logs are moved from ``{results}/logs/`` to ``{results}/logs/failed-run/``
by the rollback at the run's end (``qutiflow.rollback``, begun by the ``onstart`` hook,
which leaves its snapshot ``{results}/.rollback/state.json`` while the run goes on), and
the block names each log where it will be read. The entry scripts print only their warnings and errors
(``QUTIFLOW_CONSOLE_LEVEL``, set here for the jobs this process starts); their counts stay
in the step logs. The module imports no qutiflow code: Snakemake loads it before the
Snakefile checks which qutiflow this environment has. No Snakemake import but the plugin
interface's.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from snakemake_interface_logger_plugins.base import LogHandlerBase
from snakemake_interface_logger_plugins.common import LogEvent

#: the rollback's snapshot of the results folder while a run goes on (qutiflow.rollback:
#: FOLDER, STATE), and where in ``{results}/logs`` it keeps a failed run's logs (FAILED_LOGS)
SNAPSHOT = (".rollback", "state.json")
FAILED_RUN = "failed-run"
#: the level of the entry scripts' console output (qutiflow.logs.console_level)
CONSOLE_LEVEL_ENV = "QUTIFLOW_CONSOLE_LEVEL"


def wildcards_text(wildcards: Mapping[str, object] | None) -> str:
    """
    >>> wildcards_text({"task": "imagenet"})
    'task=imagenet'
    >>> wildcards_text({})
    ''
    """
    return ", ".join(f"{k}={v}" for k, v in (wildcards or {}).items())


def started_line(
    rule: str,
    jobid: object,
    wildcards: Mapping[str, object] | None = None,
    *,
    threads: object = 1,
    dryrun: bool = False,
) -> str:
    """The line for a job that starts (or, in a dry run, would run); its wording matches
    Snakemake's own 'Finished jobid: N (Rule: name)'. Threads are named when more than one.

    >>> started_line("predict_roofline", 9, {"task": "imagenet"})
    'Started jobid: 9 (Rule: predict_roofline, task=imagenet)'
    >>> started_line("all", 0, dryrun=True)
    'Would run jobid: 0 (Rule: all)'
    >>> started_line("measure_host", 3, threads=2)
    'Started jobid: 3 (Rule: measure_host, threads=2)'
    """
    many = isinstance(threads, int) and threads > 1
    parts = (f"Rule: {rule}", wildcards_text(wildcards), f"threads={threads}" if many else "")
    return f"{'Would run' if dryrun else 'Started'} jobid: {jobid} ({', '.join(p for p in parts if p)})"


def error_lines(
    rule: str,
    jobid: object,
    wildcards: Mapping[str, object] | None = None,
    logs: Iterable[str] = (),
    message: str | None = None,
    aux: Mapping[str, object] | None = None,
) -> list[str]:
    """The block for a failed job: its rule, wildcards, log files and message.

    >>> print("\\n".join(error_lines("analyse_measured", 12, {"task": "mnist"},
    ...                               ["r/logs/failed-run/analyse_measured_mnist.log"])))
    Error in rule analyse_measured, jobid 12 (task=mnist):
        log: r/logs/failed-run/analyse_measured_mnist.log (check it for the error's details)
    """
    wc = wildcards_text(wildcards)
    lines = [f"Error in rule {rule}, jobid {jobid}{f' ({wc})' if wc else ''}:"]
    logs = list(logs)
    if logs:
        lines.append(
            f"    log: {', '.join(logs)} (check {'it' if len(logs) == 1 else 'them'} for the error's details)"
        )
    if message:
        lines.append(f"    message: {message}")
    for key, value in (aux or {}).items():
        lines.append(f"    {key}: {value}")
    return lines


def log_text(paths: Iterable[str]) -> list[str]:
    """The lines of each log file, indented under its path (``--show-failed-logs``)."""
    lines = []
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError as err:
            lines.append(f"    {path}: not readable ({err.strerror})")
            continue
        lines.append(f"    {path}:" + ("" if text.strip() else " empty"))
        lines += [f"        {line}" for line in text.splitlines()]
    return lines


def failed_run_log(log: str) -> str:
    """Where a failed run keeps the log ``log``: a ``.log`` file directly in ``{results}/logs``
    moves to its ``failed-run/`` folder when the rollback has a snapshot of ``{results}``
    (none with ``--no-hooks``: then nothing moves); any other path stays."""
    path = Path(log)
    logs = path.parent
    if path.suffix == ".log" and logs.name == "logs" and logs.parent.joinpath(*SNAPSHOT).is_file():
        return str(logs / FAILED_RUN / path.name)
    return log


class LogHandler(LogHandlerBase):
    """One line per started job, a short block per failed job, everything else as
    Snakemake's default formatter writes it."""

    def __post_init__(self) -> None:
        self.stream = sys.stdout if self.common_settings.stdout else sys.stderr
        self.wildcards: dict[object, dict] = {}
        os.environ.setdefault(CONSOLE_LEVEL_ENV, "WARNING")

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
            return started_line(
                getattr(record, "rule_name", "?"),
                jobid,
                self.wildcards[jobid],
                threads=getattr(record, "threads", 1),
                dryrun=bool(self.common_settings.dryrun),
            )
        if event == LogEvent.JOB_ERROR:
            return self.error_text(record)
        if event == LogEvent.GROUP_ERROR:
            logs = [failed_run_log(str(p)) for p in getattr(record, "aux_logs", None) or []]
            text = f"Error in group {getattr(record, 'groupid', '?')}"
            return text + (f": log: {', '.join(logs)}" if logs else "")
        return self.format(record)

    def error_text(self, record: logging.LogRecord) -> str:
        jobid = getattr(record, "jobid", "?")
        logs = [str(p) for p in getattr(record, "log", None) or []]
        lines = error_lines(
            getattr(record, "rule_name", "?"),
            jobid,
            self.wildcards.get(jobid),
            [failed_run_log(p) for p in logs],
            getattr(record, "rule_msg", None),
            getattr(record, "aux", None),
        )
        if self.common_settings.show_failed_logs:
            lines += log_text(logs)  # still in place: the rollback comes at the run's end
        return "\n".join(lines)
