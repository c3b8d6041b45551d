"""Rule validate_measurements: read and check every measurement file before anything uses it.

Inputs: measurement files (master-table or per-run log layout), config/aliases.csv,
config/topologies.csv, config/op_counts.csv. Output: validated/measurements.parquet, the
measured rows of every file (those with a compute latency; placeholders are checked, then
dropped and counted) with canonical names, typed numbers (units in the column names) and
source_file/source_line: the file (relative to raw_data) and line of the row, or, for a row
converted from another layout (origin_file/origin_line columns, e.g. the published QuTiBench
measurements made by workflow_scripts/convert_original.py), the original file and line.
Files are read in chunks so that memory stays bounded. Params: raw_data (the folder that
source_file is relative to). Any problem in any file stops the run, all reported at once;
messages name the file read and its own line. Values that pass but are probably slips (a
thousands separator, throughput and latency that disagree with the batch, an accuracy as a
fraction, one configuration measured twice far apart) are warnings naming file and line.
"""

import dataclasses

import pandas as pd
from qutiflow import clean, errors, io, logs, plausibility, reference, schemas
from qutiflow.paths import display_name
from qutiflow.readers.measurements import iter_measurement_file

#: lines read and checked at a time: bounds memory on large files
CHUNK_ROWS = 250_000


@dataclasses.dataclass
class _Found:
    """What the files' checks have found so far: the checked rows of each chunk (while
    there is no problem), the problems and warnings, each file's own name for the
    topology column, and the counts of :func:`qutiflow.clean.drop_placeholders`."""

    frames: list[pd.DataFrame] = dataclasses.field(default_factory=list)
    problems: list = dataclasses.field(default_factory=list)
    warnings: list = dataclasses.field(default_factory=list)
    topology_label: dict[str, str] = dataclasses.field(default_factory=dict)
    counts: dict[str, int] = dataclasses.field(default_factory=dict)


def main(*, measurements, aliases, topologies, op_counts, output, raw_data, log=None):
    log_ = logs.setup(log, "validate_measurements")
    files = [display_name(p, raw_data) for p in measurements]
    vocab = reference.vocabulary(io.read_csv_text(aliases, aliases))
    tasks = reference.topology_tasks(io.read_csv_text(topologies, topologies), vocab)
    counts = reference.op_counts(io.read_csv_text(op_counts, op_counts), vocab)
    found = _Found()
    for path in measurements:
        _check_file(
            path, display_name(path, raw_data), files=files, vocab=vocab, tasks=tasks, log_=log_, found=found
        )
    if found.frames:
        table = _joined(found, counts, log_, n_files=len(measurements))
    errors.raise_if_any(found.problems)
    if found.frames:
        found.warnings += plausibility.inconsistent_rows(table) + plausibility.repeated_configurations(table)
    for line in plausibility.warning_lines(found.warnings):
        log_.warning("%s", line)
    if found.counts:
        _log_counts(log_, found.counts)
    if not found.frames:
        log_.info("no measurement files given: the measurement tables will be empty")
        table = schemas.empty_frame(schemas.VALIDATED_MEASUREMENTS)
    schemas.check_columns(table, schemas.VALIDATED_MEASUREMENTS, what="validate_measurements")
    io.write_parquet(table, output, schemas.VALIDATED_MEASUREMENTS)
    log_.info("every row is valid")


def _check_file(path, name, *, files, vocab, tasks, log_, found: _Found) -> None:
    """Read and check one measurement file chunk by chunk into ``found``; its rows are kept
    only while no file has a problem (once the run must fail, keep checking but stop
    storing)."""
    n_rows = 0
    try:
        chunks, notes = iter_measurement_file(path, name, chunk_rows=CHUNK_ROWS)
        for note in notes:
            log_.warning(note)
        for text in chunks:
            frame, problems = clean.check_measurements(text, file=name, vocab=vocab, topology_tasks=tasks)
            found.problems += problems
            found.warnings += plausibility.thousands_separators(
                text, clean.NUMERIC, file=name, line=text[io.LINE]
            )
            n_rows += len(frame)
            frame, dropped = clean.drop_placeholders(frame)
            for k, v in dropped.items():
                found.counts[k] = found.counts.get(k, 0) + v
            if not found.problems:
                found.frames.append(
                    frame.assign(source_file=pd.Categorical([name] * len(frame), categories=files))
                )
            found.topology_label[name] = text.attrs["labels"]["topology"]
    except errors.InputError as err:
        found.problems += err.problems
        return
    log_.info("%s: %d rows read", name, n_rows)


def _joined(found: _Found, counts, log_, *, n_files: int) -> pd.DataFrame:
    """The files' rows as one table, source columns pointing at each row's origin; the
    problems of topologies without an op count go to ``found``."""
    table = pd.concat(found.frames, ignore_index=True)
    found.problems += clean.missing_op_counts(
        table,
        counts,
        file_of_row=table["source_file"],
        label_of_row=table["source_file"].map(found.topology_label),
    )
    log_.info("%d rows from %d files", len(table), n_files)
    if "origin_file" in table.columns:
        log_.info(
            "%d rows converted from another layout: source_file and source_line "
            "name their original file and line",
            int(table["origin_file"].notna().sum()),
        )
    return clean.point_at_origin(table)


def _log_counts(log_, counts: dict[str, int]) -> None:
    """Log how many rows were read, kept and dropped (placeholders, system values only), and
    count the drops for the run's summary (qutiflow.logs.tally)."""
    log_.info("%d rows read, %d with a compute latency kept", counts["rows_in"], counts["rows_out"])
    log_.info("dropped %d placeholder rows with no measured value", counts["placeholders_dropped"])
    logs.tally("placeholder measurement rows dropped (no measured value)", counts["placeholders_dropped"])
    if counts["system_only_dropped"]:
        log_.info(
            "dropped %d rows with system values but no compute latency (the original site dropped them too)",
            counts["system_only_dropped"],
        )
        logs.tally(
            "measurement rows dropped (system values but no compute latency)", counts["system_only_dropped"]
        )


if "snakemake" in globals():
    logs.run_entry(
        main,
        snakemake,
        measurements=list(snakemake.input.measurements),
        aliases=snakemake.input.aliases,
        topologies=snakemake.input.topologies,
        op_counts=snakemake.input.op_counts,
        output=snakemake.output[0],
        raw_data=snakemake.params.raw_data,
        log=snakemake.log[0],
    )
