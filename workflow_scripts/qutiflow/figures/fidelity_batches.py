"""Measured and calibrated-predicted throughput over batch size, a panel per platform
(:func:`fidelity_batches`), from the lines of each platform's fastest configurations
(:func:`batch_lines`)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..fidelity import CONFIG
from ..labels import network_label
from .fidelity import config_label
from .scales import ordered
from .theme import network_colours

BATCH_PANEL = (215, 150)
BATCH_COLUMNS = 4
#: the batch chart's two line types: measured solid, calibrated prediction dashed
BATCH_TYPES = ["measured", "level1_calibrated"]


def batch_lines(rows: pd.DataFrame) -> pd.DataFrame:
    """Measured and calibrated-predicted throughput over batch size, for each platform's
    fastest configuration of each network: per platform and network (topology and
    pruning), the op mode and datatype of the highest measured throughput (ties: first in
    configuration order). A row per configuration × batch × ``type``
    (:data:`BATCH_TYPES`) with ``config``, ``network``, ``fps`` and ``n_batches`` (how many
    batch sizes the platform was measured at); repeated measurements of one batch are
    averaged, rows without a value dropped."""
    keys = list(CONFIG)
    cal = rows.loc[rows["model"] == "level1_calibrated"]
    best = cal.sort_values(
        ["measured_fps"] + keys, ascending=[False] + [True] * len(keys), kind="stable", na_position="last"
    )
    fastest = best.drop_duplicates(["platform", "topology", "pruning_pct"])[keys]
    cal = cal.merge(fastest, on=keys)
    parts = [
        cal.assign(type="measured", fps=cal["measured_fps"]),
        cal.assign(type="level1_calibrated", fps=cal["predicted_fps"]),
    ]
    long = pd.concat(parts, ignore_index=True)
    long = long.loc[long["fps"].gt(0)]
    out = (
        long.groupby(keys + ["batch", "type"], dropna=False, sort=True, observed=True)
        .agg(fps=("fps", "mean"))
        .reset_index()
    )
    n = out.groupby("platform", sort=False)["batch"].transform("nunique")
    return out.assign(config=config_label(out), network=network_label(out), n_batches=n)


def fidelity_batches(rows: pd.DataFrame, *, order: list[str], title: str) -> alt.FacetChart:
    """Throughput over batch size, a panel per platform measured at more than one batch
    size (log axes, each panel its own scales), for its fastest configuration of each
    network (:func:`batch_lines`): measured as solid lines with dots, level 1 calibrated
    dashed, coloured by network (a hue per topology, a shade per pruning).

    ``rows`` is ``fidelity/predictions_vs_measured.parquet``."""
    b = batch_lines(rows)
    single = sorted(set(b.loc[b["n_batches"] < 2, "platform"].astype(str)))
    d = b.loc[
        b["n_batches"] >= 2,
        ["platform", "config", "topology", "pruning_pct", "network", "batch", "type", "fps"],
    ]
    panels = [p for p in order if p in set(d["platform"])] + sorted(set(d["platform"]) - set(order))
    colour = _network_colour(d, panels)
    predicted, measured = _batch_layers(colour)
    d = d.drop(columns=["topology", "pruning_pct"])
    sub = [
        (
            "For each platform and network, its fastest op mode and datatype; solid: "
            "measured, dashed: level 1 calibrated."
        )
    ]
    if single:
        sub.append(f"Measured at one batch size only, not shown: {', '.join(single)}.")
    return (
        alt.layer(predicted, measured, data=d)
        .properties(width=BATCH_PANEL[0], height=BATCH_PANEL[1])
        .facet(
            facet=alt.Facet("platform:N")
            .sort(panels)
            .title(None)
            .header(labelFontSize=12, labelFontWeight="bold"),
            columns=BATCH_COLUMNS,
        )
        .resolve_scale(x="independent", y="independent")
        .properties(title=alt.TitleParams(title, subtitle=sub))
    )


def _network_colour(d: pd.DataFrame, panels: list[str]) -> alt.Color:
    """The colour per network: hues follow the panels, so that the few topologies of one
    panel differ most; the prunings of a topology are shades of its hue: no two lines of a
    panel share a colour."""
    ranked = d.assign(rank=d["platform"].map({p: i for i, p in enumerate(panels)})).sort_values(
        "rank", kind="stable"
    )
    topologies = ordered(ranked["topology"].astype(str))
    labels, colours = network_colours(
        topologies, [ordered(d.loc[d["topology"].astype(str) == t, "pruning_pct"]) for t in topologies]
    )
    return (
        alt.Color("network:N")
        .scale(domain=labels, range=colours)
        .sort(labels)
        .title("Network")
        .legend(columns=1 if len(labels) <= 16 else 2)
    )


def _batch_layers(colour: alt.Color) -> tuple[alt.Chart, alt.Chart]:
    """The calibrated predictions (dashed) and the measurements (solid, with dots) over
    batch size on log axes, coloured by ``colour``."""
    dash = (
        alt.StrokeDash("type:N")
        .scale(domain=BATCH_TYPES, range=[[1, 0], [5, 3]])
        .title("Throughput")
        .legend(
            symbolType="stroke",
            symbolStrokeColor="#444444",
            labelExpr="datum.value == 'level1_calibrated' ? 'level 1 calibrated' : datum.value",
        )
    )
    tooltip = [
        alt.Tooltip("config:N", title="configuration"),
        alt.Tooltip("type:N"),
        alt.Tooltip("batch:Q"),
        alt.Tooltip("fps:Q", title="throughput [fps]", format=",.4~g"),
    ]
    base = alt.Chart().encode(
        x=alt.X("batch:Q").scale(type="log", nice=False).title("Batch size").axis(format="~s", tickCount=5),
        y=alt.Y("fps:Q").scale(type="log").title("Throughput [fps]").axis(format="~s", tickCount=5),
        color=colour,
        detail="config:N",
        tooltip=tooltip,
    )
    measured = (
        base.mark_line(strokeWidth=1.6, point=alt.OverlayMarkDef(size=16, filled=True))
        .encode(strokeDash=dash)
        .transform_filter(alt.datum.type == "measured")
    )
    predicted = (
        base.mark_line(strokeWidth=1.6, opacity=0.9)
        .encode(strokeDash=dash)
        .transform_filter(alt.datum.type == "level1_calibrated")
    )
    return predicted, measured
