"""qutiflow.logs: an input error in an entry script is logged and exits with status 1."""

from __future__ import annotations

import logging

import pytest
from qutiflow import logs
from qutiflow.errors import InputError, Problem


def test_run_entry_reports_input_error_and_exits_1(tmp_path):
    log_path = tmp_path / "logs" / "rule.log"
    logs.setup(log_path, "rule")

    def main():
        raise InputError([Problem("m.csv", 2, "lat-comp", "abc", "is not a number", "write ms")])

    with pytest.raises(SystemExit) as info:
        logs.run_entry(main)
    assert info.value.code == 1
    for h in logging.getLogger(logs.LOGGER_NAME).handlers:
        h.flush()
    text = log_path.read_text(encoding="utf-8")
    assert "ERROR [rule] 1 input problem:" in text and "line 2: 'abc'" in text
    logger = logging.getLogger(logs.LOGGER_NAME)
    for h in logger.handlers:
        h.close()
    logger.handlers.clear()
