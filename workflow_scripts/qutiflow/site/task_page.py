"""A task's page: its theoretical and measured figures, what was measured, the fronts and
the efficiency as tables, its data."""

from __future__ import annotations

from .. import tables as table_helpers
from . import fidelity_text
from . import text as words
from .contents import Page
from .html_tables import table_data
from .page_parts import Inputs, columns, downloads_data, facts, figure, figure_entries, page

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


def task_page(page_: Page, inputs: Inputs) -> str:
    task = page_.task or ""
    frames = inputs.frames
    measurements = frames[f"{task}_measurements"]
    theory = [figure(inputs, f) for f in page_.figures if f.section == "theory"]
    measured = [figure(inputs, f) for f in page_.figures if f.section == "measured"]
    sections = [
        ("theory", "Theoretical analysis"),
        *figure_entries(theory),
        ("measured", "Measured results"),
        *figure_entries(measured),
        ("tables", "Fronts and efficiency as tables"),
        ("data", "Data"),
    ]
    return page(
        "task.html.j2",
        page_,
        inputs,
        sections=sections,
        charts=True,
        lead=words.TASK_INTRO[task],
        facts=facts(measurements),
        empty_note=words.EMPTY_TASK if measurements.empty else "",
        theory_intro=words.THEORY_INTRO,
        see_also=fidelity_text.FIDELITY_LINK,
        theory_figures=theory,
        measured_intro=words.MEASURED_INTRO,
        overview_intro=words.TASK_OVERVIEW,
        overview=table_data(table_helpers.overview_grid(frames[f"{task}_overview"]), empty="no measurements"),
        measured_figures=measured,
        tables_intro=words.TABLES_INTRO,
        front_theoretical=table_data(columns(frames[f"{task}_pareto_theoretical"], FRONT_THEORETICAL)),
        front_measured=table_data(columns(frames[f"{task}_pareto_measured"], FRONT_MEASURED)),
        efficiency=table_data(columns(frames[f"{task}_efficiency"], EFFICIENCY)),
        data=downloads_data(page_, inputs),
    )
