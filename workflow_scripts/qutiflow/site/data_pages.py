"""The pages of the data as tables: the raw measurements and the overview of what was
measured, a section per task."""

from __future__ import annotations

from .. import tables as table_helpers
from . import text as words
from .contents import Page
from .escape import anchor, text
from .html_tables import table
from .page_parts import Inputs, assemble, columns, downloads_section, facts, paragraphs

#: rows per platform shown on the raw-measurements page (every row is in the downloads)
RAW_ROWS_PER_PLATFORM = 500
RAW_COLUMNS = [
    "platform_label",
    "datatype",
    "topology",
    "pruning_pct",
    "batch",
    "latency_system_ms",
    "latency_compute_ms",
    "throughput_system_fps",
    "throughput_compute_fps",
    "perf_system_gops",
    "perf_compute_gops",
    "top1_pct",
    "top1_source",
    "top5_pct",
    "power_base_w",
    "power_idle_w",
    "power_full_w",
    "gop_per_inference",
    "source_file",
    "source_line",
]


def raw_page(page: Page, inputs: Inputs) -> str:
    sections = []
    for task in inputs.tasks:
        name = inputs.title(task)
        m = inputs.frames[f"{task}_measurements"]
        parts = [
            f'<h2 id="{anchor("raw", task)}">{text(name)}</h2>',
            f'<p class="facts">{text(facts(m))}</p>',
        ]
        if m.empty:
            parts.append('<p class="empty">no measurements</p>')
        else:
            for heading, part in table_helpers.by_platform(
                columns(m, RAW_COLUMNS), limit=RAW_ROWS_PER_PLATFORM
            ):
                parts.append(f"<h3>{text(name)} · {text(heading)}</h3>")
                parts.append(table(part))
        sections.append((anchor("raw", task), name, "\n".join(parts)))
    sections.append(("data", "Data", downloads_section(page, inputs)))
    return assemble(page, inputs, intro=paragraphs(words.RAW_INTRO), sections=sections, charts=False)


def overview_page(page: Page, inputs: Inputs) -> str:
    sections = []
    for task in inputs.tasks:
        name = inputs.title(task)
        grid = table_helpers.overview_grid(inputs.frames[f"{task}_overview"])
        sections.append(
            (
                anchor("overview", task),
                name,
                f'<h2 id="{anchor("overview", task)}">{text(name)}</h2>\n'
                f"{table(grid, empty='no measurements')}",
            )
        )
    sections.append(("data", "Data", downloads_section(page, inputs)))
    return assemble(page, inputs, intro=paragraphs(words.OVERVIEW_INTRO), sections=sections, charts=False)
