"""Rule plot_measured: the measured figures of one task, each as .vl.json, .svg, .png and
an offline .html.

Inputs: {task}/measurements.parquet, pareto_measured.parquet, efficiency.parquet,
predictions.parquet, normalised/topologies.parquet (reference accuracies of the
predictions), config/platform_families.csv, the Vega bundle. Outputs under
{task}/figures/: design_pareto, overlapped_pareto, efficiency, latency_throughput,
boxplot_latency, boxplot_throughput, boxplot_power, power_bars, energy_per_inference,
fps_per_watt. Params: task.
"""
from qutiflow import families, io, logs, measured, reference
from qutiflow.figures import measured as charts
from qutiflow.figures.save import save_chart
from qutiflow.figures.theme import TASK_TITLES

POINT = ["config_key", "platform_label", "datatype", "topology", "pruning_pct", "batch",
         "throughput_compute_fps", "top1_pct"]


def main(*, measurements, pareto, efficiency, predictions, topologies, families_table, bundle,
         figures, task, log=None):
    log_ = logs.setup(log, f"plot_measured {task}")
    name = TASK_TITLES[task]
    js = open(bundle, encoding="utf-8").read()
    fam = reference.platform_families(io.read_csv_text(families_table, families_table))
    m = io.read_parquet(measurements, categorical=True)
    best = measured.best_per_config(m)
    front = io.read_parquet(pareto)
    eff, _ = families.with_family(io.read_parquet(efficiency), fam)
    points, _ = families.with_family(
        measured.overlapped_points(best, io.read_parquet(predictions), io.read_parquet(topologies)), fam)
    means = measured.per_config_means(m)
    lat = measured.median_per_batch(m)
    built = {
        "design_pareto": charts.design_pareto_chart(
            best.loc[best["top1_pct"].notna(), POINT], front[POINT],
            title=f"{name} Classification Design Space: Accuracy Versus Performance"),
        "overlapped_pareto": charts.overlapped_pareto_chart(
            points[["config_key", "platform_label", "family", "type", "fps", "top1_pct", "is_front"]],
            title=f"Overlapped Pareto Plots, Theoretical and Measured, for {name}"),
        "efficiency": charts.efficiency_chart(
            eff[["config_key", "platform_label", "family", "measured_fps", "predicted_fps",
                 "peak_fps", "efficiency_pct"]], title=f"Efficiency Plots for {name}"),
        "latency_throughput": charts.latency_throughput_chart(
            lat, title=f"Latency Versus Performance for Pruned and Quantized {name} Classifiers"),
    }
    for stem, value, what, unit in (("boxplot_latency", "latency_compute_ms", "Latency", "Compute latency [ms]"),
                                    ("boxplot_throughput", "throughput_compute_fps", "Throughput",
                                     "Compute throughput [fps]"),
                                    ("boxplot_power", "power_full_w", "Power Consumption", "Full power [W]")):
        built[stem] = charts.boxplot_chart(
            measured.boxplot_stats(m, value), value_title=unit,
            title=f"{what} by Hardware/Framework and Pruning for {name} Classification")
    for stem, value, title, unit, fmt in (
            ("power_bars", "power_full_w", "Power Plots", "Mean full power [W]", ".1f"),
            ("energy_per_inference", "energy_mj", "Energy per Inference", "Energy per inference [mJ]", ".3~g"),
            ("fps_per_watt", "fps_per_w", "Throughput per Watt", "Throughput per watt [fps/W]", ".3~s")):
        values = means[["config_key", "platform_label", value]].rename(columns={value: "value"})
        built[stem] = charts.bar_chart(values.dropna(subset=["value"]), value_title=unit,
                                       title=f"{title} for {name} Classification", fmt=fmt)
    for stem, chart in built.items():
        save_chart(chart, figures[stem], bundle=js)
        log_.info("wrote %s.{vl.json,svg,png,html}", figures[stem])


if "snakemake" in globals():
    logs.run_entry(main, snakemake, measurements=snakemake.input.measurements, pareto=snakemake.input.pareto,
                   efficiency=snakemake.input.efficiency, predictions=snakemake.input.predictions,
                   topologies=snakemake.input.topologies, families_table=snakemake.input.families,
                   bundle=snakemake.input.bundle, figures=dict(snakemake.params.figures),
                   task=snakemake.params.task, log=snakemake.log[0])
