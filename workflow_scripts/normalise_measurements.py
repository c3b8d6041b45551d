"""Rule normalise_measurements: measured rows with op counts and GOP/s filled in.

Input: validated/measurements.parquet, config/op_counts.csv, config/aliases.csv. Output:
normalised/measurements.parquet, one row per measurement with a compute latency
(validate_measurements dropped the placeholders), gop_per_inference [GOP] from the row's own file
(GOPS ÷ batch) or else from the op-count table (is_gop_filled), and perf_*_gops [GOP/s] =
throughput [fps] × gop_per_inference; and normalised/measurements/{task}.parquet, the same
rows of each task of params.tasks (in the order of the output list), so that a task's table
is byte-identical when only other tasks' measurements changed.
"""

from qutiflow import clean, io, logs, reference, schemas


def main(*, validated, op_counts, aliases, output, per_task=(), tasks=(), log=None):
    log_ = logs.setup(log, "normalise_measurements")
    vocab = reference.vocabulary(io.read_csv_text(aliases, aliases))
    counts = reference.op_counts(io.read_csv_text(op_counts, op_counts), vocab)
    measured = io.read_parquet(validated, categorical=True)
    log_.info("%d measured rows", len(measured))
    if measured.empty:
        log_.warning("there are no measurements: writing an empty table")
    filled = clean.gop_fill(measured, counts)
    own = ~filled["is_gop_filled"]
    log_.info(
        "gop_per_inference: %d rows from their own file, %d from %s",
        int(own.sum()),
        int((~own).sum()),
        op_counts,
    )
    logs.tally("op counts (GOP per inference) filled from the op-count table", int((~own).sum()))
    ref = filled.merge(counts, on=["topology", "pruning_pct"], how="left", suffixes=("", "_ref"))
    rel = ((ref["gop_per_inference"] - ref["gop_per_inference_ref"]).abs() / ref["gop_per_inference_ref"])[
        own.to_numpy()
    ]
    if rel.notna().any():
        log_.info("largest relative difference between a file's own op count and the table: %.4g", rel.max())
    for col in ("throughput_compute_fps", "top1_pct", "power_full_w"):
        log_.info("%d kept rows have no %s", int(filled[col].isna().sum()), col)
    schemas.check_columns(filled, schemas.MEASUREMENTS, what="normalise_measurements")
    io.write_parquet(filled, output, schemas.MEASUREMENTS)
    for task, path in zip(tasks, per_task, strict=True):
        rows = filled.loc[filled["task"] == task].reset_index(drop=True)
        log_.info("%s: %d rows -> %s", task, len(rows), path)
        io.write_parquet(rows, path, schemas.MEASUREMENTS)


if "snakemake" in globals():
    logs.run_entry(
        main,
        snakemake,
        validated=snakemake.input.validated,
        op_counts=snakemake.input.op_counts,
        aliases=snakemake.input.aliases,
        output=snakemake.output.all,
        per_task=list(snakemake.output.per_task),
        tasks=snakemake.params.tasks,
        log=snakemake.log[0],
    )
