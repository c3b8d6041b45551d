"""One logging set-up for every entry script: the rule's log file and stderr."""

from __future__ import annotations

import errno
import inspect
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .errors import InputError

#: the environment variable that sets the level of what an entry script prints to stderr (the
#: console's logger plugin sets WARNING); its log file always gets INFO and above
CONSOLE_LEVEL_ENV = "QUTIFLOW_CONSOLE_LEVEL"

LOGGER_NAME = "qutiflow"


def console_level() -> int:
    """The level of what an entry script prints to stderr: INFO, unless the environment
    variable ``QUTIFLOW_CONSOLE_LEVEL`` names another (the pipeline's short console sets
    WARNING: the counts stay in the log files). An unknown name means INFO."""
    name = os.environ.get(CONSOLE_LEVEL_ENV, "INFO").strip().upper()
    level = logging.getLevelName(name)
    return level if isinstance(level, int) else logging.INFO


#: what this job counted for the run's closing summary ({"what", "n"} in order) and the
#: warnings it logged: written into its provenance record (:func:`run_entry`), which
#: qutiflow.run_summary reads; one job per process, reset by :func:`setup`
COUNTS: list[dict] = []
WARNINGS: list[str] = []


def tally(what: str, n: int) -> None:
    """Count ``n`` of ``what`` (say 'placeholder measurement rows dropped (no measured
    value)') for the run's closing summary, which sums each ``what`` per rule over the
    records of the run's jobs."""
    COUNTS.append({"what": what, "n": int(n)})


class _Kept(logging.Handler):
    """Keeps every warning as its log line, for the job's record."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == logging.WARNING:
            WARNINGS.append(self.format(record))


def setup(log_path: str | Path | None, rule: str) -> logging.Logger:
    """Log INFO and above to ``log_path`` (truncated) and, from :func:`console_level` up,
    to stderr, prefixed by ``rule``; warnings are also kept for the job's record."""
    COUNTS.clear()
    WARNINGS.clear()
    logger = logging.getLogger(LOGGER_NAME)
    logger.handlers.clear()
    logger.setLevel(logging.INFO)
    logger.propagate = False
    fmt = logging.Formatter(f"%(levelname)s [{rule}] %(message)s")
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(console_level())
    kept = _Kept(logging.WARNING)
    handlers: list[logging.Handler] = [console, kept]
    if log_path:
        Path(log_path).parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_path, mode="w", encoding="utf-8"))
    for h in handlers:
        h.setFormatter(fmt)
        logger.addHandler(h)
    return logger


def get() -> logging.Logger:
    return logging.getLogger(LOGGER_NAME)


def run_entry(main: Callable[..., None], smk=None, **kwargs) -> None:
    """Call an entry script's ``main``; report an :class:`InputError` without a traceback.

    The message (file, line, column, value, fix) goes to the log and stderr, and the
    process exits with status 1 so that Snakemake stops the run. With ``smk`` (the
    script's ``snakemake`` object) the job's provenance record is begun before ``main``
    and written after it succeeded; a ``main`` with a ``record_id`` parameter (the
    figure scripts: their figures carry the id) is given the record's id.
    """
    from .provenance import snakemake_job

    begun = snakemake_job.begin(smk) if smk is not None else None
    if "record_id" in inspect.signature(main).parameters:
        kwargs = {**kwargs, "record_id": begun["id"] if begun else None}
    try:
        main(**kwargs)
        if begun is not None:
            snakemake_job.finish(smk, begun, counts=list(COUNTS), warnings=list(WARNINGS))
    except InputError as err:
        get().error("%s", err)
        sys.exit(1)
    except OSError as err:
        if err.errno not in DISK_FULL:
            raise
        get().error("%s", disk_full_message(err, list(getattr(smk, "output", []) or [])))
        sys.exit(1)


#: errno values of a file system that cannot take more data (no space, over quota)
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


def disk_full_message(err: OSError, outputs: list[str] = ()) -> str:
    """What a job says when the disk filled while it wrote: the file (or the job's outputs,
    when the error names none, as pyarrow's do), the cause, the fix.

    >>> print(disk_full_message(OSError(errno.ENOSPC, "No space left on device", "/r/a.parquet"))[:60])
    cannot write /r/a.parquet: No space left on device. Free spa
    """
    named = err.filename or ", ".join(map(str, outputs[:3]))
    where = f" {named}" if named else ""
    return (
        f"cannot write{where}: {err.strerror}. Free space on that file system (or point "
        "--config results=PATH at another one) and run again; the last good results were kept"
    )
