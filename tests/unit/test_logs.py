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


def log_text(log_path) -> str:
    logger = logging.getLogger(logs.LOGGER_NAME)
    for h in logger.handlers:
        h.flush()
    text = log_path.read_text(encoding="utf-8")
    for h in logger.handlers:
        h.close()
    logger.handlers.clear()
    return text


class Job:
    """The part of Snakemake's ``snakemake`` object that run_entry reads here."""

    output = ["results/validated/measurements.parquet"]


@pytest.mark.parametrize("writer", ["python", "pyarrow"])
def test_a_full_disk_is_reported_without_a_traceback(tmp_path, capsys, monkeypatch, writer):
    """/dev/full answers every write with ENOSPC, as a file system that filled mid-run;
    pyarrow's error is raised as pyarrow raises it (errno 28 and its own text: pyarrow is not
    made to write to /dev/full, since on failure it removes the file it wrote to)."""
    from qutiflow.provenance import snakemake_job

    monkeypatch.setattr(snakemake_job, "begin", lambda smk: {"id": "x"})
    log_path = tmp_path / "rule.log"
    logs.setup(log_path, "rule")

    def main():
        if writer == "python":
            with open("/dev/full", "w") as f:
                f.write("x" * 100_000)
        else:
            raise OSError(28, "Error writing bytes to file. Detail: [errno 28] No space left on device")

    with pytest.raises(SystemExit) as info:
        logs.run_entry(main, smk=Job())
    assert info.value.code == 1
    text = log_text(log_path)
    named = "results/validated/measurements.parquet"  # a write error names no file
    assert f"ERROR [rule] cannot write {named}: " in text and "No space left on device" in text
    assert "Free space on that file system" in text and "Traceback" not in text + capsys.readouterr().err


def test_other_os_errors_are_not_taken_for_a_full_disk(tmp_path):
    def main():
        open(tmp_path / "missing" / "x")

    with pytest.raises(FileNotFoundError):
        logs.run_entry(main)
