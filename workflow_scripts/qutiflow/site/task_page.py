"""A task's page: its theoretical and measured figures, what was measured, the fronts and
the efficiency as tables, its data."""

from __future__ import annotations

from .. import tables as table_helpers
from . import text as words
from .contents import Page
from .escape import text
from .html_tables import table
from .page_parts import (
    Inputs,
    assemble,
    columns,
    downloads_section,
    facts,
    fidelity_link,
    figure_section,
    paragraphs,
)

FRONT_THEORETICAL = [
    "platform",
    "op_mode",
    "datatype",
    "topology",
    "pruning_pct",
    "predicted_fps",
    "top1_pct",
]
FRONT_MEASURED = ["config_key", "batch", "throughput_compute_fps", "top1_pct"]
EFFICIENCY = [
    "config_key",
    "batch",
    "measured_fps",
    "predicted_fps",
    "peak_fps",
    "efficiency_pct",
    "is_above_roofline",
]


def task_page(page: Page, inputs: Inputs) -> str:
    task = page.task or ""
    name = inputs.title(task)
    frames = inputs.frames
    measurements = frames[f"{task}_measurements"]
    intro = [
        f'<p class="lead">{text(words.TASK_INTRO[task])}</p>',
        f'<p class="facts">{text(facts(measurements))}</p>',
    ]
    if measurements.empty:
        intro.append(f'<p class="note">{text(words.EMPTY_TASK)}</p>')
    sections: list[tuple[str, str, str]] = []
    theory = [f for f in page.figures if f.section == "theory"]
    measured = [f for f in page.figures if f.section == "measured"]
    sections.append(
        (
            "theory",
            "Theoretical analysis",
            f'<h2 id="theory">Theoretical analysis</h2>\n{paragraphs(words.THEORY_INTRO)}\n{fidelity_link()}',
        )
    )
    for fig in theory:
        fid, heading, body = figure_section(inputs, fig, name)
        sections.append((fid, heading, body))
    overview = table_helpers.overview_grid(frames[f"{task}_overview"])
    sections.append(
        (
            "measured",
            "Measured results",
            f'<h2 id="measured">Measured results</h2>\n{paragraphs(words.MEASURED_INTRO)}\n'
            f'<h3 id="overview">What was measured</h3>\n'
            f"<p>{text(words.TASK_OVERVIEW)}</p>\n"
            f"{table(overview, empty='no measurements')}",
        )
    )
    for fig in measured:
        fid, heading, body = figure_section(inputs, fig, name)
        sections.append((fid, heading, body))
    tables_html = [
        f'<h2 id="tables">Fronts and efficiency as tables</h2>\n<p>{text(words.TABLES_INTRO)}</p>',
        "<h3>Theoretical pareto front</h3>",
        table(columns(frames[f"{task}_pareto_theoretical"], FRONT_THEORETICAL)),
        "<h3>Measured pareto front</h3>",
        table(columns(frames[f"{task}_pareto_measured"], FRONT_MEASURED)),
        "<h3>Efficiency per configuration</h3>",
        table(columns(frames[f"{task}_efficiency"], EFFICIENCY)),
    ]
    sections.append(("tables", "Fronts and efficiency as tables", "\n".join(tables_html)))
    sections.append(("data", "Data", downloads_section(page, inputs)))
    return assemble(page, inputs, intro="\n".join(intro), sections=sections, charts=True)
