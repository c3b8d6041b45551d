"""The short console (the logger plugin snakemake_logger_plugin_qutiflow and its lines,
qutiflow.logs.console_level) on hand-made log records with the fields of
Snakemake's logger-plugin events."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from qutiflow import logs, rollback
from snakemake_interface_logger_plugins.settings import OutputSettingsLoggerInterface
from snakemake_logger_plugin_qutiflow import (
    CONSOLE_LEVEL_ENV,
    FAILED_RUN,
    SNAPSHOT,
    LogHandler,
    failed_run_log,
)


@dataclass
class Settings(OutputSettingsLoggerInterface):
    """The settings Snakemake hands every logger plugin (its output options)."""

    printshellcmds: bool = False
    nocolor: bool = True
    quiet: tuple = ()
    debug_dag: bool = False
    verbose: bool = False
    show_failed_logs: bool = False
    stdout: bool = False
    dryrun: bool = False


def record(event: str | None, **fields) -> logging.LogRecord:
    rec = logging.LogRecord("snakemake", logging.INFO, __file__, 1, "msg", None, None)
    if event is not None:
        rec.event = event
    rec.__dict__.update(fields)
    return rec


class Lines:
    """The plugin's handler with a plain formatter; ``filter(record)`` keeps its text."""

    def __init__(self, results=None, **settings):
        self.handler = LogHandler(Settings(**settings), None)
        self.handler.setFormatter(logging.Formatter("%(message)s"))
        self.results = results
        self.texts: list[str] = []

    def filter(self, rec):
        before = dict(rec.__dict__)
        text = self.handler.text(rec)
        # the record is not changed (but for the `message` that logging's formatter sets)
        assert {k: v for k, v in rec.__dict__.items() if k != "message"} == before
        if text:
            self.texts.append(text)
        return True


def job_lines(results=None, **kwargs):
    """The plugin's lines; with ``results``, a run's rollback is under way there (its snapshot
    exists, as the onstart hook leaves it)."""
    if results is not None:
        rollback.begin(results)
    lines = Lines(**kwargs)
    return lines, lines.texts


def test_one_line_per_started_job_and_other_records_as_formatted():
    lines, emitted = job_lines()
    info = record(
        "job_info",
        jobid=9,
        rule_name="predict_roofline",
        wildcards={"task": "mnist"},
        input=["a"] * 300,
        output=["b"],
    )
    assert lines.filter(info) is True
    lines.filter(record(None))
    lines.filter(record("progress", done=1, total=2))
    assert emitted == ["Started jobid: 9 (Rule: predict_roofline, task=mnist)", "msg", "msg"]


def test_dry_run_wording():
    lines, emitted = job_lines(dryrun=True)
    lines.filter(record("job_info", jobid=0, rule_name="all", wildcards={}))
    assert emitted == ["Would run jobid: 0 (Rule: all)"]


def failed_job(lines, log):
    lines.filter(record("job_info", jobid=12, rule_name="analyse_measured", wildcards={"task": "mnist"}))
    lines.filter(
        record(
            "job_error",
            jobid=12,
            rule_name="analyse_measured",
            rule_msg="went wrong",
            log=[log],
            aux={},
            input=["x"] * 100,
        )
    )
    return lines.texts[-1].splitlines()


def test_a_failed_job_names_its_rule_wildcards_log_where_the_rollback_keeps_it_and_message(tmp_path):
    lines, _ = job_lines(tmp_path / "out")
    assert failed_job(lines, f"{tmp_path}/out/logs/analyse_measured_mnist.log") == [
        "Error in rule analyse_measured, jobid 12 (task=mnist):",
        f"    log: {tmp_path}/out/logs/failed-run/analyse_measured_mnist.log (check it for the error's details)",
        "    message: went wrong",
    ]


def test_without_the_runs_hooks_the_log_is_named_where_it_is():
    lines, _ = job_lines()  # --no-hooks: no onstart, nothing moves the logs
    assert (
        failed_job(lines, "out/logs/a.log")[1] == "    log: out/logs/a.log (check it for the error's details)"
    )


