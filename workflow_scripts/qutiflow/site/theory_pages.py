"""The theoretical page (every network on every platform, with the catalogues as tables)
and the prediction-fidelity page (the three models, their charts and scores)."""

from __future__ import annotations

from ..labels import unscored_platforms
from . import fidelity_text
from . import text as words
from .contents import Page
from .html_tables import table_data
from .page_parts import Inputs, columns, downloads_data, figure, figure_entries, page
from .scores import score_table

ROOFLINES = ["platform", "op_mode", "datatype", "family", "peak_tops", "bandwidth_gbps", "ridge_opb"]
TOPOLOGIES = [
    "topology",
    "pruning_pct",
    "task",
    "datatype",
    "gop_per_inference",
    "params_m",
    "top1_pct",
    "top5_pct",
]


def fidelity_page(page_: Page, inputs: Inputs) -> str:
    """The three models, how anchors are chosen, the charts, the scores as tables."""
    summary = inputs.frames["fidelity_summary"]
    rows = inputs.frames["fidelity_predictions_vs_measured"]
    figures = [figure(inputs, f) for f in page_.figures]
    unscored = unscored_platforms(rows, summary)

    def scores(caption: str, **which) -> dict:
        return table_data(score_table(summary, **which), caption=caption, empty="no scores")

    return page(
        "fidelity.html.j2",
        page_,
        inputs,
        sections=[
            ("models", "Three models"),
            *figure_entries(figures),
            ("scores", "Scores"),
            ("data", "Data"),
        ],
        charts=True,
        intro=fidelity_text.FIDELITY_INTRO,
        models=fidelity_text.FIDELITY_MODELS,
        anchors=fidelity_text.FIDELITY_ANCHORS,
        figures=figures,
        scores_intro=fidelity_text.FIDELITY_SCORES,
        best_batch=scores("Over all platforms, each configuration at its best measured batch"),
        best_batch_per_platform=scores(
            "Per platform, each configuration at its best measured batch", per_platform=True
        ),
        unscored=f"{fidelity_text.FIDELITY_UNSCORED}{', '.join(unscored)}." if unscored else "",
        all_batches=scores("Over all platforms, every measured batch", scope="all_batches"),
        data=downloads_data(page_, inputs, about=fidelity_text.FIDELITY_DOWNLOADS),
    )


def theoretical_page(page_: Page, inputs: Inputs) -> str:
    figures = [figure(inputs, f) for f in page_.figures]
    return page(
        "theoretical.html.j2",
        page_,
        inputs,
        sections=[*figure_entries(figures), ("catalogues", "Platforms and networks"), ("data", "Data")],
        charts=True,
        intro=words.THEORY_INTRO,
        see_also=fidelity_text.FIDELITY_LINK,
        figures=figures,
        tables_intro=words.THEORETICAL_TABLES,
        rooflines=table_data(columns(inputs.frames["rooflines"], ROOFLINES), caption="Rooflines"),
        topologies=table_data(columns(inputs.frames["topologies"], TOPOLOGIES), caption="Networks"),
        data=downloads_data(page_, inputs),
    )
