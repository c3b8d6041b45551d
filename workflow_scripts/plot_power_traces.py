"""Rule plot_power_traces: power over time of the power traces (the ImageNet page).

Inputs: normalised/power_traces.parquet, the Vega bundle. Output: the figures of job
plot_power_traces in config/artifacts.yaml, drawn by the builder the catalogue names
(qutiflow.builders.traces): imagenet/figures/power_over_time.{vl.json,svg,png,html}.
Outlier rule (the original site's): in a series whose standard deviation is at least
0.2 W, a sample further than 9 standard deviations from the series mean is dropped; the
log lists each one. No traces: a note saying so, logged as a warning. Params: figures
({name: [path without extension, builder]}).
"""

from qutiflow import io, logs, measured
from qutiflow.builders import draw
from qutiflow.builders.traces import Traces


def main(*, traces, bundle, figures, log=None, record_id=None):
    log_ = logs.setup(log, "plot_power_traces")
    kept, dropped = measured.drop_trace_outliers(io.read_parquet(traces))
    for row in dropped.itertuples(index=False):
        log_.info(
            "outlier dropped: %s %s sample %d, %.4f W (%s:%d)",
            row.op_mode,
            row.series,
            row.sample,
            row.power_w,
            row.source_file,
            row.source_line,
        )
    log_.info("%d samples kept, %d outliers dropped", len(kept), len(dropped))
    logs.tally("power-trace outliers dropped", len(dropped))
    draw(figures, Traces(kept), bundle=open(bundle, encoding="utf-8").read(), log=log_, record_id=record_id)


if "snakemake" in globals():
    logs.run_entry(
        main,
        snakemake,
        traces=snakemake.input.traces,
        bundle=snakemake.input.bundle,
        figures=dict(snakemake.params.figures),
        log=snakemake.log[0],
    )
