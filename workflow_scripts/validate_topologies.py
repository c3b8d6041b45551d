"""Rule validate_topologies: read and check the topology catalogue files.

Inputs: the topology catalogue (tidy files, or the original accuracy and
compute-requirements tables), config/aliases.csv, config/topologies.csv,
config/op_counts.csv. Output: validated/topologies.parquet (schemas.TOPOLOGIES without
task). Params: raw_data. Fails when a model has no task or no op count anywhere.
"""

from qutiflow import catalogues, errors, io, logs, reference, schemas
from qutiflow.paths import display_name
from qutiflow.readers.topologies import read_topologies

COLUMNS = [c for c in schemas.TOPOLOGIES if c.name != "task"]


def main(*, topologies, aliases, tasks, op_counts, output, raw_data, log=None):
    log_ = logs.setup(log, "validate_topologies")
    vocab = reference.vocabulary(io.read_csv_text(aliases, aliases))
    task_of = reference.topology_tasks(io.read_csv_text(tasks, tasks), vocab)
    counts = reference.op_counts(io.read_csv_text(op_counts, op_counts), vocab)
    files = [(p, display_name(p, raw_data)) for p in topologies]
    table = read_topologies(files, vocab)
    names = ", ".join(n for _, n in files)
    errors.raise_if_any(catalogues.topology_problems(table, tasks=task_of, op_counts=counts, file=names))
    log_.info("%d trained models (topology x pruning x datatype) from %s", len(table), names)
    io.write_parquet(table, output, COLUMNS)


if "snakemake" in globals():
    logs.run_entry(
        main,
        snakemake,
        topologies=list(snakemake.input.topologies),
        aliases=snakemake.input.aliases,
        tasks=snakemake.input.tasks,
        op_counts=snakemake.input.op_counts,
        output=snakemake.output[0],
        raw_data=snakemake.params.raw_data,
        log=snakemake.log[0],
    )
