"""The house look: one theme, fixed colour orders, display names."""
from __future__ import annotations

import altair as alt

from ..vocabulary import DATATYPES as VOCABULARY_DATATYPES

#: fixed categorical palette: Tableau 10, then ten more distinct colours; colours are
#: assigned in catalogue order, never at random
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac", "#1b1b1b", "#17becf", "#a0cbe8", "#b6992d",
           "#d37295", "#8cd17d", "#79706e", "#ffbe7d", "#499894", "#d4a6c8"]
FAMILY_COLOURS = {"FPGA": "#4e79a7", "GPU": "#59a14f", "TPU": "#f28e2b", "VPU": "#b07aa1",
                  "CPU": "#e15759", "other": "#7f7f7f"}
DATATYPES = list(VOCABULARY_DATATYPES)
DATATYPE_DASHES = {"INT2": [1, 0], "INT4": [6, 2], "INT8": [2, 2], "FP16": [8, 3, 2, 3],
                   "FP32": [1, 3]}
PREDICTED_COLOUR = "#FFA500"
MEASURED_COLOUR = "#0066CC"
TASK_TITLES = {"imagenet": "ImageNet", "cifar10": "CIFAR-10", "mnist": "MNIST"}
THEME = "qutiflow"


@alt.theme.register(THEME, enable=True)
def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": "DejaVu Sans",
            "title": {"fontSize": 15, "anchor": "start", "offset": 12},
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "grid": True,
                     "gridColor": "#e6e6e6"},
            "legend": {"labelFontSize": 11, "titleFontSize": 12, "labelLimit": 260},
            "view": {"stroke": "#bbbbbb"},
        }
    }


def colours_for(labels: list[str]) -> alt.Scale:
    """A colour scale that gives ``labels`` (in this order) fixed palette colours."""
    return alt.Scale(domain=list(labels),
                     range=[PALETTE[i % len(PALETTE)] for i in range(len(labels))])
