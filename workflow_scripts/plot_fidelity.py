"""Rule plot_fidelity: the prediction-fidelity figures, each as .vl.json, .svg, .png and an
offline .html.

Inputs: fidelity/predictions_vs_measured.parquet (one row per measured configuration ×
batch × model; measured_fps and predicted_fps in fps), fidelity/summary.parquet (scores per
model, scope and platform; errors as |log10(measured ÷ predicted)|),
config/platform_families.csv (marker shape per hardware family), the Vega bundle.
Outputs under fidelity/figures/: the figures of job plot_fidelity in
config/artifacts.yaml, each drawn by the builder the catalogue names
(qutiflow.builders.fidelity): fidelity_scatter (predicted against measured throughput, a
panel per model), fidelity_error (median error per platform and model, as a factor) and
fidelity_batches (measured and calibrated throughput over batch size, a panel per
platform). A figure with no rows to draw is a note saying so, logged as a warning.
Params: figures ({name: [path without extension, builder]}).
"""

from pathlib import Path

from qutiflow import families, io, labels, logs, reference
from qutiflow.builders import draw
from qutiflow.builders.fidelity import Fidelity
from qutiflow.figures import fidelity as charts
from qutiflow.figures.fidelity_batches import batch_lines


def main(*, rows, summary, families_table, bundle, figures, log=None, record_id=None):
    log_ = logs.setup(log, "plot_fidelity")
    js = Path(bundle).read_text(encoding="utf-8")
    fam = reference.platform_families(io.read_csv_text(families_table, families_table))
    r, no_family = families.with_family(io.read_parquet(rows), fam)
    if no_family:
        log_.warning(
            "no hardware family in %s for %s: drawn with the 'other' shape",
            families_table,
            ", ".join(no_family),
        )
    scores = io.read_parquet(summary)
    order = charts.platform_order(r)
    points = charts.best_batch_points(r)
    drawn = points["predicted_fps"].gt(0)
    log_.info(
        "%d rows read; %d configurations at their best batch, %d points with a prediction (%d anchors)",
        len(r),
        len(points) // len(charts.MODELS),
        int(drawn.sum()),
        int((drawn & points["is_anchor"]).sum()),
    )
    unscored = labels.unscored_platforms(r, scores)
    if unscored:
        log_.info("platforms with nothing to score (anchors only, or no prediction): %s", ", ".join(unscored))
    lines = batch_lines(r)
    log_.info(
        "batch chart: %d configurations on %d platforms with more than one batch size",
        lines.loc[lines["n_batches"] > 1, "config"].nunique(),
        lines.loc[lines["n_batches"] > 1, "platform"].nunique(),
    )
    draw(
        figures,
        Fidelity(rows=r, scores=scores, points=points, lines=lines, order=order, unscored=unscored),
        bundle=js,
        log=log_,
        record_id=record_id,
    )


if "snakemake" in globals():
    logs.run_entry(
        main,
        snakemake,
        rows=snakemake.input.rows,
        summary=snakemake.input.summary,
        families_table=snakemake.input.families,
        bundle=snakemake.input.bundle,
        figures=dict(snakemake.params.figures),
        log=snakemake.log[0],
    )
