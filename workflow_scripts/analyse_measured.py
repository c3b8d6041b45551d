"""Rule analyse_measured: one task's measured design-space pareto front and its efficiency
against the roofline predictions.

Inputs: {task}/measurements.parquet, {task}/predictions.parquet (and, not read,
normalised/measurements/{task}.parquet: see rules/measured.smk). Outputs:
- {task}/pareto_measured.parquet: per configuration its best throughput_compute_fps [fps]
  over batch sizes, then the strict front with top1_pct [%] (both maximised), sorted by
  throughput; configurations without an accuracy are left out and counted;
- {task}/efficiency.parquet: per configuration with a prediction, measured_fps (best over
  batch sizes), predicted_fps, peak_fps (peak TOP/s × 1000 ÷ GOP), efficiency_pct =
  measured ÷ predicted × 100 and is_above_roofline; configurations without one are logged.
A row whose measured GOP/s exceed twice its platform's peak is a warning naming its file
and line (qutiflow.plausibility).
Params: task. One job for both, because both start from the best point per configuration
(a Python job costs about 0.75 s to start; see README, Benchmarks).
"""

from qutiflow import io, logs, measured, plausibility, schemas


def main(*, measurements, predictions, pareto, efficiency, task, log=None):
    log_ = logs.setup(log, f"analyse_measured {task}")
    rows, predicted = io.read_parquet(measurements, categorical=True), io.read_parquet(predictions)
    for line in plausibility.warning_lines(plausibility.above_peak(rows, predicted)):
        log_.warning("%s", line)
    best = measured.best_per_config(rows)
    front, no_accuracy = measured.measured_front(best)
    log_.info(
        "%d configurations (best over batch sizes); %d without accuracy left out of the "
        "front; front: %d points",
        len(best),
        no_accuracy,
        len(front),
    )
    logs.tally("configurations without accuracy left out of the measured fronts", no_accuracy)
    io.write_parquet(front, pareto, schemas.PARETO_MEASURED)

    eff, unmatched = measured.efficiency(best, predicted)
    log_.info(
        "efficiency: %d configurations with a prediction, %d above their roofline",
        len(eff),
        int(eff["is_above_roofline"].sum()),
    )
    for key in unmatched["config_key"]:
        log_.warning(
            "no level-0 prediction for %s: left out of the efficiency table (no "
            "catalogue model of this datatype, or no platform row); add the model to "
            "the topology catalogue",
            key,
        )
    if len(unmatched):
        log_.warning("%d measured configurations have no level-0 prediction", len(unmatched))
    io.write_parquet(eff, efficiency, schemas.EFFICIENCY)


if "snakemake" in globals():
    logs.run_entry(
        main,
        snakemake,
        measurements=snakemake.input.measurements,
        predictions=snakemake.input.predictions,
        pareto=snakemake.output.pareto,
        efficiency=snakemake.output.efficiency,
        task=snakemake.params.task,
        log=snakemake.log[0],
    )
