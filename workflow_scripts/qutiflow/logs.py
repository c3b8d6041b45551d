"""One logging set-up for every entry script: the rule's log file and stderr."""

from __future__ import annotations

import inspect
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .console import CONSOLE_LEVEL_ENV
from .errors import InputError

LOGGER_NAME = "qutiflow"


def console_level() -> int:
    """The level of what an entry script prints to stderr: INFO, unless the environment
    variable ``QUTIFLOW_CONSOLE_LEVEL`` names another (the pipeline's short console sets
    WARNING: the counts stay in the log files). An unknown name means INFO."""
    name = os.environ.get(CONSOLE_LEVEL_ENV, "INFO").strip().upper()
    level = logging.getLevelName(name)
    return level if isinstance(level, int) else logging.INFO


def setup(log_path: str | Path | None, rule: str) -> logging.Logger:
    """Log INFO and above to ``log_path`` (truncated) and, from :func:`console_level` up,
    to stderr, prefixed by ``rule``."""
    logger = logging.getLogger(LOGGER_NAME)
    logger.handlers.clear()
    logger.setLevel(logging.INFO)
    logger.propagate = False
    fmt = logging.Formatter(f"%(levelname)s [{rule}] %(message)s")
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(console_level())
    handlers: list[logging.Handler] = [console]
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
    except InputError as err:
        get().error("%s", err)
        sys.exit(1)
    if begun is not None:
        snakemake_job.finish(smk, begun)
