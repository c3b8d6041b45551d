"""Rule split_task: one task's measurements with the per-task derived columns.

Input: normalised/measurements.parquet. Output: {task}/measurements.parquet with
platform_label, config_key and latency_compute_norm_ratio (compute latency ÷ the largest
compute latency of the same topology in the task). Params: task.
"""
from qutiflow import io, logs, schemas, tasks


def main(*, measurements, output, task, log=None):
    log_ = logs.setup(log, f"split_task {task}")
    table = tasks.for_task(io.read_parquet(measurements, categorical=True), task)
    log_.info("%s: %d measured rows, %d configurations, platforms: %s", task, len(table),
              table["config_key"].nunique(), ", ".join(sorted(table["platform"].unique())) or "none")
    schemas.check_columns(table, schemas.TASK_MEASUREMENTS, what="split_task")
    io.write_parquet(table, output, schemas.TASK_MEASUREMENTS)


if "snakemake" in globals():
    logs.run_entry(main, measurements=snakemake.input.measurements, output=snakemake.output[0],
                   task=snakemake.params.task, log=snakemake.log[0])
