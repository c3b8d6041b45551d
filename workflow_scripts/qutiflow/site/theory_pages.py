"""The theoretical page (every network on every platform, with the catalogues as tables)
and the prediction-fidelity page (the three models, their charts and scores)."""

from __future__ import annotations

from ..labels import unscored_platforms
from . import fidelity_text, figure_text
from . import text as words
from .contents import Page
from .escape import text
from .html_tables import table
from .page_parts import (
    Inputs,
    assemble,
    columns,
    downloads_section,
    either,
    fidelity_link,
    figure_section,
    paragraphs,
)
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


def fidelity_page(page: Page, inputs: Inputs) -> str:
    """The three models, how anchors are chosen, the charts, the scores as tables."""
    summary = inputs.frames["fidelity_summary"]
    rows = inputs.frames["fidelity_predictions_vs_measured"]
    models = "\n".join(
        f"<dt>{text(name)}</dt>\n<dd>{text(about)}</dd>" for name, about in fidelity_text.FIDELITY_MODELS
    )
    sections: list[tuple[str, str, str]] = [
        (
            "models",
            "Three models",
            f'<h2 id="models">Three models</h2>\n<dl class="models">\n{models}\n</dl>\n'
            f"<p>{text(fidelity_text.FIDELITY_ANCHORS)}</p>",
        )
    ]
    for fig in page.figures:
        sections.append(figure_section(inputs, fig, ""))
    unscored = unscored_platforms(rows, summary)
    note = (
        f'<p class="note">{text(fidelity_text.FIDELITY_UNSCORED + ", ".join(unscored))}.</p>'
        if unscored
        else ""
    )
    sections.append(
        (
            "scores",
            "Scores",
            "\n".join(
                [
                    f'<h2 id="scores">Scores</h2>\n<p>{text(fidelity_text.FIDELITY_SCORES)}</p>',
                    table(
                        score_table(summary),
                        caption="Over all platforms, each configuration at its best measured batch",
                        empty="no scores",
                    ),
                    table(
                        score_table(summary, per_platform=True),
                        caption="Per platform, each configuration at its best measured batch",
                        empty="no scores",
                    ),
                    note,
                    table(
                        score_table(summary, scope="all_batches"),
                        caption="Over all platforms, every measured batch",
                        empty="no scores",
                    ),
                ]
            ),
        )
    )
    sections.append(("data", "Data", downloads_section(page, inputs, about=fidelity_text.FIDELITY_DOWNLOADS)))
    intro = f'<p class="lead">{text(fidelity_text.FIDELITY_INTRO[0])}</p>\n' + paragraphs(
        fidelity_text.FIDELITY_INTRO[1:]
    )
    return assemble(page, inputs, intro=intro, sections=sections, charts=True)


def theoretical_page(page: Page, inputs: Inputs) -> str:
    sections = []
    extras = {
        "roofline": [figure_text.ALL_ROOFLINE_EXTRA],
        "prediction_heatmap": [figure_text.ALL_HEATMAP_EXTRA],
    }
    for fig in page.figures:
        fid, heading, body = figure_section(
            inputs, fig, either([inputs.title(t) for t in inputs.tasks]), extra=extras.get(fig.name)
        )
        sections.append((fid, heading, body))
    sections.append(
        (
            "catalogues",
            "Platforms and networks",
            "\n".join(
                [
                    '<h2 id="catalogues">Platforms and networks</h2>',
                    f"<p>{text(words.THEORETICAL_TABLES)}</p>",
                    table(columns(inputs.frames["rooflines"], ROOFLINES), caption="Rooflines"),
                    table(columns(inputs.frames["topologies"], TOPOLOGIES), caption="Networks"),
                ]
            ),
        )
    )
    sections.append(("data", "Data", downloads_section(page, inputs)))
    intro = paragraphs(words.THEORY_INTRO) + "\n" + fidelity_link()
    return assemble(page, inputs, intro=intro, sections=sections, charts=True)
