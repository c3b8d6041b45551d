"""One logging set-up for every entry script: the rule's log file and stderr."""
from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Callable

from .errors import InputError

LOGGER_NAME = "qutiflow"


def setup(log_path: str | Path | None, rule: str) -> logging.Logger:
    """Log INFO and above to ``log_path`` (truncated) and to stderr, prefixed by ``rule``."""
    logger = logging.getLogger(LOGGER_NAME)
    logger.handlers.clear()
    logger.setLevel(logging.INFO)
    logger.propagate = False
    fmt = logging.Formatter(f"%(levelname)s [{rule}] %(message)s")
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
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
    (so figures can carry its id) and written after it succeeded.
    """
    from . import provenance

    if smk is not None:
        roots, raw = provenance.for_snakemake_job(smk)
    try:
        main(**kwargs)
    except InputError as err:
        get().error("%s", err)
        sys.exit(1)
    if smk is not None:
        provenance.finish(outputs=list(smk.output), roots=roots, raw_data_root=raw)
