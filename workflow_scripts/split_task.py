"""Rule split_task: one task's measurements, its design-space pareto front and its tables.

Inputs: normalised/measurements/{task}.parquet, {task}/predictions.parquet. Outputs:
- {task}/measurements.parquet: the task's rows plus platform_label, config_key and
  latency_compute_norm_ratio (compute latency ÷ the largest of the same topology);
- {task}/pareto_measured.parquet: per configuration its best throughput_compute_fps [fps]
  over batch sizes, then the strict front with top1_pct [%] (both maximised), sorted by
  throughput; configurations without an accuracy are left out and counted;
- {task}/efficiency.parquet: per configuration with a prediction, measured_fps (best over
  batch sizes), predicted_fps, peak_fps (peak TOP/s × 1000 ÷ GOP), efficiency_pct =
  measured ÷ predicted × 100 and is_above_roofline; configurations without one are logged;
- {task}/tables/raw_measurements.{parquet,html} (one table per platform) and
  {task}/tables/overview.{parquet,html} (which platform ran which topology at which
  datatypes, prunings and batch sizes), generated from the data.
Params: task. One job, because every output follows from the same rows (a Python job costs
0.75 s to start; see README, Benchmarks).
"""
from qutiflow import io, logs, measured, schemas, tables, tasks
from qutiflow.tasks import TASK_TITLES  # not from figures.theme: no Altair import (0.3 s)

#: a readable page, not a dump: more rows than this per platform stay in the Parquet file
HTML_ROWS_PER_PLATFORM = 2000
RAW_COLUMNS = ["platform_label", "datatype", "topology", "pruning_pct", "batch",
               "latency_system_ms", "latency_compute_ms", "throughput_system_fps",
               "throughput_compute_fps", "perf_system_gops", "perf_compute_gops", "top1_pct",
               "top1_source", "top5_pct", "power_base_w", "power_idle_w", "power_full_w",
               "gop_per_inference",
               "source_file", "source_line"]


def main(*, measurements, predictions, output, pareto, efficiency, raw_parquet, raw_html, overview_parquet, overview_html,
         task, log=None):
    log_ = logs.setup(log, f"split_task {task}")
    name = TASK_TITLES[task]
    table = tasks.for_task(io.read_parquet(measurements, categorical=True), task)
    log_.info("%s: %d measured rows, %d configurations, platforms: %s", task, len(table),
              table["config_key"].nunique(), ", ".join(sorted(table["platform"].unique())) or "none")
    io.write_parquet(table, output, schemas.TASK_MEASUREMENTS)

    best = measured.best_per_config(table)
    front, no_accuracy = measured.measured_front(best)
    log_.info("%d configurations (best over batch sizes); %d without accuracy left out of the "
              "front; front: %d points", len(best), no_accuracy, len(front))
    io.write_parquet(front, pareto, schemas.PARETO_MEASURED)

    eff, unmatched = measured.efficiency(best, io.read_parquet(predictions))
    log_.info("efficiency: %d configurations with a prediction, %d above their roofline",
              len(eff), int(eff["is_above_roofline"].sum()))
    for key in unmatched["config_key"]:
        log_.warning("no level-0 prediction for %s: left out of the efficiency table (no "
                     "catalogue model of this datatype, or no platform row); add the model to "
                     "the topology catalogue", key)
    if len(unmatched):
        log_.warning("%d measured configurations have no level-0 prediction",
                     len(unmatched))
    io.write_parquet(eff, efficiency, schemas.EFFICIENCY)

    io.write_parquet(table, raw_parquet, schemas.TASK_MEASUREMENTS)
    sections = tables.by_platform(table[RAW_COLUMNS], limit=HTML_ROWS_PER_PLATFORM)
    io.write_bytes(tables.page(f"Raw measurements: {name}", sections, note=(
        "Units are in the column names (ms, fps, GOP/s, %, W, GOP).")).encode(), raw_html)
    overview = measured.overview(table)
    io.write_parquet(overview, overview_parquet, schemas.OVERVIEW)
    io.write_bytes(tables.page(f"Overview of experiments: {name}",
                               [("Datatypes · pruning levels · batch sizes",
                                 tables.overview_grid(overview))],
                               note="Generated from the measurements.").encode(), overview_html)
    log_.info("tables: %d platforms, %d platform x topology cells", len(sections), len(overview))


if "snakemake" in globals():
    out = snakemake.output
    logs.run_entry(main, snakemake, measurements=snakemake.input.measurements,
                   predictions=snakemake.input.predictions, output=out.measurements,
                   pareto=out.pareto, efficiency=out.efficiency, raw_parquet=out.raw_parquet, raw_html=out.raw_html,
                   overview_parquet=out.overview_parquet, overview_html=out.overview_html,
                   task=snakemake.params.task, log=snakemake.log[0])
