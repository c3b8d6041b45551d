"""Bar charts of what the networks need and what the platforms offer: operations and model
size per network, peak performance and memory bandwidth per platform."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..labels import network_label
from ..tasks import platform_label
from .scales import in_order, log_axis, log_domain, ordered
from .theme import DATATYPES, colours_for


def requirements_chart(topologies: pd.DataFrame) -> alt.HConcatChart:
    """Two bar charts: operations per inference [GOP] and model size [M weights] per
    network × pruning (log axes, values printed)."""
    t = topologies.drop_duplicates(["topology", "pruning_pct"]).assign(network=lambda f: network_label(f))
    t = t[["network", "topology", "gop_per_inference", "params_m"]]
    order = list(t["network"])
    topo_order = ordered(t["topology"])

    def bars(field: str, title: str, axis: str, fmt: str) -> alt.LayerChart:
        domain = log_domain(t[field])
        base = alt.Chart(t).encode(
            x=alt.X("network:N").sort(order).title(None).axis(labelAngle=-50),
            y=alt.Y(f"{field}:Q")
            .scale(type="log", domain=domain, nice=False)
            .axis(log_axis(domain))
            .title(axis),
        )
        bar = base.mark_bar().encode(
            y2=alt.datum(domain[0]),  # log bars need an explicit base
            color=alt.Color("topology:N").scale(colours_for(topo_order)).title("Network"),
            tooltip=["network:N", alt.Tooltip(f"{field}:Q", title=axis)],
        )
        txt = base.mark_text(dy=-6, fontSize=9).encode(text=alt.Text(f"{field}:Q", format=fmt))
        return alt.layer(bar, txt).properties(width=380, height=320, title=title)

    return alt.hconcat(
        bars("gop_per_inference", "Operations per inference", "Operations [GOP]", ".3~g"),
        bars("params_m", "Model size", "Weights [millions]", ".3~g"),
    ).properties(title="Compute and Memory Requirements for All CNNs")


def platforms_chart(platforms: pd.DataFrame) -> alt.HConcatChart:
    """Peak performance [TOP/s] per datatype and memory bandwidth [GB/s] per platform, on
    separate axes (the two units never share one)."""
    p = platforms.assign(hardware=platform_label(platforms["platform"], platforms["op_mode"]))
    order = ordered(p["hardware"])
    dtypes = in_order(p["datatype"], DATATYPES)
    peaks = p[["hardware", "datatype", "peak_tops"]]
    bw = p.drop_duplicates("hardware")[["hardware", "bandwidth_gbps"]]
    peak_chart = (
        alt.Chart(peaks)
        .mark_bar()
        .encode(
            x=alt.X("hardware:N").sort(order).title(None).axis(labelAngle=-45),
            xOffset=alt.XOffset("datatype:N").sort(dtypes),
            y=alt.Y("peak_tops:Q")
            .scale(type="log", domain=log_domain(peaks["peak_tops"]), nice=False)
            .axis(log_axis(log_domain(peaks["peak_tops"])))
            .title("Peak performance [TOP/s]"),
            y2=alt.datum(log_domain(peaks["peak_tops"])[0]),  # log bars need an explicit base
            color=alt.Color("datatype:N").scale(colours_for(dtypes)).sort(dtypes).title("Datatype"),
            tooltip=["hardware:N", "datatype:N", alt.Tooltip("peak_tops:Q", title="peak [TOP/s]")],
        )
        .properties(width=520, height=320, title="Peak performance per datatype")
    )
    bw_base = alt.Chart(bw).encode(
        x=alt.X("hardware:N").sort(order).title(None).axis(labelAngle=-45),
        y=alt.Y("bandwidth_gbps:Q").title("Memory bandwidth [GB/s]"),
    )
    bw_chart = alt.layer(
        bw_base.mark_bar(color="#7f7f7f").encode(
            tooltip=["hardware:N", alt.Tooltip("bandwidth_gbps:Q", title="bandwidth [GB/s]")]
        ),
        bw_base.mark_text(dy=-6, fontSize=9).encode(text=alt.Text("bandwidth_gbps:Q", format=".3~g")),
    ).properties(width=360, height=320, title="Memory bandwidth")
    return (
        alt.hconcat(peak_chart, bw_chart)
        .resolve_scale(color="independent")
        .properties(title="Peak Performance and Memory Bandwidth for All Hardware Platforms")
    )
