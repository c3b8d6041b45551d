"""Rule build_tables: the raw-measurements table per platform and the overview of
experiments of one task, generated from the data, as Parquet and readable HTML.

Input: {task}/measurements.parquet. Outputs under {task}/tables/: raw_measurements
(.parquet, .html: one table per platform, columns with units in their names) and overview
(.parquet, .html: which platform ran which topology at which datatypes, prunings and batch
sizes). Params: task.
"""
from qutiflow import io, logs, measured, schemas, tables
from qutiflow.figures.theme import TASK_TITLES

RAW_COLUMNS = ["platform_label", "datatype", "topology", "pruning_pct", "batch",
               "latency_system_ms", "latency_compute_ms", "throughput_system_fps",
               "throughput_compute_fps", "perf_system_gops", "perf_compute_gops", "top1_pct",
               "top5_pct", "power_base_w", "power_idle_w", "power_full_w", "gop_per_inference",
               "source_file", "source_line"]


def main(*, measurements, raw_parquet, raw_html, overview_parquet, overview_html, task, log=None):
    log_ = logs.setup(log, f"build_tables {task}")
    m = io.read_parquet(measurements)
    name = TASK_TITLES[task]
    io.write_parquet(m, raw_parquet, schemas.TASK_MEASUREMENTS)
    sections = tables.by_platform(m[RAW_COLUMNS])
    io.write_bytes(tables.page(f"Raw measurements: {name}", sections,
                               note="Units are in the column names (ms, fps, GOP/s, %, W, GOP).").encode(),
                   raw_html)
    ov = measured.overview(m)
    io.write_parquet(ov, overview_parquet, schemas.OVERVIEW)
    io.write_bytes(tables.page(f"Overview of experiments: {name}",
                               [("Datatypes · pruning levels · batch sizes", tables.overview_grid(ov))],
                               note="Generated from the measurements.").encode(), overview_html)
    log_.info("%d rows in %d platform tables; overview: %d platform x topology cells",
              len(m), len(sections), len(ov))


if "snakemake" in globals():
    logs.run_entry(main, measurements=snakemake.input.measurements,
                   raw_parquet=snakemake.output.raw_parquet, raw_html=snakemake.output.raw_html,
                   overview_parquet=snakemake.output.overview_parquet,
                   overview_html=snakemake.output.overview_html, task=snakemake.params.task,
                   log=snakemake.log[0])
