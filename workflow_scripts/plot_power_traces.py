"""Rule plot_power_traces: power over time of the power traces (the ImageNet page).

Inputs: normalised/power_traces.parquet, the Vega bundle. Output:
imagenet/figures/power_over_time.{vl.json,svg,png,html}. Outlier rule (the original
site's): in a series whose standard deviation is at least 0.2 W, a sample further than
9 standard deviations from the series mean is dropped; the log lists each one. No
traces: a note saying so, logged as a warning.
"""
from qutiflow import io, logs, measured
from qutiflow.figures import measured as charts
from qutiflow.figures.empty import or_note
from qutiflow.figures.save import save_chart


def main(*, traces, bundle, figure, log=None, record_id=None):
    log_ = logs.setup(log, "plot_power_traces")
    kept, dropped = measured.drop_trace_outliers(io.read_parquet(traces))
    for row in dropped.itertuples(index=False):
        log_.info("outlier dropped: %s %s sample %d, %.4f W (%s:%d)", row.op_mode, row.series,
                  row.sample, row.power_w, row.source_file, row.source_line)
    log_.info("%d samples kept, %d outliers dropped", len(kept), len(dropped))
    message = "No power traces in this run's data"
    title = charts.power_trace_title(kept["platform"])  # the platforms the traces are from
    chart, is_note = or_note(kept[["op_mode", "series", "time_s", "power_w"]],
                             lambda f: charts.power_trace_chart(f, title=title), title=title,
                             message=message)
    if is_note:
        log_.warning("power_over_time: %s; drawn as a note", message)
    save_chart(chart, figure, bundle=open(bundle, encoding="utf-8").read(), record_id=record_id)


if "snakemake" in globals():
    logs.run_entry(main, snakemake, traces=snakemake.input.traces, bundle=snakemake.input.bundle,
                   figure=snakemake.params.figure, log=snakemake.log[0])
