"""Rule validate_platforms: read and check the platform catalogue.

Inputs: the platform catalogue (tidy format or the original wide table),
config/aliases.csv. Output: validated/platforms.parquet (columns of schemas.PLATFORMS:
peak_tops [TOP/s], bandwidth_gbps [GB/s], memory_gb [GB], power_w [W]). Params: raw_data.
"""
from qutiflow import io, logs, reference, schemas
from qutiflow.paths import display_name
from qutiflow.readers.platforms import read_platforms


def main(*, platforms, aliases, output, raw_data, log=None):
    log_ = logs.setup(log, "validate_platforms")
    vocab = reference.vocabulary(io.read_csv_text(aliases, aliases))
    table = read_platforms(platforms, display_name(platforms, raw_data), vocab)
    log_.info("%d platform rows (platform x op mode x datatype) from %s", len(table),
             display_name(platforms, raw_data))
    io.write_parquet(table, output, schemas.PLATFORMS)


if "snakemake" in globals():
    logs.run_entry(main, platforms=snakemake.input.platforms, aliases=snakemake.input.aliases,
                   output=snakemake.output[0], raw_data=snakemake.params.raw_data,
                   log=snakemake.log[0])
