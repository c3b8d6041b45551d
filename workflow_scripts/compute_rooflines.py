"""Rule compute_rooflines: one roofline per platform × op mode × datatype.

Inputs: normalised/platforms.parquet, config/platform_families.csv. Output:
all/rooflines.parquet (schemas.ROOFLINES): peak_tops [TOP/s], bandwidth_gbps [GB/s],
exact ridge_opb [op/B] = peak × 1000 ÷ bandwidth, and the hardware family.
"""

from qutiflow import families, io, logs, reference, roofline, schemas


def main(*, platforms, families_table, output, log=None):
    log_ = logs.setup(log, "compute_rooflines")
    table, missing = families.with_family(
        io.read_parquet(platforms),
        reference.platform_families(io.read_csv_text(families_table, families_table)),
    )
    if missing:
        log_.warning("no family for %s in %s: shown as 'other'", ", ".join(missing), families_table)
    table["ridge_opb"] = roofline.ridge_point_opb(table["peak_tops"], table["bandwidth_gbps"])
    log_.info("%d rooflines", len(table))
    io.write_parquet(table, output, schemas.ROOFLINES)


if "snakemake" in globals():
    logs.run_entry(
        main,
        snakemake,
        platforms=snakemake.input.platforms,
        families_table=snakemake.input.families,
        output=snakemake.output[0],
        log=snakemake.log[0],
    )
