"""Rule plot_theory_all: the theoretical figures over all networks and platforms, each as
.vl.json, .svg, .png and an offline .html.

Inputs: every task's predictions.parquet, normalised/topologies.parquet,
all/rooflines.parquet. Outputs under all/figures/: roofline (all networks),
prediction_heatmap (all tasks), requirements (operations and model size per network),
platforms (peak performance per datatype and memory bandwidth, on separate axes).
"""
import pandas as pd

from qutiflow import io, logs, roofline
from qutiflow.figures import theory
from qutiflow.figures.save import save_chart
from qutiflow.figures.theme import TASK_TITLES


def main(*, predictions, topologies, rooflines, bundle, figures, tasks, log=None):
    log_ = logs.setup(log, "plot_theory_all")
    models = roofline.with_intensity(io.read_parquet(topologies))
    models = models.loc[models["task"].isin(tasks)]
    pred = pd.concat([io.read_parquet(p) for p in predictions], ignore_index=True)
    lines = io.read_parquet(rooflines)
    names = [TASK_TITLES[t] for t in tasks]
    joined = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
    js = open(bundle, encoding="utf-8").read()
    charts = {
        "roofline": theory.roofline_chart(
            lines, models, title="Hardware Rooflines and Network Arithmetic Intensity, all networks"),
        "prediction_heatmap": theory.heatmap_chart(pred, title=f"Performance Prediction for {joined}"),
        "requirements": theory.requirements_chart(models),
        "platforms": theory.platforms_chart(lines),
    }
    for stem, chart in charts.items():
        save_chart(chart, figures[stem], bundle=js)
        log_.info("wrote %s.{vl.json,svg,png,html}", figures[stem])


if "snakemake" in globals():
    logs.run_entry(main, predictions=list(snakemake.input.predictions),
                   topologies=snakemake.input.topologies, rooflines=snakemake.input.rooflines,
                   bundle=snakemake.input.bundle,
                   figures=dict(snakemake.params.figures), tasks=list(snakemake.params.tasks),
                   log=snakemake.log[0])