def test_a_group_error_names_its_logs():
    lines, emitted = job_lines()
    lines.filter(record("group_error", groupid="tables", aux_logs=["slurm/7.log"]))
    assert emitted == ["Error in group tables: log: slurm/7.log"]


def test_the_plugin_writes_to_the_stream_with_snakemakes_filter_and_formatter():
    handler = LogHandler(Settings(), None)
    assert handler.writes_to_stream and not handler.writes_to_file
    assert not handler.has_filter and not handler.has_formatter and not handler.needs_rulegraph


def test_the_plugin_sets_the_steps_console_to_warnings(monkeypatch):
    monkeypatch.delenv(CONSOLE_LEVEL_ENV, raising=False)
    LogHandler(Settings(), None)
    assert logs.console_level() == logging.WARNING
    monkeypatch.setenv(CONSOLE_LEVEL_ENV, "info")  # a level asked for is kept
    LogHandler(Settings(), None)
    assert logs.console_level() == logging.INFO


def test_failed_log_path_only_moves_the_job_logs_and_the_console_agrees(tmp_path):
    results = tmp_path / "r"
    assert rollback.failed_log_path(results, str(results / "logs/a.log")) == str(
        results / "logs/failed-run/a.log"
    )
    assert rollback.failed_log_path("r", "r/logs/sub/a.log") == "r/logs/sub/a.log"
    assert rollback.failed_log_path("r", "r/logs/a.txt") == "r/logs/a.txt"
    rollback.begin(results)  # the console plugin moves a log only while a rollback is under way
    for log in (
        str(results / "logs/a.log"),
        str(results / "logs/sub/a.log"),
        str(results / "logs/a.txt"),
        "x.log",
    ):
        assert failed_run_log(log) == rollback.failed_log_path(results, log)
    assert (rollback.FOLDER, rollback.STATE) == SNAPSHOT and rollback.FAILED_LOGS == f"logs/{FAILED_RUN}"
    assert logs.CONSOLE_LEVEL_ENV == CONSOLE_LEVEL_ENV


def test_a_job_of_several_threads_says_how_many():
    lines, emitted = job_lines(dryrun=True)
    lines.filter(record("job_info", jobid=3, rule_name="measure_host", wildcards={}, threads=2))
    lines.filter(record("job_info", jobid=4, rule_name="validate_measurements", wildcards={}, threads=1))
    assert emitted == [
        "Would run jobid: 3 (Rule: measure_host, threads=2)",
        "Would run jobid: 4 (Rule: validate_measurements)",
    ]


def test_console_level_from_the_environment(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv(CONSOLE_LEVEL_ENV, raising=False)
    assert logs.console_level() == logging.INFO
    monkeypatch.setenv(CONSOLE_LEVEL_ENV, "nonsense")
    assert logs.console_level() == logging.INFO
    monkeypatch.setenv(CONSOLE_LEVEL_ENV, "warning")
    log = logs.setup(tmp_path / "x.log", "rule x")
    log.info("a count")
    log.warning("odd")
    for h in log.handlers:
        h.close()
    assert capsys.readouterr().err == "WARNING [rule x] odd\n"
    assert (tmp_path / "x.log").read_text() == "INFO [rule x] a count\nWARNING [rule x] odd\n"
    log.handlers.clear()


def test_show_failed_logs_prints_the_log_where_it_is_when_the_job_fails(tmp_path):
    log = tmp_path / "logs" / "v.log"
    log.parent.mkdir()
    log.write_text("INFO [v] read\nERROR [v] bad cell\n")
    lines, emitted = job_lines(tmp_path, show_failed_logs=True)
    lines.filter(record("job_error", jobid=2, rule_name="v", log=[str(log)], aux={}))
    assert emitted[-1].splitlines()[1:] == [
        f"    log: {tmp_path}/logs/failed-run/v.log (check it for the error's details)",
        f"    {log}:",
        "        INFO [v] read",
        "        ERROR [v] bad cell",
    ]
