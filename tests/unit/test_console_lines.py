"""The short console (qutiflow.console, qutiflow.logs.console_level) on hand-made log
records with the fields of Snakemake's logger-plugin events."""

from __future__ import annotations

import logging

from qutiflow import console, logs, rollback


def record(event: str | None, **fields) -> logging.LogRecord:
    rec = logging.LogRecord("snakemake.logging", logging.INFO, __file__, 1, "msg", None, None)
    if event is not None:
        rec.event = event
    rec.__dict__.update(fields)
    return rec


def job_lines(**kwargs):
    emitted = []
    return console.JobLines(lambda level, text: emitted.append((level, text)), **kwargs), emitted


def test_one_line_per_started_job_and_every_record_passes_unchanged():
    lines, emitted = job_lines()
    info = record(
        "job_info",
        jobid=9,
        rule_name="predict_roofline",
        wildcards={"task": "mnist"},
        input=["a"] * 300,
        output=["b"],
    )
    before = dict(info.__dict__)
    assert lines.filter(info) is True
    assert info.__dict__ == before
    assert lines.filter(record(None)) is True
    assert lines.filter(record("progress", done=1, total=2)) is True
    assert emitted == [(logging.INFO, "Started jobid: 9 (Rule: predict_roofline, task=mnist)")]


def test_dry_run_wording():
    lines, emitted = job_lines(dryrun=True)
    lines.filter(record("job_info", jobid=0, rule_name="all", wildcards={}))
    assert emitted == [(logging.INFO, "Would run jobid: 0 (Rule: all)")]


def test_a_failed_job_names_its_rule_wildcards_log_and_message():
    lines, emitted = job_lines(relocate_log=lambda p: rollback.failed_log_path("out", p))
    lines.filter(record("job_info", jobid=12, rule_name="analyse_measured", wildcards={"task": "mnist"}))
    lines.filter(
        record(
            "job_error",
            jobid=12,
            rule_name="analyse_measured",
            rule_msg="went wrong",
            log=["out/logs/analyse_measured_mnist.log"],
            aux={},
            input=["x"] * 100,
        )
    )
    level, text = emitted[-1]
    assert level == logging.ERROR
    assert text.splitlines() == [
        "Error in rule analyse_measured, jobid 12 (task=mnist):",
        "    log: out/logs/failed-run/analyse_measured_mnist.log (check it for the error's details)",
        "    message: went wrong",
    ]


def test_a_group_error_names_its_logs():
    lines, emitted = job_lines()
    lines.filter(record("group_error", groupid="tables", aux_logs=["slurm/7.log"]))
    assert emitted == [(logging.ERROR, "Error in group tables: log: slurm/7.log")]


def test_short_console_only_when_rules_are_hidden_and_progress_shown():
    assert console.short_console(["rules", "host"])
    assert not console.short_console(["host"])
    assert not console.short_console(["rules", "progress", "host"])  # a spawned job process


def test_failed_log_path_only_moves_the_job_logs(tmp_path):
    results = tmp_path / "r"
    assert rollback.failed_log_path(results, str(results / "logs/a.log")) == str(
        results / "logs/failed-run/a.log"
    )
    assert rollback.failed_log_path("r", "r/logs/sub/a.log") == "r/logs/sub/a.log"
    assert rollback.failed_log_path("r", "r/logs/a.txt") == "r/logs/a.txt"


def test_console_level_from_the_environment(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv(console.CONSOLE_LEVEL_ENV, raising=False)
    assert logs.console_level() == logging.INFO
    monkeypatch.setenv(console.CONSOLE_LEVEL_ENV, "nonsense")
    assert logs.console_level() == logging.INFO
    monkeypatch.setenv(console.CONSOLE_LEVEL_ENV, "warning")
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
    lines, emitted = job_lines(
        show_failed_logs=True, relocate_log=lambda p: rollback.failed_log_path(tmp_path, p)
    )
    lines.filter(record("job_error", jobid=2, rule_name="v", log=[str(log)], aux={}))
    assert emitted[-1][1].splitlines()[1:] == [
        f"    log: {tmp_path}/logs/failed-run/v.log (check it for the error's details)",
        f"    {log}:",
        "        INFO [v] read",
        "        ERROR [v] bad cell",
    ]


def test_shell_commands_only_when_asked_for():
    quiet, emitted_quiet = job_lines()
    quiet.filter(record("shellcmd", cmd="python -m qutiflow.audit --all"))
    assert emitted_quiet == []
    loud, emitted = job_lines(printshellcmds=True)
    loud.filter(record("shellcmd", shellcmd="python -m qutiflow.audit --all"))
    loud.filter(record("shellcmd", shellcmd=None))  # a script rule has none
    assert emitted == [(logging.INFO, "python -m qutiflow.audit --all")]
