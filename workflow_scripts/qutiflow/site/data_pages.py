"""The pages of the data as tables: the raw measurements and the overview of what was
measured, a section per task."""

from __future__ import annotations

from .. import tables as table_helpers
from . import text as words
from .contents import Page
from .html_tables import table_data
from .layout import anchor
from .page_parts import Inputs, columns, downloads_data, facts, page

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


def raw_page(page_: Page, inputs: Inputs) -> str:
    tasks = []
    for task in inputs.tasks:
        m = inputs.frames[f"{task}_measurements"]
        platforms = (
            [] if m.empty else table_helpers.by_platform(columns(m, RAW_COLUMNS), limit=RAW_ROWS_PER_PLATFORM)
        )
        tasks.append(
            {
                "id": anchor("raw", task),
                "name": inputs.title(task),
                "facts": facts(m),
                "platforms": [(heading, table_data(part)) for heading, part in platforms],
            }
        )
    return page(
        "raw_measurements.html.j2",
        page_,
        inputs,
        sections=[*((t["id"], t["name"]) for t in tasks), ("data", "Data")],
        charts=False,
        intro=words.RAW_INTRO,
        tasks=tasks,
        data=downloads_data(page_, inputs),
    )


def overview_page(page_: Page, inputs: Inputs) -> str:
    tasks = [
        {
            "id": anchor("overview", task),
            "name": inputs.title(task),
            "grid": table_data(
                table_helpers.overview_grid(inputs.frames[f"{task}_overview"]), empty="no measurements"
            ),
        }
        for task in inputs.tasks
    ]
    return page(
        "overview.html.j2",
        page_,
        inputs,
        sections=[*((t["id"], t["name"]) for t in tasks), ("data", "Data")],
        charts=False,
        intro=words.OVERVIEW_INTRO,
        tasks=tasks,
        data=downloads_data(page_, inputs),
    )
