"""Rule plot_theory: every theoretical figure, each as .vl.json, .svg, .png and an offline
.html. One job: all of them follow from the two catalogues, so they change together.

Inputs: every task's predictions.parquet and pareto_theoretical.parquet,
normalised/topologies.parquet, all/rooflines.parquet, the Vega bundle. Outputs:
{task}/figures/{roofline,prediction_heatmap,pareto_theoretical} for each task, and
all/figures/{roofline,prediction_heatmap,requirements,platforms} over all networks.
Params: tasks, figures ({task or "all": {name: path without extension}}).
"""
import pandas as pd

from qutiflow import io, logs, roofline
from qutiflow.figures import theory
from qutiflow.figures.save import save_chart
from qutiflow.figures.theme import TASK_TITLES

KEY = ["topology", "pruning_pct", "datatype"]


def task_charts(task, models, predictions, front, lines):
    name = TASK_TITLES[task]
    points = predictions.merge(models[KEY + ["top1_pct"]], on=KEY, how="left").dropna(
        subset=["top1_pct"])
    return {
        "roofline": theory.roofline_chart(
            lines, models, title=f"Hardware Rooflines and Network Arithmetic Intensity for {name}"),
        "prediction_heatmap": theory.heatmap_chart(predictions,
                                                   title=f"Performance Prediction for {name}"),
        "pareto_theoretical": theory.pareto_chart(points, front,
                                                  title=f"Theoretical Pareto for {name}"),
    }


def all_charts(tasks, models, predictions, lines):
    names = [TASK_TITLES[t] for t in tasks]
    joined = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
    return {
        "roofline": theory.roofline_chart(
            lines, models, title="Hardware Rooflines and Network Arithmetic Intensity, all networks"),
        "prediction_heatmap": theory.heatmap_chart(predictions,
                                                   title=f"Performance Prediction for {joined}"),
        "requirements": theory.requirements_chart(models),
        "platforms": theory.platforms_chart(lines),
    }


def main(*, predictions, pareto, topologies, rooflines, bundle, figures, tasks, log=None):
    log_ = logs.setup(log, "plot_theory")
    js = open(bundle, encoding="utf-8").read()
    models = roofline.with_intensity(io.read_parquet(topologies))
    models = models.loc[models["task"].isin(tasks)]
    lines = io.read_parquet(rooflines)
    preds = {t: io.read_parquet(p) for t, p in zip(tasks, predictions)}
    charts = {t: task_charts(t, models.loc[models["task"] == t], preds[t], io.read_parquet(f), lines)
              for t, f in zip(tasks, pareto)}
    charts["all"] = all_charts(tasks, models, pd.concat(preds.values(), ignore_index=True), lines)
    for folder, family in charts.items():
        for stem, chart in family.items():
            save_chart(chart, figures[folder][stem], bundle=js)
            log_.info("wrote %s.{vl.json,svg,png,html}", figures[folder][stem])


if "snakemake" in globals():
    logs.run_entry(main, snakemake, predictions=list(snakemake.input.predictions),
                   pareto=list(snakemake.input.pareto), topologies=snakemake.input.topologies,
                   rooflines=snakemake.input.rooflines, bundle=snakemake.input.bundle,
                   figures=dict(snakemake.params.figures), tasks=list(snakemake.params.tasks),
                   log=snakemake.log[0])
