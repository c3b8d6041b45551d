"""Rule predict_roofline: roofline predictions of throughput for one task, and their
theoretical pareto front.

Inputs: normalised/platforms.parquet, normalised/topologies.parquet. Outputs:
- {task}/predictions.parquet (schemas.PREDICTIONS): one row per platform × op mode ×
  datatype × trained model of the task with that datatype; arithmetic_intensity_opb
  [op/B], attainable_tops [TOP/s], predicted_fps [fps], bound;
- {task}/pareto_theoretical.parquet: the strict front of predicted_fps and the model's
  reference top1_pct (both maximised); models without a reference accuracy are left out.
Params: task.
"""

from qutiflow import io, logs, roofline, schemas
from qutiflow import pareto as fronts

KEY = ["topology", "pruning_pct", "datatype"]


def main(*, platforms, topologies, output, pareto, task, log=None):
    log_ = logs.setup(log, f"predict_roofline {task}")
    models = roofline.with_intensity(io.read_parquet(topologies))
    models = models.loc[models["task"] == task]
    if models["intensity_rel_diff"].notna().any():
        worst = models.loc[models["intensity_rel_diff"].idxmax()]
        log_.info(
            "largest relative difference between the input's stated intensity and ours: "
            "%.4f (%s %g%% %s: %.2f stated, %.2f computed)",
            worst.intensity_rel_diff,
            worst.topology,
            worst.pruning_pct,
            worst.datatype,
            worst.intensity_reported_opb,
            worst.arithmetic_intensity_opb,
        )
    table = roofline.predict(io.read_parquet(platforms), models)
    log_.info(
        "%s: %d predictions (%d memory-bound, %d compute-bound) for %d models",
        task,
        len(table),
        int((table["bound"] == "memory").sum()),
        int((table["bound"] == "compute").sum()),
        len(models),
    )
    io.write_parquet(table, output, schemas.PREDICTIONS)

    points = table.merge(models[KEY + ["top1_pct"]], on=KEY, how="left", validate="many_to_one")
    missing = points["top1_pct"].isna()
    front = fronts.front(points.loc[~missing], "predicted_fps", "top1_pct")
    log_.info(
        "theoretical front: %d points (%d predictions without a reference accuracy left out)",
        len(front),
        int(missing.sum()),
    )
    logs.tally(
        "predictions without a reference accuracy left out of the theoretical fronts", int(missing.sum())
    )
    io.write_parquet(front, pareto, schemas.PARETO_THEORETICAL)


if "snakemake" in globals():
    logs.run_entry(
        main,
        snakemake,
        platforms=snakemake.input.platforms,
        topologies=snakemake.input.topologies,
        output=snakemake.output.predictions,
        pareto=snakemake.output.pareto,
        task=snakemake.params.task,
        log=snakemake.log[0],
    )
