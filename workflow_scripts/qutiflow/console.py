"""The run's console: one short line per job in place of Snakemake's job blocks.

The default workflow profile (``profiles/default``) runs Snakemake with ``--quiet rules
host``: no block per job listing every input and output file, and no host header. That
setting also hides which job started and, when a job fails, its rule and log file.
:class:`JobLines` gives those back: a logging filter on Snakemake's logger that reads the
job events of Snakemake's logger-plugin interface (``job_info``, ``job_error``,
``group_error``, ``shellcmd``) and emits, through a callable, one line per started job
(rule and wildcards) and a short block per failed job (rule, wildcards, log files, message;
with ``--show-failed-logs`` the logs' text; with ``--printshellcmds`` the shell commands).
It never changes or drops a record. No Snakemake import: events are compared as strings.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

JOB_INFO = "job_info"
JOB_ERROR = "job_error"
GROUP_ERROR = "group_error"
SHELLCMD = "shellcmd"

#: the environment variable that sets the level of the entry scripts' console (stderr)
#: output; their log files always get INFO and above (qutiflow.logs)
CONSOLE_LEVEL_ENV = "QUTIFLOW_CONSOLE_LEVEL"


def short_console(quiet: Iterable[str]) -> bool:
    """True when the per-job lines replace Snakemake's job blocks: rule blocks are hidden
    (``rules``) but progress is shown (a ``--quiet`` without ``progress`` or ``all``).

    >>> short_console(["rules", "host"])
    True
    >>> short_console([]), short_console(["rules", "progress"]), short_console(["all"])
    (False, False, False)
    """
    quiet = {str(q).lower() for q in quiet}
    return "rules" in quiet and not quiet & {"progress", "all"}


def wildcards_text(wildcards: Mapping[str, object] | None) -> str:
    """
    >>> wildcards_text({"task": "imagenet"})
    'task=imagenet'
    >>> wildcards_text({})
    ''
    """
    return ", ".join(f"{k}={v}" for k, v in (wildcards or {}).items())


def started_line(
    rule: str, jobid: object, wildcards: Mapping[str, object] | None = None, *, dryrun: bool = False
) -> str:
    """The line for a job that starts (or, in a dry run, would run); its wording matches
    Snakemake's own 'Finished jobid: N (Rule: name)'.

    >>> started_line("predict_roofline", 9, {"task": "imagenet"})
    'Started jobid: 9 (Rule: predict_roofline, task=imagenet)'
    >>> started_line("all", 0, dryrun=True)
    'Would run jobid: 0 (Rule: all)'
    """
    where = ", ".join(p for p in (f"Rule: {rule}", wildcards_text(wildcards)) if p)
    return f"{'Would run' if dryrun else 'Started'} jobid: {jobid} ({where})"


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


class JobLines(logging.Filter):
    """A filter for Snakemake's logger that passes every record and, for the job events,
    emits the short lines through ``emit(level, text)``.

    ``relocate_log`` maps a job's log path to where it will be read after the run (the
    rollback of a failed run keeps its logs in ``logs/failed-run/``). ``show_failed_logs``
    and ``printshellcmds`` are Snakemake's options of those names, which its hidden job
    blocks would otherwise honour.
    """

    def __init__(
        self,
        emit: Callable[[int, str], None],
        *,
        dryrun: bool = False,
        relocate_log: Callable[[str], str] = str,
        show_failed_logs: bool = False,
        printshellcmds: bool = False,
    ):
        super().__init__()
        self.emit = emit
        self.dryrun = dryrun
        self.relocate_log = relocate_log
        self.show_failed_logs = show_failed_logs
        self.printshellcmds = printshellcmds
        self.wildcards: dict[object, Mapping[str, object]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        event = getattr(record, "event", None)
        if event == JOB_INFO:
            jobid = getattr(record, "jobid", "?")
            wildcards = getattr(record, "wildcards", None) or {}
            self.wildcards[jobid] = wildcards
            self.emit(
                logging.INFO,
                started_line(getattr(record, "rule_name", "?"), jobid, wildcards, dryrun=self.dryrun),
            )
        elif event == JOB_ERROR:
            jobid = getattr(record, "jobid", "?")
            logs = [str(p) for p in getattr(record, "log", None) or []]
            lines = error_lines(
                getattr(record, "rule_name", "?"),
                jobid,
                self.wildcards.get(jobid),
                [self.relocate_log(p) for p in logs],
                getattr(record, "rule_msg", None),
                getattr(record, "aux", None),
            )
            if self.show_failed_logs:
                lines += log_text(logs)  # still in place: the rollback comes at the run's end
            self.emit(logging.ERROR, "\n".join(lines))
        elif event == SHELLCMD and self.printshellcmds:
            cmd = getattr(record, "cmd", None) or getattr(record, "shellcmd", None)
            if cmd:
                self.emit(logging.INFO, str(cmd))
        elif event == GROUP_ERROR:
            logs = [self.relocate_log(str(p)) for p in getattr(record, "aux_logs", None) or []]
            text = f"Error in group {getattr(record, 'groupid', '?')}"
            self.emit(logging.ERROR, text + (f": log: {', '.join(logs)}" if logs else ""))
        return True
