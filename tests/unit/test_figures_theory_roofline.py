"""The roofline chart (qutiflow.figures.theory_roofline) checked as a spec (to_dict), never
as pixels; its platforms and networks serve the other theoretical charts' tests too."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from helpers import mark
from qutiflow.figures.theme import PALETTE
from qutiflow.figures.theory_roofline import LABEL_GAP_PX, NETWORK_COLOUR, ROOFLINE_SIZE, roofline_chart

PLATFORMS = pd.DataFrame(
    {
        "platform": ["Ultra96-DPU", "TX2", "TX2", "NCS2"],
        "op_mode": [None, "maxn", "maxn", None],
        "datatype": ["INT8", "FP16", "FP32", "FP16"],
        "family": ["FPGA", "GPU", "GPU", "VPU"],
        "peak_tops": [0.96, 1.33, 0.67, 0.5],
        "bandwidth_gbps": [4.26, 59.7, 59.7, 12.8],
    }
)
MODELS = pd.DataFrame(
    {
        "topology": ["MLP", "MLP", "CNV"],
        "pruning_pct": [100.0, 50.0, 100.0],
        "datatype": ["FP16", "FP16", "FP16"],
        "arithmetic_intensity_opb": [1.0, 1.0, 38.1],
        "gop_per_inference": [0.02, 0.0058, 0.47],
        "top1_pct": [97.3, 97.45, 87.02],
    }
)


def layers(spec):
    return spec["layer"]


def test_roofline_spec():
    spec = roofline_chart(PLATFORMS, MODELS, title="T").to_dict()
    kinds = [mark(layer) for layer in layers(spec)]
    assert spec["title"] == {"text": "T", "subtitle": "Level 0 model (QuTiBench roofline)"}
    # network rules, their leaders, their labels, hardware lines
    assert kinds == ["rule", "rule", "text", "line"]
    hw = layers(spec)[3]
    assert hw["encoding"]["x"]["scale"]["type"] == "log"
    assert hw["encoding"]["y"]["scale"]["type"] == "log"
    data = spec["datasets"][hw["data"]["name"]]
    # one line (three points) per platform × op mode × datatype
    assert len({(d["hardware"], d["datatype"]) for d in data}) == 4 and len(data) == 12
    ridge = [d for d in data if d["hardware"] == "Ultra96-DPU" and d["point"] == 1][0]
    assert ridge["intensity_opb"] == pytest.approx(960 / 4.26)
    # every roof inside the plot, still on its line (a memory roof starts where it enters
    # the plot): nothing to clip, so the mark is not clipped (a clipped line costs the PNG
    # renderer a full-size mask)
    (x_lo, x_hi), (y_lo, y_hi) = (hw["encoding"][c]["scale"]["domain"] for c in ("x", "y"))
    assert all(x_lo <= d["intensity_opb"] <= x_hi and y_lo <= d["performance_tops"] <= y_hi for d in data)
    assert all(
        d["performance_tops"]
        == pytest.approx(min(d["peak_tops"], d["bandwidth_gbps"] * d["intensity_opb"] / 1000))
        for d in data
    )
    assert any(d["performance_tops"] == y_lo for d in data)  # Ultra96's roof is cut
    assert not hw["mark"].get("clip") if isinstance(hw["mark"], dict) else True
    # the two MLP prunings share one intensity: one rule labelled with both
    rules = spec["datasets"][layers(spec)[0]["data"]["name"]]
    assert sorted(r["label"] for r in rules) == ["CNV 100% FP16", "MLP 100/50% FP16"]
    # a checkbox per family and per datatype, true by default (unchecking hides, checking restores)
    params = {p["name"]: p for p in spec["params"]}
    assert set(params) == {"show_fpga", "show_gpu", "show_vpu", "show_int8", "show_fp16", "show_fp32"}
    assert all(p["value"] is True and p["bind"]["input"] == "checkbox" for p in params.values())
    filters = [t["filter"] for t in hw["transform"]]
    assert "(datum.family == 'GPU' && show_gpu)" in filters[0]
    assert "(datum.datatype == 'FP32' && show_fp32)" in filters[1]


def _label_px(spec: dict, width: float = ROOFLINE_SIZE[0]) -> list[tuple[float, float]]:
    """(line, label) x of every network rule in pixels, from the spec's log x domain."""
    rules = spec["datasets"][layers(spec)[0]["data"]["name"]]
    lo, hi = (math.log10(v) for v in layers(spec)[0]["encoding"]["x"]["scale"]["domain"])
    px = lambda v: width * (math.log10(v) - lo) / (hi - lo)  # noqa: E731
    return [(px(r["arithmetic_intensity_opb"]), px(r["label_opb"])) for r in rules]


