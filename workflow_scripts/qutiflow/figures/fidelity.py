"""Charts of prediction fidelity: how close level 0 (QuTiBench's roofline), level 1 (the
layer-wise model, physics only) and level 1 calibrated come to what was measured. This module
holds what the charts share: the models' names and colours, each platform's colour and shape,
the configuration labels, the points at the best batch and the scores as factors. The charts:
:mod:`~qutiflow.figures.fidelity_scatter` (predicted against measured),
:mod:`~qutiflow.figures.fidelity_error` (the error per platform) and
:mod:`~qutiflow.figures.fidelity_batches` (throughput over batch size).

Builders take the tidy tables of rule ``score_fidelity``
(``fidelity/predictions_vs_measured.parquet``, ``fidelity/summary.parquet``), plus a
``family`` column for the platform shapes, and return Altair charts. Each platform keeps
one colour and one shape in all three charts: pass them the same ``order``
(:func:`platform_order`).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import fidelity
from ..labels import error_factor, hardware_label, network_label
from .scales import in_order
from .theme import FAMILY_COLOURS, PREDICTED_COLOUR, colours_for

MODELS = ("level0", "level1", "level1_calibrated")
#: panel titles of the scatter and legend labels of the error chart
MODEL_NAMES = {
    "level0": "Level 0: QuTiBench roofline",
    "level1": "Level 1: layer-wise, physics only",
    "level1_calibrated": "Level 1 calibrated on each platform's anchors",
}
#: level 0 keeps the orange of the roofline predictions on every other chart
MODEL_COLOURS = {"level0": PREDICTED_COLOUR, "level1": "#b07aa1", "level1_calibrated": "#2e8b57"}
#: a platform's marker shape follows its hardware family (its colour is its own)
FAMILY_SHAPES = {
    "FPGA": "circle",
    "GPU": "square",
    "TPU": "diamond",
    "VPU": "triangle-up",
    "CPU": "triangle-down",
    "other": "cross",
}
#: the shaded band around predicted = measured: within this factor
BAND = 2.0
OVERALL = "all platforms"


def platform_order(frame: pd.DataFrame) -> list[str]:
    """Platforms by hardware family (FPGA, GPU, TPU, VPU, CPU, other), then in order of
    first appearance: the one order that gives each platform its colour in every chart.

    >>> platform_order(pd.DataFrame({"platform": ["TX2", "NCS2", "ZCU104-FINN", "TX2"],
    ...                              "family": ["GPU", "VPU", "FPGA", "GPU"]}))
    ['ZCU104-FINN', 'TX2', 'NCS2']
    """
    first = frame.drop_duplicates("platform")
    rank = {f: i for i, f in enumerate(in_order(first["family"], FAMILY_COLOURS))}
    pairs = sorted(enumerate(zip(first["platform"], first["family"])), key=lambda t: (rank[t[1][1]], t[0]))
    return [str(p) for _, (p, _) in pairs]


def platform_encodings(frame: pd.DataFrame, order: list[str]) -> dict:
    """Colour (fill and stroke) and shape of each platform, one merged legend."""
    fam = dict(zip(frame["platform"], frame["family"]))
    colours = colours_for(order)
    shapes = [FAMILY_SHAPES.get(fam.get(p, "other"), "cross") for p in order]
    title = "Platform (shape: family)"
    return {
        "color": alt.Color("platform:N").scale(colours).sort(order).title(title),
        "stroke": alt.Stroke("platform:N").scale(colours).sort(order).title(title),
        "shape": alt.Shape("platform:N").scale(domain=order, range=shapes).sort(order).title(title),
    }


def config_label(frame: pd.DataFrame) -> pd.Series:
    """'TX2-maxn FP16 ResNet-50 100%': platform and op mode, datatype, network, pruning."""
    return (hardware_label(frame) + " " + network_label(frame)).astype("string")


def best_batch_points(rows: pd.DataFrame) -> pd.DataFrame:
    """Per model, each configuration at its best measured batch (highest measured
    throughput, ties: the smallest batch; the rule of the summary's ``best_batch`` scope),
    with its ``config`` label. Rows without a prediction are kept (``predicted_fps`` null).
    """
    parts = [fidelity.best_batches(rows.loc[rows["model"] == m]) for m in MODELS]
    out = pd.concat(parts, ignore_index=True)
    return out.assign(config=config_label(out))


def error_points(summary: pd.DataFrame, *, scope: str = "best_batch") -> pd.DataFrame:
    """The summary rows of one ``scope`` with the errors as factors: ``median_factor`` =
    10^median |log10|, ``p90_factor``, a readable ``median_error`` ('×1.23 (0.091)') and
    ``row``, the platform or :data:`OVERALL`."""
    s = summary.loc[
        summary["scope"] == scope,
        ["model", "platform", "n", "median_abs_log10", "p90_abs_log10", "within_25_pct", "within_2x_pct"],
    ]
    s = s.loc[s["median_abs_log10"].notna()].reset_index(drop=True)
    return s.assign(
        row=s["platform"].where(s["platform"] != "all", OVERALL),
        model_name=s["model"].map(MODEL_NAMES),
        median_factor=10 ** s["median_abs_log10"],
        p90_factor=10 ** s["p90_abs_log10"],
        median_error=s["median_abs_log10"].map(error_factor),
        p90_error=s["p90_abs_log10"].map(error_factor),
    )
