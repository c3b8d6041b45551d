"""Rule score_fidelity: how well level 0, level 1 and level 1 calibrated predict what was measured.

Inputs: normalised/measurements.parquet, normalised/platforms.parquet, every task's
predictions.parquet (level 0), config/platform_architecture.csv, config/aliases.csv.
Outputs: fidelity/predictions_vs_measured.parquet (one row per measured configuration x
batch x model) and fidelity/summary.parquet (scores per model, scope and platform, anchors
left out). The log names every measured configuration without a level-1 prediction and
every architecture default applied.
"""

import pandas as pd
from qutiflow import architecture, fidelity, io, level1, logs, reference, schemas
from qutiflow.networks.catalogue import network_for
from qutiflow.networks.table import layer_table
from qutiflow.readers.architecture import platform_architecture


def main(
    *, measurements, platforms, predictions, architecture_table, aliases, rows_out, summary_out, log=None
):
    log_ = logs.setup(log, "score_fidelity")
    vocab = reference.vocabulary(io.read_csv_text(aliases, aliases))
    facts = platform_architecture(io.read_csv_text(architecture_table, architecture_table), vocab)
    joined, notes = architecture.architecture_for(io.read_parquet(platforms), facts)
    for note in notes:
        log_.info("architecture default: %s", note)
    if notes:
        logs.tally("architecture defaults filled in for the level-1 model", len(notes))
    plats = level1.platforms_from_catalogue(joined)

    def platform_for(platform, op_mode, datatype):
        return plats.get((platform, op_mode or "", datatype))

    rows = fidelity.compare(_measured(measurements), _level0(predictions), _layers_lookup(log_), platform_for)
    _warn_missing_level1(rows, log_)
    rows["op_mode"] = rows["op_mode"].replace("", None)
    summary = fidelity.summary(rows)
    _log_scores(summary, log_)
    rows = rows.astype({"batch": "int64", "is_anchor": bool})
    summary["beats_physics_n"] = summary["beats_physics_n"].fillna(0).astype("int64")
    io.write_parquet(rows, rows_out, schemas.FIDELITY_ROWS)
    io.write_parquet(summary, summary_out, schemas.FIDELITY_SUMMARY)


def _layers_lookup(log_):
    """``layers_for(topology, pruning)``: the network's layers for level 1 (None, warned of
    once, where it has no layer definition), each network worked out once."""
    cache: dict[tuple, pd.DataFrame | None] = {}

    def layers_for(topology, pruning):
        key = (topology, float(pruning))
        if key not in cache:
            try:
                cache[key] = level1.Layers.of(layer_table(network_for(topology, float(pruning))))
            except ValueError as err:
                log_.warning("no layer definition for %s %g %%: %s", topology, pruning, err)
                cache[key] = None
        return cache[key]

    return layers_for


def _measured(measurements) -> pd.DataFrame:
    """The measured configurations: only the columns the scores read (a measurement table
    has two dozen), the throughput as ``measured_fps``, op_mode "" for none."""
    m = io.read_parquet(
        measurements,
        columns=["task", *fidelity.CONFIG, "batch", "throughput_compute_fps", "gop_per_inference"],
    )
    m = m.rename(columns={"throughput_compute_fps": "measured_fps"})
    m["op_mode"] = m["op_mode"].fillna("").astype(str)
    return m


def _level0(predictions) -> pd.DataFrame:
    """Every task's level-0 predictions, one row per configuration, op_mode "" for none."""
    zero = pd.concat([io.read_parquet(p) for p in predictions], ignore_index=True)
    zero["op_mode"] = zero["op_mode"].fillna("").astype(str)
    return zero.drop_duplicates(fidelity.CONFIG)


def _warn_missing_level1(rows: pd.DataFrame, log_) -> None:
    """A warning per measured configuration without a level-1 prediction."""
    missing = rows.loc[
        (rows["model"] == "level1") & rows["predicted_fps"].isna(), fidelity.CONFIG
    ].drop_duplicates()
    for r in missing.itertuples(index=False):
        log_.warning(
            "no level-1 prediction for %s %s %s %s %g %% (no layer definition or platform row)",
            r.platform,
            r.op_mode or "-",
            r.datatype,
            r.topology,
            r.pruning_pct,
        )


def _log_scores(summary: pd.DataFrame, log_) -> None:
    """Log each model's overall scores per scope."""
    for r in summary.loc[summary["platform"] == "all"].itertuples(index=False):
        log_.info(
            "%s, %s: n=%d, median |log10| %.3f, p90 %.3f, within x2 %.0f %%, within 25 %% %.0f %%",
            r.model,
            r.scope,
            r.n,
            r.median_abs_log10,
            r.p90_abs_log10,
            r.within_2x_pct,
            r.within_25_pct,
        )


if "snakemake" in globals():
    logs.run_entry(
        main,
        snakemake,
        measurements=snakemake.input.measurements,
        platforms=snakemake.input.platforms,
        predictions=list(snakemake.input.predictions),
        architecture_table=snakemake.input.architecture,
        aliases=snakemake.input.aliases,
        rows_out=snakemake.output.rows,
        summary_out=snakemake.output.summary,
        log=snakemake.log[0],
    )
