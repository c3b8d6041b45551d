"""Rule plot_theory: every theoretical figure, each as .vl.json, .svg, .png and an offline
.html. One job: all of them follow from the two catalogues, so they change together.

Inputs: every task's predictions.parquet and pareto_theoretical.parquet,
normalised/topologies.parquet, all/rooflines.parquet, the Vega bundle. Outputs: the
figures of job plot_theory in config/artifacts.yaml, each drawn by the builder the
catalogue names (qutiflow.builders.theory): per task under {task}/figures/ (roofline,
prediction_heatmap, pareto_theoretical) and over all networks under all/figures/
(roofline, prediction_heatmap, requirements, platforms). A figure with no rows to draw is
a note saying so, logged as a warning. Platforms keep one colour in every chart (their
order in all/rooflines.parquet, by family). Params: tasks, titles ({task: title}),
figures ({task or "all": {name: [path without extension, builder]}}).
"""

import pandas as pd
from qutiflow import io, logs, roofline
from qutiflow.builders import draw
from qutiflow.builders.theory import Theory
from qutiflow.figures.theme import hardware_order


def main(
    *, predictions, pareto, topologies, rooflines, bundle, figures, tasks, titles, log=None, record_id=None
):
    log_ = logs.setup(log, "plot_theory")
    js = open(bundle, encoding="utf-8").read()
    models = roofline.with_intensity(io.read_parquet(topologies))
    models = models.loc[models["task"].isin(tasks)]
    lines = io.read_parquet(rooflines)
    order = hardware_order(lines)
    preds = {t: io.read_parquet(p) for t, p in zip(tasks, predictions)}
    data = {
        t: Theory(
            [titles[t]], models.loc[models["task"] == t], preds[t], lines, order, front=io.read_parquet(f)
        )
        for t, f in zip(tasks, pareto)
    }
    data["all"] = Theory(
        [titles[t] for t in tasks], models, pd.concat(preds.values(), ignore_index=True), lines, order
    )
    for folder, family in figures.items():
        draw(family, data[folder], bundle=js, log=log_, label=f"{folder}/", record_id=record_id)


if "snakemake" in globals():
    logs.run_entry(
        main,
        snakemake,
        predictions=list(snakemake.input.predictions),
        pareto=list(snakemake.input.pareto),
        topologies=snakemake.input.topologies,
        rooflines=snakemake.input.rooflines,
        bundle=snakemake.input.bundle,
        figures=dict(snakemake.params.figures),
        tasks=list(snakemake.params.tasks),
        titles=dict(snakemake.params.titles),
        log=snakemake.log[0],
    )
