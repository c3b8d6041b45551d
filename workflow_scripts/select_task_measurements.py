"""Rule select_task_measurements: one task's measurement rows and the overview of what
was measured.

Input: normalised/measurements/{task}.parquet. Outputs:
- {task}/measurements.parquet: the task's rows plus platform_label, config_key and
  latency_compute_norm_ratio (compute latency ÷ the largest of the same topology);
- {task}/tables/overview.parquet: which platform ran which topology at which datatypes,
  prunings and batch sizes, generated from the rows.
Params: task. The front and the efficiency follow from these rows in analyse_measured
(which also needs the predictions; this job does not).
"""

from qutiflow import io, logs, measured, schemas, tasks


def main(*, measurements, output, overview, task, log=None):
    log_ = logs.setup(log, f"select_task_measurements {task}")
    table = tasks.for_task(io.read_parquet(measurements, categorical=True), task)
    log_.info(
        "%s: %d measured rows, %d configurations, platforms: %s",
        task,
        len(table),
        table["config_key"].nunique(),
        ", ".join(sorted(table["platform"].unique())) or "none",
    )
    io.write_parquet(table, output, schemas.TASK_MEASUREMENTS)

    cells = measured.overview(table)
    io.write_parquet(cells, overview, schemas.OVERVIEW)
    log_.info(
        "overview: %d platforms, %d platform x topology cells", cells["platform_label"].nunique(), len(cells)
    )


if "snakemake" in globals():
    logs.run_entry(
        main,
        snakemake,
        measurements=snakemake.input.measurements,
        output=snakemake.output.measurements,
        overview=snakemake.output.overview,
        task=snakemake.params.task,
        log=snakemake.log[0],
    )
