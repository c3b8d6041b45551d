"""Rule plot_fidelity: the prediction-fidelity figures, each as .vl.json, .svg, .png and an
offline .html.

Inputs: fidelity/predictions_vs_measured.parquet (one row per measured configuration ×
batch × model; measured_fps and predicted_fps in fps), fidelity/summary.parquet (scores per
model, scope and platform; errors as |log10(measured ÷ predicted)|),
config/platform_families.csv (marker shape per hardware family), the Vega bundle.
Outputs under fidelity/figures/: fidelity_scatter (predicted against measured throughput,
a panel per model), fidelity_error (median error per platform and model, as a factor) and
fidelity_batches (measured and calibrated throughput over batch size, a panel per
platform). A figure with no rows to draw is a note saying so, logged as a warning.
Params: figures ({name: path without extension}).
"""
from pathlib import Path

from qutiflow import families, io, labels, logs, reference
from qutiflow.figures import fidelity as charts
from qutiflow.figures.empty import or_note
from qutiflow.figures.fidelity_batches import batch_lines, fidelity_batches
from qutiflow.figures.fidelity_error import fidelity_error
from qutiflow.figures.fidelity_scatter import fidelity_scatter
from qutiflow.figures.save import save_chart


def main(*, rows, summary, families_table, bundle, figures, log=None, record_id=None):
    log_ = logs.setup(log, "plot_fidelity")
    js = Path(bundle).read_text(encoding="utf-8")
    fam = reference.platform_families(io.read_csv_text(families_table, families_table))
    r, no_family = families.with_family(io.read_parquet(rows), fam)
    if no_family:
        log_.warning("no hardware family in %s for %s: drawn with the 'other' shape",
                     families_table, ", ".join(no_family))
    scores = io.read_parquet(summary)
    order = charts.platform_order(r)
    points = charts.best_batch_points(r)
    drawn = points["predicted_fps"].gt(0)
    log_.info("%d rows read; %d configurations at their best batch, %d points with a "
              "prediction (%d anchors)", len(r), len(points) // len(charts.MODELS),
              int(drawn.sum()), int((drawn & points["is_anchor"]).sum()))
    unscored = labels.unscored_platforms(r, scores)
    if unscored:
        log_.info("platforms with nothing to score (anchors only, or no prediction): %s",
                  ", ".join(unscored))
    lines = batch_lines(r)
    log_.info("batch chart: %d configurations on %d platforms with more than one batch size",
              lines.loc[lines["n_batches"] > 1, "config"].nunique(),
              lines.loc[lines["n_batches"] > 1, "platform"].nunique())
    plan = {  # stem: (rows to draw, how to draw them, title, the note if there are none)
        "fidelity_scatter": (points.loc[drawn], lambda t: fidelity_scatter(
            points, scores, order=order, title=t), "Predicted Versus Measured Throughput",
            "No measured configuration has a prediction"),
        "fidelity_error": (charts.error_points(scores), lambda t: fidelity_error(
            scores, order=order, unscored=unscored, title=t), "Prediction Error per Platform",
            "Nothing scored: every configuration is an anchor or has no prediction"),
        "fidelity_batches": (lines.loc[lines["n_batches"] > 1], lambda t: fidelity_batches(
            r, order=order, title=t), "Measured and Predicted Throughput over Batch Size",
            "No platform was measured at more than one batch size"),
    }
    for stem, (rows, build, title, message) in plan.items():
        chart, is_note = or_note(rows, lambda f, build=build, title=title: build(title), title=title, message=message)
        if is_note:
            log_.warning("%s: %s; drawn as a note", stem, message)
        save_chart(chart, figures[stem], bundle=js, record_id=record_id)
        log_.info("wrote %s.{vl.json,svg,png,html}", figures[stem])


if "snakemake" in globals():
    logs.run_entry(main, snakemake, rows=snakemake.input.rows, summary=snakemake.input.summary,
                   families_table=snakemake.input.families, bundle=snakemake.input.bundle,
                   figures=dict(snakemake.params.figures), log=snakemake.log[0])
