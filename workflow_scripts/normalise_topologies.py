"""Rule normalise_topologies: the topology catalogue with task and op counts complete.

Inputs: validated/topologies.parquet, config/aliases.csv, config/topologies.csv,
config/op_counts.csv. Output: normalised/topologies.parquet (schemas.TOPOLOGIES:
gop_per_inference [GOP] from the op-count table, the catalogue's own value only where the
table has no row, params_m [10^6], top1_pct/top5_pct [%], intensity_reported_opb
[op/B]), ordered by task, topology, pruning (descending) and datatype.
"""

from qutiflow import catalogues, io, logs, reference, schemas


def main(*, validated, aliases, tasks, op_counts, output, log=None):
    log_ = logs.setup(log, "normalise_topologies")
    vocab = reference.vocabulary(io.read_csv_text(aliases, aliases))
    task_of = reference.topology_tasks(io.read_csv_text(tasks, tasks), vocab)
    counts = reference.op_counts(io.read_csv_text(op_counts, op_counts), vocab)
    raw = io.read_parquet(validated)
    n_own = int(raw["gop_per_inference"].notna().sum())
    table, worst = catalogues.complete_topologies(raw, tasks=task_of, op_counts=counts, vocab=vocab)
    log_.info(
        "%d models; op counts from %s (%d rows of the catalogue stated their own)",
        len(table),
        op_counts,
        n_own,
    )
    log_.info(
        "largest relative difference between the catalogue's op counts and the op-count table: %.4g", worst
    )
    io.write_parquet(table, output, schemas.TOPOLOGIES)


if "snakemake" in globals():
    logs.run_entry(
        main,
        snakemake,
        validated=snakemake.input.validated,
        aliases=snakemake.input.aliases,
        tasks=snakemake.input.tasks,
        op_counts=snakemake.input.op_counts,
        output=snakemake.output[0],
        log=snakemake.log[0],
    )