def test_roofline_labels_every_line_without_overlap():
    # twenty networks, several at nearly the same intensity: every one labelled, the
    # labels at least a rotated line of text apart, each near its own line
    many = pd.DataFrame(
        {
            "topology": [f"N{i}" for i in range(20)],
            "pruning_pct": [100.0] * 20,
            "datatype": ["FP16"] * 20,
            "arithmetic_intensity_opb": [10.0 * 1.01**i for i in range(10)]
            + [float(i + 30) ** 1.5 for i in range(10)],
        }
    )
    spec = roofline_chart(PLATFORMS, many, title="T").to_dict()
    kinds = [layer["mark"]["type"] for layer in layers(spec)]
    assert kinds == ["rule", "rule", "text", "line"]
    text = layers(spec)[2]
    assert text["mark"]["angle"] == 270 and text["encoding"]["text"]["field"] == "label"
    assert text["encoding"]["x"]["field"] == "label_opb"
    assert layers(spec)[1]["encoding"]["x2"]["field"] == "label_opb"  # leader: line to label
    pairs = _label_px(spec)
    assert len(pairs) == 20
    labels = sorted(label for _, label in pairs)
    assert min(b - a for a, b in zip(labels, labels[1:])) >= LABEL_GAP_PX - 0.01
    assert all(0 <= label <= ROOFLINE_SIZE[0] + 0.01 for label in labels)
    # the tightest cluster (ten lines within 10 %) spreads around its lines
    assert max(abs(line - label) for line, label in pairs) <= 10 * LABEL_GAP_PX


def test_roofline_lines_never_look_alike():
    # no two hardware lines share colour and dash; network rules are grey, never a
    # hardware colour; identical roofs are drawn one wider under the other
    twin = pd.concat([PLATFORMS, PLATFORMS.iloc[[0]].assign(platform="ZCU104-FINN")], ignore_index=True)
    spec = roofline_chart(twin, MODELS, title="T").to_dict()
    hw = layers(spec)[3]
    colour = dict(zip(hw["encoding"]["color"]["scale"]["domain"], hw["encoding"]["color"]["scale"]["range"]))
    dash = hw["encoding"]["strokeDash"]["scale"]
    dashes = dict(zip(dash["domain"], map(tuple, dash["range"])))
    data = spec["datasets"][hw["data"]["name"]]
    looks = {(d["hardware"], d["datatype"]): (colour[d["hardware"]], dashes[d["datatype"]]) for d in data}
    assert len(set(looks.values())) == len(looks) == 5
    assert len(set(dashes.values())) == len(dashes)
    assert layers(spec)[0]["mark"]["color"] == NETWORK_COLOUR
    assert NETWORK_COLOUR not in colour.values()
    widths = {(d["hardware"], d["datatype"]): d["stroke_px"] for d in data}
    assert widths[("Ultra96-DPU", "INT8")] != widths[("ZCU104-FINN", "INT8")]
    assert hw["encoding"]["strokeWidth"] == {"field": "stroke_px", "type": "quantitative", "scale": None}


def test_roofline_colours_follow_the_catalogue_order():
    order = ["NCS2", "Ultra96-DPU", "TX2-maxn"]
    spec = roofline_chart(PLATFORMS, MODELS, title="T", order=order).to_dict()
    scale = layers(spec)[3]["encoding"]["color"]["scale"]
    assert scale["domain"] == order and scale["range"] == PALETTE[:3]


def test_log_axes_have_few_ticks():
    spec = roofline_chart(PLATFORMS, MODELS, title="T").to_dict()
    for channel in ("x", "y"):
        enc = layers(spec)[3]["encoding"][channel]
        lo, hi = enc["scale"]["domain"]
        values = enc["axis"]["values"]
        assert values == sorted(values) and lo <= values[0] and values[-1] <= hi
        assert len(values) <= 4 * math.log10(hi / lo) + 2  # at most 1-2-3-5 per decade
        assert "~s" in enc["axis"]["labelExpr"]  # 10k, not 10,000
