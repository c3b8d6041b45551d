"""What the charts of the measured analysis share: each platform's colour.

The charts themselves: :mod:`.measured_pareto` (design-space and overlapped pareto
fronts), :mod:`.measured_bars` (efficiency and per-configuration bars: power, energy,
fps per watt), :mod:`.measured_latency` (latency versus throughput),
:mod:`.measured_boxes` (box plots) and :mod:`.power_traces` (power over time). Builders
take tidy frames (empty ones included), return Altair charts."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .scales import ordered
from .theme import colours_for


def in_given_order(labels: list[str], order: list[str] | None) -> list[str]:
    """``labels`` in the place they have in ``order`` (the unknown ones after).

    >>> in_given_order(["b", "x", "a"], ["a", "b", "c"])
    ['a', 'b', 'x']
    >>> in_given_order(["b", "a"], None)
    ['b', 'a']
    """
    if order is None:
        return labels
    present = set(labels)
    return [v for v in order if v in present] + [v for v in labels if v not in set(order)]


def hardware_colour(labels: pd.Series, order: list[str] | None) -> alt.Color:
    """The colour of ``platform_label``: the platforms present (``labels``) in ``order``
    (:func:`qutiflow.figures.theme.hardware_order`, which fixes each platform's colour),
    then in order of first appearance, under the legend title "Hardware"."""
    hardware = in_given_order(ordered(labels), order)
    return alt.Color("platform_label:N").scale(colours_for(hardware, order)).sort(hardware).title("Hardware")
