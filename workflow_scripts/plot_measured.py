"""Rule plot_measured: the measured figures of one task, each as .vl.json, .svg, .png and
an offline .html.

Inputs: {task}/measurements.parquet, pareto_measured.parquet, efficiency.parquet,
predictions.parquet, normalised/topologies.parquet (reference accuracies of the
predictions), all/rooflines.parquet (every platform: one colour each in every chart),
config/platform_families.csv, the Vega bundle. Outputs under {task}/figures/:
design_pareto, overlapped_pareto, efficiency, latency_throughput, boxplot_latency,
boxplot_throughput, boxplot_power, power_bars, energy_per_inference, fps_per_watt. A
figure with no rows to draw (e.g. no power measurements) is a note saying so, logged as a
warning. Params: task.
"""
from qutiflow import families, io, logs, measured, reference
from qutiflow.figures import measured as charts
from qutiflow.figures.empty import or_note
from qutiflow.figures.save import save_chart
from qutiflow.figures.theme import TASK_TITLES, hardware_order

POINT = ["config_key", "platform_label", "datatype", "topology", "pruning_pct", "batch",
         "throughput_compute_fps", "top1_pct"]
BOXES = (("boxplot_latency", "latency_compute_ms", "Latency", "Compute latency [ms]"),
         ("boxplot_throughput", "throughput_compute_fps", "Throughput", "Compute throughput [fps]"),
         ("boxplot_power", "power_full_w", "Power Consumption", "Full power [W]"))
BARS = (("power_bars", "power_full_w", "Power Plots", "Mean full power [W]", ".1f"),
        ("energy_per_inference", "energy_mj", "Energy per Inference", "Energy per inference [mJ]", ".3~g"),
        ("fps_per_watt", "fps_per_w", "Throughput per Watt", "Throughput per watt [fps/W]", ".3~s"))


def main(*, measurements, pareto, efficiency, predictions, topologies, rooflines, families_table,
         bundle, figures, task, log=None, record_id=None):
    log_ = logs.setup(log, f"plot_measured {task}")
    name = TASK_TITLES[task]
    js = open(bundle, encoding="utf-8").read()
    fam = reference.platform_families(io.read_csv_text(families_table, families_table))
    order = hardware_order(io.read_parquet(rooflines))
    m = io.read_parquet(measurements, categorical=True)
    best = measured.best_per_config(m)
    eff, _ = families.with_family(io.read_parquet(efficiency), fam)
    points, _ = families.with_family(
        measured.overlapped_points(best, io.read_parquet(predictions), io.read_parquet(topologies)), fam)
    means = measured.per_config_means(m)
    none = f"No measurements for {name}" if m.empty else None
    nothing_predicted = none or f"No measured configuration of {name} has a level-0 prediction"
    # stem: (rows to draw, how to draw them (rows, title), title, the note if there are none)
    plan = {
        "design_pareto": (best.loc[best["top1_pct"].notna(), POINT], lambda f, t: charts.design_pareto_chart(
            f, io.read_parquet(pareto)[POINT], title=t, order=order),
            f"{name} Classification Design Space: Accuracy Versus Performance",
            none or f"No measured configuration of {name} has a top-1 accuracy"),
        "overlapped_pareto": (points, lambda f, t: charts.overlapped_pareto_chart(f, title=t, order=order),
                              f"Overlapped Pareto Plots, Theoretical and Measured, for {name}",
                              nothing_predicted),
        "efficiency": (eff, lambda f, t: charts.efficiency_chart(f, title=t),
                       f"Efficiency Plots for {name}", nothing_predicted),
        "latency_throughput": (measured.median_per_batch(m), lambda f, t: charts.latency_throughput_chart(
            f, title=t, order=order),
            f"Latency Versus Performance for Pruned and Quantized {name} Classifiers", none),
    }
    for stem, value, what, unit in BOXES:
        plan[stem] = (measured.boxplot_stats(m, value), lambda f, t, unit=unit: charts.boxplot_chart(
            f, value_title=unit, title=t, order=order),
            f"{what} by Hardware/Framework and Pruning for {name} Classification",
            none or (f"No power measurements for {name}" if value == "power_full_w" else None))
    for stem, value, what, unit, fmt in BARS:
        values = means[["config_key", "platform_label", value]].rename(columns={value: "value"})
        plan[stem] = (values.dropna(subset=["value"]), lambda f, t, unit=unit, fmt=fmt: charts.bar_chart(
            f, value_title=unit, title=t, fmt=fmt, order=order),
            f"{what} for {name} Classification", none or f"No power measurements for {name}")
    for stem, (rows, build, title, message) in plan.items():
        chart, is_note = or_note(rows, lambda f, build=build, title=title: build(f, title), title=title,
                                 message=message or f"No rows for {name}")
        if is_note:
            log_.warning("%s: %s; drawn as a note", stem, message)
        save_chart(chart, figures[stem], bundle=js, record_id=record_id)
        log_.info("wrote %s.{vl.json,svg,png,html} (%d rows)", figures[stem], len(rows))


if "snakemake" in globals():
    logs.run_entry(main, snakemake, measurements=snakemake.input.measurements, pareto=snakemake.input.pareto,
                   efficiency=snakemake.input.efficiency, predictions=snakemake.input.predictions,
                   topologies=snakemake.input.topologies, rooflines=snakemake.input.rooflines,
                   families_table=snakemake.input.families, bundle=snakemake.input.bundle,
                   figures=dict(snakemake.params.figures), task=snakemake.params.task,
                   log=snakemake.log[0])
