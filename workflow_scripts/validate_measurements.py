"""Rule validate_measurements: read and check every measurement file before anything uses it.

Inputs: measurement files (master-table or per-run log layout), config/aliases.csv,
config/topologies.csv, config/op_counts.csv. Output: validated/measurements.parquet, the
rows of every file (placeholders included) with canonical names, typed numbers (units in
the column names) and source_file/source_line. Params: raw_data (the folder that
source_file is relative to). Any problem in any file stops the run, all reported at once.
"""
import pandas as pd

from qutiflow import clean, errors, io, logs, reference, schemas
from qutiflow.paths import display_name
from qutiflow.readers.measurements import read_measurement_file


def main(*, measurements, aliases, topologies, op_counts, output, raw_data, log=None):
    log_ = logs.setup(log, "validate_measurements")
    vocab = reference.vocabulary(io.read_csv_text(aliases, aliases))
    tasks = reference.topology_tasks(io.read_csv_text(topologies, topologies), vocab)
    counts = reference.op_counts(io.read_csv_text(op_counts, op_counts), vocab)
    frames, problems = [], []
    for path in measurements:
        name = display_name(path, raw_data)
        try:
            text, notes = read_measurement_file(path, name)
        except errors.InputError as err:
            problems += err.problems
            continue
        for note in notes:
            log_.warning(note)
        frame, found = clean.check_measurements(text, file=name, vocab=vocab, topology_tasks=tasks)
        problems += found
        frames.append(frame.assign(source_file=name,
                                   topology_label=text.attrs["labels"]["topology"]))
        log_.info("%s: %d rows read", name, len(frame))
    if frames:
        table = pd.concat(frames, ignore_index=True)
        problems += clean.missing_op_counts(table, counts, file_of_row=table["source_file"],
                                            label_of_row=table.pop("topology_label"))
    errors.raise_if_any(problems)
    if not frames:
        log_.info("no measurement files given: the measurement tables will be empty")
        table = schemas.empty_frame(schemas.VALIDATED_MEASUREMENTS)
    schemas.check_columns(table, schemas.VALIDATED_MEASUREMENTS, what="validate_measurements")
    io.write_parquet(table, output, schemas.VALIDATED_MEASUREMENTS)
    log_.info("%d rows from %d files are valid", len(table), len(frames))


if "snakemake" in globals():
    logs.run_entry(main, measurements=list(snakemake.input.measurements),
                   aliases=snakemake.input.aliases, topologies=snakemake.input.topologies,
                   op_counts=snakemake.input.op_counts, output=snakemake.output[0],
                   raw_data=snakemake.params.raw_data, log=snakemake.log[0])
