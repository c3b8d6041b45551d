"""The lines of the run's console: one short line per job in place of Snakemake's job
blocks, and a short block per failed job (rule, wildcards, log files, message; with
``--show-failed-logs`` the logs' text). Pure functions of the fields of Snakemake's
logger-plugin events; the logger plugin ``snakemake_logger_plugin_qutiflow`` (selected by
``profiles/default``) prints them. No Snakemake import.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

#: the environment variable that sets the level of the entry scripts' console (stderr)
#: output; their log files always get INFO and above (qutiflow.logs)
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
