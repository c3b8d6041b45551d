"""Rule find_pareto_measured: the design-space pareto front of one task.

Input: {task}/measurements.parquet. Output: {task}/pareto_measured.parquet
(schemas.PARETO_MEASURED): per configuration (platform, op mode, datatype, topology,
pruning) its best throughput_compute_fps [fps] over batch sizes, then the strict front with
throughput and top1_pct [%] both maximised, sorted by throughput. Configurations without
an accuracy are left out and counted in the log.
"""
from qutiflow import io, logs, measured, schemas


def main(*, measurements, output, log=None):
    log_ = logs.setup(log, "find_pareto_measured")
    best = measured.best_per_config(io.read_parquet(measurements, categorical=True))
    front, no_accuracy = measured.measured_front(best)
    log_.info("%d configurations (best over batch sizes); %d without accuracy left out; "
              "front: %d points", len(best), no_accuracy, len(front))
    io.write_parquet(front, output, schemas.PARETO_MEASURED)


if "snakemake" in globals():
    logs.run_entry(main, measurements=snakemake.input.measurements, output=snakemake.output[0],
                   log=snakemake.log[0])
