"""Rule normalise_platforms: the platform catalogue in canonical order.

Inputs: validated/platforms.parquet, config/aliases.csv (for the canonical order).
Output: normalised/platforms.parquet (schemas.PLATFORMS).
"""

from qutiflow import catalogues, io, logs, reference, schemas


def main(*, validated, aliases, output, log=None):
    log_ = logs.setup(log, "normalise_platforms")
    vocab = reference.vocabulary(io.read_csv_text(aliases, aliases))
    table = catalogues.sort_platforms(io.read_parquet(validated), vocab)
    log_.info(
        "%d rows, %d platforms: %s",
        len(table),
        table["platform"].nunique(),
        ", ".join(table["platform"].unique()),
    )
    io.write_parquet(table, output, schemas.PLATFORMS)


if "snakemake" in globals():
    logs.run_entry(
        main,
        snakemake,
        validated=snakemake.input.validated,
        aliases=snakemake.input.aliases,
        output=snakemake.output[0],
        log=snakemake.log[0],
    )
