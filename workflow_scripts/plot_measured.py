"""Rule plot_measured: the measured figures of one task, each as .vl.json, .svg, .png and
an offline .html.

Inputs: {task}/measurements.parquet, pareto_measured.parquet, efficiency.parquet,
predictions.parquet, normalised/topologies.parquet (reference accuracies of the
predictions), all/rooflines.parquet (every platform: one colour each in every chart),
config/platform_families.csv, the Vega bundle. Outputs under {task}/figures/: the
figures of job plot_measured in config/artifacts.yaml (design_pareto, overlapped_pareto,
efficiency, latency_throughput, the box plots, power_bars, ...), each drawn by the builder
the catalogue names (qutiflow.builders.measured). A figure with no rows to draw (e.g. no
power measurements) is a note saying so, logged as a warning. Params: task, title (the
task's), figures ({name: [path without extension, builder]}).
"""

from qutiflow import families, io, logs, measured, reference
from qutiflow.builders import draw
from qutiflow.builders.measured import Measured
from qutiflow.figures.theme import hardware_order


def main(
    *,
    measurements,
    pareto,
    efficiency,
    predictions,
    topologies,
    rooflines,
    families_table,
    bundle,
    figures,
    task,
    title,
    log=None,
    record_id=None,
):
    log_ = logs.setup(log, f"plot_measured {task}")
    js = open(bundle, encoding="utf-8").read()
    fam = reference.platform_families(io.read_csv_text(families_table, families_table))
    m = io.read_parquet(measurements, categorical=True)
    best = measured.best_per_config(m)
    eff, _ = families.with_family(io.read_parquet(efficiency), fam)
    points, _ = families.with_family(
        measured.overlapped_points(best, io.read_parquet(predictions), io.read_parquet(topologies)), fam
    )
    data = Measured(
        name=title,
        rows=m,
        best=best,
        efficiency=eff,
        overlapped=points,
        means=measured.per_config_means(m),
        pareto_file=pareto,
        order=hardware_order(io.read_parquet(rooflines)),
    )
    draw(figures, data, bundle=js, log=log_, record_id=record_id)


if "snakemake" in globals():
    logs.run_entry(
        main,
        snakemake,
        measurements=snakemake.input.measurements,
        pareto=snakemake.input.pareto,
        efficiency=snakemake.input.efficiency,
        predictions=snakemake.input.predictions,
        topologies=snakemake.input.topologies,
        rooflines=snakemake.input.rooflines,
        families_table=snakemake.input.families,
        bundle=snakemake.input.bundle,
        figures=dict(snakemake.params.figures),
        task=snakemake.params.task,
        title=snakemake.params.title,
        log=snakemake.log[0],
    )
