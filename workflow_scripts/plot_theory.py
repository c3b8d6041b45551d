"""Rule plot_theory: the theoretical figures of one task, each as .vl.json, .svg, .png and
an offline .html.

Inputs: {task}/predictions.parquet, {task}/pareto_theoretical.parquet,
normalised/topologies.parquet, all/rooflines.parquet. Outputs under {task}/figures/:
roofline (rooflines and network intensities), prediction_heatmap, pareto_theoretical.
Params: task.
"""
from qutiflow import io, logs, roofline
from qutiflow.figures import theory
from qutiflow.figures.save import save_chart
from qutiflow.figures.theme import TASK_TITLES

KEY = ["topology", "pruning_pct", "datatype"]


def main(*, predictions, pareto, topologies, rooflines, bundle, figures, task, log=None):
    log_ = logs.setup(log, f"plot_theory {task}")
    name = TASK_TITLES[task]
    models = roofline.with_intensity(io.read_parquet(topologies))
    models = models.loc[models["task"] == task]
    pred = io.read_parquet(predictions)
    points = pred.merge(models[KEY + ["top1_pct"]], on=KEY, how="left").dropna(subset=["top1_pct"])
    js = open(bundle, encoding="utf-8").read()
    charts = {
        "roofline": theory.roofline_chart(
            io.read_parquet(rooflines), models,
            title=f"Hardware Rooflines and Network Arithmetic Intensity for {name}"),
        "prediction_heatmap": theory.heatmap_chart(pred, title=f"Performance Prediction for {name}"),
        "pareto_theoretical": theory.pareto_chart(points, io.read_parquet(pareto),
                                                  title=f"Theoretical Pareto for {name}"),
    }
    for stem, chart in charts.items():
        save_chart(chart, figures[stem], bundle=js)
        log_.info("wrote %s.{vl.json,svg,png,html}", figures[stem])


if "snakemake" in globals():
    logs.run_entry(main, predictions=snakemake.input.predictions, pareto=snakemake.input.pareto,
                   topologies=snakemake.input.topologies, rooflines=snakemake.input.rooflines,
                   bundle=snakemake.input.bundle,
                   figures=dict(snakemake.params.figures), task=snakemake.params.task,
                   log=snakemake.log[0])
