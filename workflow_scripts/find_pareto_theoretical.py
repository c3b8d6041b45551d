"""Rule find_pareto_theoretical: the strict pareto front of predicted throughput against
reference top-1 accuracy, both maximised, for one task.

Inputs: {task}/predictions.parquet, normalised/topologies.parquet. Output:
{task}/pareto_theoretical.parquet (schemas.PARETO_THEORETICAL), sorted by predicted_fps.
Models without a reference accuracy are left out and counted in the log.
"""
from qutiflow import io, logs, pareto, schemas

KEY = ["topology", "pruning_pct", "datatype"]


def main(*, predictions, topologies, output, log=None):
    log_ = logs.setup(log, "find_pareto_theoretical")
    acc = io.read_parquet(topologies)[KEY + ["top1_pct"]]
    points = io.read_parquet(predictions).merge(acc, on=KEY, how="left", validate="many_to_one")
    missing = points["top1_pct"].isna()
    log_.info("%d predicted points, %d without a reference accuracy left out",
              len(points), int(missing.sum()))
    front = pareto.front(points.loc[~missing], "predicted_fps", "top1_pct")
    log_.info("front: %d points", len(front))
    io.write_parquet(front, output, schemas.PARETO_THEORETICAL)


if "snakemake" in globals():
    logs.run_entry(main, predictions=snakemake.input.predictions,
                   topologies=snakemake.input.topologies, output=snakemake.output[0],
                   log=snakemake.log[0])
