"""Rule compute_efficiency: measured throughput against the roofline, per configuration.

Inputs: {task}/measurements.parquet, {task}/predictions.parquet. Output:
{task}/efficiency.parquet (schemas.EFFICIENCY): measured_fps (best over batch sizes),
predicted_fps, peak_fps (peak TOP/s × 1000 ÷ GOP), efficiency_pct = measured ÷ predicted
× 100, is_above_roofline. Configurations without a prediction are listed in the log.
"""
from qutiflow import io, logs, measured, schemas


def main(*, measurements, predictions, output, log=None):
    log_ = logs.setup(log, "compute_efficiency")
    best = measured.best_per_config(io.read_parquet(measurements, categorical=True))
    table, unmatched = measured.efficiency(best, io.read_parquet(predictions))
    log_.info("%d configurations, %d with a prediction, %d above their roofline",
              len(best), len(table), int(table["is_above_roofline"].sum()))
    for row in unmatched.itertuples(index=False):
        log_.info("no prediction for %s %s %s %s %g %% (no catalogue model or platform row "
                  "for this datatype)", row.platform, row.op_mode or "", row.datatype,
                  row.topology, row.pruning_pct)
    io.write_parquet(table, output, schemas.EFFICIENCY)


if "snakemake" in globals():
    logs.run_entry(main, measurements=snakemake.input.measurements,
                   predictions=snakemake.input.predictions, output=snakemake.output[0],
                   log=snakemake.log[0])
