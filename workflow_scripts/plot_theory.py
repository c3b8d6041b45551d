"""Rule plot_theory: every theoretical figure, each as .vl.json, .svg, .png and an offline
.html. One job: all of them follow from the two catalogues, so they change together.

Inputs: every task's predictions.parquet and pareto_theoretical.parquet,
normalised/topologies.parquet, all/rooflines.parquet, the Vega bundle. Outputs:
{task}/figures/{roofline,prediction_heatmap,pareto_theoretical} for each task, and
all/figures/{roofline,prediction_heatmap,requirements,platforms} over all networks. A
figure with no rows to draw is a note saying so, logged as a warning. Platforms keep one
colour in every chart (their order in all/rooflines.parquet, by family). Params: tasks, figures ({task or "all": {name: path without extension}}).
"""
import pandas as pd
from qutiflow import io, logs, roofline
from qutiflow.figures import theory
from qutiflow.figures.empty import or_note
from qutiflow.figures.save import save_chart
from qutiflow.figures.theme import TASK_TITLES, hardware_order

KEY = ["topology", "pruning_pct", "datatype"]


def task_charts(task, models, predictions, front, lines, order):
    """stem: (rows to draw, how to draw them, title, the note if there are none)."""
    name = TASK_TITLES[task]
    points = predictions.merge(models[KEY + ["top1_pct"]], on=KEY, how="left").dropna(
        subset=["top1_pct"])
    return {
        "roofline": (lines, lambda f, t: theory.roofline_chart(f, models, title=t, order=order),
                     f"Hardware Rooflines and Network Arithmetic Intensity for {name}",
                     "No platforms in the catalogue"),
        "prediction_heatmap": (predictions, lambda f, t: theory.heatmap_chart(f, title=t),
                               f"Performance Prediction for {name}",
                               f"No level-0 predictions for {name}: no platform runs a "
                               f"datatype of its networks"),
        "pareto_theoretical": (points, lambda f, t: theory.pareto_chart(f, front, title=t, order=order),
                               f"Theoretical Pareto for {name}",
                               f"No level-0 prediction for {name} has a reference top-1 accuracy"),
    }


def all_charts(tasks, models, predictions, lines, order):
    names = [TASK_TITLES[t] for t in tasks]
    joined = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
    return {
        "roofline": (lines, lambda f, t: theory.roofline_chart(f, models, title=t, order=order),
                     "Hardware Rooflines and Network Arithmetic Intensity, all networks",
                     "No platforms in the catalogue"),
        "prediction_heatmap": (predictions, lambda f, t: theory.heatmap_chart(f, title=t),
                               f"Performance Prediction for {joined}", "No level-0 predictions"),
        "requirements": (models, lambda f, t: theory.requirements_chart(f),
                         "Compute and Memory Requirements for All CNNs", "No networks in the catalogue"),
        "platforms": (lines, lambda f, t: theory.platforms_chart(f),
                      "Peak Performance and Memory Bandwidth for All Hardware Platforms",
                      "No platforms in the catalogue"),
    }


def main(*, predictions, pareto, topologies, rooflines, bundle, figures, tasks, log=None, record_id=None):
    log_ = logs.setup(log, "plot_theory")
    js = open(bundle, encoding="utf-8").read()
    models = roofline.with_intensity(io.read_parquet(topologies))
    models = models.loc[models["task"].isin(tasks)]
    lines = io.read_parquet(rooflines)
    order = hardware_order(lines)
    preds = {t: io.read_parquet(p) for t, p in zip(tasks, predictions)}
    plans = {t: task_charts(t, models.loc[models["task"] == t], preds[t], io.read_parquet(f),
                            lines, order) for t, f in zip(tasks, pareto)}
    plans["all"] = all_charts(tasks, models, pd.concat(preds.values(), ignore_index=True), lines,
                              order)
    for folder, plan in plans.items():
        for stem, (rows, build, title, message) in plan.items():
            chart, is_note = or_note(rows, lambda f, build=build, title=title: build(f, title), title=title, message=message)
            if is_note:
                log_.warning("%s/%s: %s; drawn as a note", folder, stem, message)
            save_chart(chart, figures[folder][stem], bundle=js, record_id=record_id)
            log_.info("wrote %s.{vl.json,svg,png,html}", figures[folder][stem])


if "snakemake" in globals():
    logs.run_entry(main, snakemake, predictions=list(snakemake.input.predictions),
                   pareto=list(snakemake.input.pareto), topologies=snakemake.input.topologies,
                   rooflines=snakemake.input.rooflines, bundle=snakemake.input.bundle,
                   figures=dict(snakemake.params.figures), tasks=list(snakemake.params.tasks),
                   log=snakemake.log[0])
