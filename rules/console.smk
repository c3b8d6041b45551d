"""The console of a run. The default workflow profile (profiles/default) hides Snakemake's
block per job, which lists every input and output file (`--quiet rules host`). Here each
job gets one line instead (its rule and wildcards), and each failed job its rule, log and
message (qutiflow.console); the entry scripts print only their warnings and errors, their
counts stay in the logs. Only in the main Snakemake process. With `--workflow-profile none`
(or a `--quiet` that leaves the rules shown) the console is Snakemake's own."""
from snakemake.logging import logger as snakemake_logger

from qutiflow import console, rollback  # noqa: E402


def failed_run_log(path):
    """Where a failed job's log is read after the run: the rollback of rules/transaction.smk
    keeps the failed run's logs in logs/failed-run/ (not with --no-hooks; the execution
    settings exist once jobs run)."""
    execution = workflow.execution_settings
    return path if execution is not None and execution.no_hooks else \
        rollback.failed_log_path(RESULTS, path)


def use_short_console():
    """In place of Snakemake's hidden job blocks: a line per job, a block per failed job."""
    output = workflow.output_settings
    os.environ.setdefault(console.CONSOLE_LEVEL_ENV, "WARNING")
    for earlier in [f for f in snakemake_logger.filters if isinstance(f, console.JobLines)]:
        snakemake_logger.removeFilter(earlier)
    snakemake_logger.addFilter(console.JobLines(
        snakemake_logger.log, dryrun=output.dryrun, relocate_log=failed_run_log,
        show_failed_logs=output.show_failed_logs, printshellcmds=output.printshellcmds))


if workflow.is_main_process and console.short_console(workflow.output_settings.quiet or ()):
    use_short_console()
