"""Rule validate_platforms: read and check the platform catalogue.

Inputs: the platform catalogue files (tidy format or the original wide table),
config/aliases.csv. Output: validated/platforms.parquet (columns of schemas.PLATFORMS:
peak_tops [TOP/s], bandwidth_gbps [GB/s], memory_gb [GB], power_w [W]). Params: raw_data.
"""

from qutiflow import io, logs, reference, schemas
from qutiflow.paths import display_name
from qutiflow.readers.platforms import read_platform_files


def main(*, platforms, aliases, output, raw_data, log=None):
    log_ = logs.setup(log, "validate_platforms")
    vocab = reference.vocabulary(io.read_csv_text(aliases, aliases))
    names = [display_name(p, raw_data) for p in platforms]
    table = read_platform_files(list(zip(platforms, names)), vocab)
    log_.info("%d platform rows (platform x op mode x datatype) from %s", len(table), ", ".join(names))
    io.write_parquet(table, output, schemas.PLATFORMS)


if "snakemake" in globals():
    logs.run_entry(
        main,
        snakemake,
        platforms=list(snakemake.input.platforms),
        aliases=snakemake.input.aliases,
        output=snakemake.output[0],
        raw_data=snakemake.params.raw_data,
        log=snakemake.log[0],
    )
