"""The median error of each model per platform, as a factor on a log axis
(:func:`fidelity_error`)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .fidelity import BAND, MODEL_COLOURS, MODEL_NAMES, MODELS, OVERALL, error_points
from .scales import decade_ceil

#: the error chart's x axis ticks (factors), kept where they fall inside the domain
FACTOR_TICKS = [1, 1.25, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]
#: pixels per platform row of the error chart (three models)
ERROR_ROW_PX = 36


def fidelity_error(
    summary: pd.DataFrame, *, order: list[str], title: str, unscored: list[str] | tuple[str, ...] = ()
) -> alt.LayerChart:
    """The median error of each model per platform (anchors left out), each configuration
    at its best measured batch, as a factor on a log axis (×1 = exact): a dot at the median
    and a line on to the 90th percentile, a row per platform with the overall value on top,
    dotted guides at ±25 % and ×2.

    ``summary`` is ``fidelity/summary.parquet``; ``unscored`` names the platforms with
    nothing to score (said in the subtitle; :func:`qutiflow.labels.unscored_platforms`)."""
    e = error_points(summary)
    rows = (
        [OVERALL] + [p for p in order if p in set(e["row"])] + sorted(set(e["row"]) - set(order) - {OVERALL})
    )
    top = float(e["p90_factor"].max()) if len(e) else 10.0
    domain = [1.0, decade_ceil(max(top, 2.5) * 1.0001)]
    whisker, dots = _model_layers(e, rows, domain)
    rules, labels = _guides(domain)
    sub = [
        (
            "Anchors left out; each configuration at its best measured batch. "
            "Dot: median; line: on to the 90th percentile."
        )
    ]
    if unscored:
        sub.append(f"Not shown, nothing scored (anchors only, or no prediction): {', '.join(unscored)}.")
    return alt.layer(rules, *labels, whisker, dots).properties(
        width=520, height=ERROR_ROW_PX * len(rows), title=alt.TitleParams(title, subtitle=sub)
    )


def _model_layers(e: pd.DataFrame, rows: list[str], domain: list[float]) -> tuple[alt.Chart, alt.Chart]:
    """Each model's line from its median on to its 90th percentile and its dot at the
    median, a row per platform (``rows``), a model per offset within the row."""
    ticks = [t for t in FACTOR_TICKS if domain[0] <= t <= domain[1]]
    x_axis = alt.Axis(values=ticks, labelExpr="'×' + format(datum.value, '~g')", grid=True)
    y = (
        alt.Y("row:N")
        .sort(rows)
        .scale(domain=rows)
        .title(None)
        .axis(grid=False, labelFontWeight=alt.ExprRef(expr=f"datum.value == '{OVERALL}' ? 'bold' : 'normal'"))
    )
    offset = alt.YOffset("model:N").sort(list(MODELS)).scale(domain=list(MODELS), paddingOuter=0.4)
    names = [MODEL_NAMES[m] for m in MODELS]
    colour = (
        alt.Color("model_name:N")
        .scale(domain=names, range=[MODEL_COLOURS[m] for m in MODELS])
        .sort(names)
        .title("Model")
    )
    tooltip = [
        alt.Tooltip("row:N", title="platform"),
        alt.Tooltip("model_name:N", title="model"),
        alt.Tooltip("n:Q", title="configurations scored"),
        alt.Tooltip("median_error:N", title="median error, factor (|log10|)"),
        alt.Tooltip("p90_error:N", title="90th percentile"),
        alt.Tooltip("within_25_pct:Q", title="within ±25 % [%]", format=".0f"),
        alt.Tooltip("within_2x_pct:Q", title="within ×2 [%]", format=".0f"),
    ]
    base = alt.Chart(e).encode(y=y, yOffset=offset)
    x = (
        alt.X("median_factor:Q")
        .scale(type="log", domain=domain, nice=False)
        .axis(x_axis)
        .title("Median error, factor (measured ÷ predicted or its inverse)")
    )
    whisker = base.mark_rule(strokeWidth=1.5, strokeOpacity=0.45).encode(
        x=x, x2="p90_factor:Q", color=colour, tooltip=tooltip
    )
    dots = base.mark_point(filled=True, size=70, opacity=1).encode(x=x, color=colour, tooltip=tooltip)
    return whisker, dots


def _guides(domain: list[float]) -> tuple[alt.Chart, list[alt.Chart]]:
    """The dotted guides at ±25 % and ×:data:`BAND` and their labels above the plot."""
    guides = alt.Chart(pd.DataFrame({"factor": [1.25, BAND], "label": ["±25 %", f"×{BAND:g}"]}))
    guide_x = alt.X("factor:Q").scale(type="log", domain=domain, nice=False)
    rules = guides.mark_rule(color="#777777", strokeDash=[2, 3]).encode(x=guide_x)
    # above the plot, ±25 % ending at its line and ×2 starting at its own: apart
    labels = [
        guides.mark_text(align=align, baseline="bottom", dx=dx, dy=-3, fontSize=10, color="#555555")
        .encode(x=guide_x, y=alt.value(0), text="label:N")
        .transform_filter(alt.datum.factor == factor)
        for factor, align, dx in ((1.25, "right", 2), (BAND, "left", -2))
    ]
    return rules, labels
