"""Rule normalise_power_traces: power traces as one long table.

Inputs: trace files (ragged columns <mode>_<net>_volt/_amp and Idle), config/aliases.csv.
Output: normalised/power_traces.parquet (schemas.POWER_TRACES: time_s [s], voltage_v [V],
current_a [A], power_w [W]). Params: platform (the traces' platform), raw_data.
"""

import pandas as pd
from qutiflow import errors, io, logs, reference, schemas
from qutiflow.paths import display_name
from qutiflow.readers.power_traces import read_power_trace


def main(*, traces, aliases, output, platform, raw_data, log=None):
    log_ = logs.setup(log, "normalise_power_traces")
    vocab = reference.vocabulary(io.read_csv_text(aliases, aliases))
    resolved = vocab.resolve("platform", pd.Series([platform]))
    errors.raise_if_any(
        vocab.unknown_problems(
            "platform",
            pd.Series([platform]),
            resolved.unknown,
            pd.Series([0]),
            file="config",
            column="inputs.power_traces_platform",
        )
    )
    platform = resolved.canonical.iloc[0]
    frames, problems = [], []
    for path in traces:
        try:
            frames.append(read_power_trace(path, display_name(path, raw_data), vocab, platform=platform))
        except errors.InputError as err:
            problems += err.problems
    errors.raise_if_any(problems)
    if frames:
        table = pd.concat(frames, ignore_index=True)
    else:
        table = schemas.empty_frame(schemas.POWER_TRACES)
        log_.info("no power traces given: writing an empty table")
    for (mode, series), part in table.groupby(["op_mode", "series"], sort=True):
        log_.info("%s %s: %d samples", mode, series, len(part))
    io.write_parquet(table, output, schemas.POWER_TRACES)


if "snakemake" in globals():
    logs.run_entry(
        main,
        snakemake,
        traces=list(snakemake.input.traces),
        aliases=snakemake.input.aliases,
        output=snakemake.output[0],
        platform=snakemake.params.platform,
        raw_data=snakemake.params.raw_data,
        log=snakemake.log[0],
    )
