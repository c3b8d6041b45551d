"""A figure the repository's catalogue does not have, for tests/workflow/test_catalogue.py:
the number of batch sizes measured per platform, drawn by job plot_measured."""

from __future__ import annotations

import altair as alt
from qutiflow.builders import Plan
from qutiflow.builders.measured import Measured


def batches_per_platform(d: Measured) -> Plan:
    rows = (
        d.rows.groupby("platform_label", observed=True)["batch"]
        .nunique()
        .rename("n_batches")
        .reset_index()
        .sort_values("platform_label")
    )
    title = f"Batch Sizes per Platform for {d.name}"
    return Plan(
        rows,
        lambda f: (
            alt.Chart(f, title=title)
            .mark_bar()
            .encode(
                x=alt.X("n_batches:Q", title="Batch sizes measured"),
                y=alt.Y("platform_label:N", title="Platform", sort=d.order),
            )
        ),
        title,
        f"No measurements for {d.name}",
    )
