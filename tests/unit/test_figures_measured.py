"""Measured-analysis figures checked as specs (to_dict), never as pixels; each also renders."""
from __future__ import annotations

import json
import math
import re

import pandas as pd
import pytest
from qutiflow.figures import measured, no_data_message
from qutiflow.figures.empty import or_note
from qutiflow.figures.save import javascript_bundle, save_chart
from qutiflow.figures.theme import MEASURED_COLOUR, PALETTE, PREDICTED_COLOUR


def _str(frame: pd.DataFrame, *cols: str) -> pd.DataFrame:
    """Text columns as the pipeline gives them (pandas 'string')."""
    return frame.astype({c: "string" for c in cols})


# best point per configuration; the platforms deliberately not in alphabetical order
POINTS = _str(pd.DataFrame({
    "config_key": ["TX2-maxn_FP16_CNV_100", "ZCU104-FINN_INT2_CNV_50", "NCS2_FP16_CNV_100",
                   "TX2-maxn_FP32_CNV_100"],
    "platform_label": ["TX2-maxn", "ZCU104-FINN", "NCS2", "TX2-maxn"],
    "datatype": ["FP16", "INT2", "FP16", "FP32"],
    "topology": ["CNV"] * 4, "pruning_pct": [100.0, 50.0, 100.0, 100.0],
    "batch": [8, 1, 4, 16],
    "throughput_compute_fps": [2829.8, 9000.0, 1038.2, 1400.0],
    "top1_pct": [84.2, 80.1, 84.2, 84.5],
}), "config_key", "platform_label", "datatype", "topology")
FRONT = POINTS.iloc[[3, 0, 1]]

OVERLAP = _str(pd.DataFrame({
    "config_key": ["TX2-maxn_FP16_CNV_100", "ZCU104-FINN_INT2_CNV_50", "EdgeTPU_INT8_MLP_100"] * 2,
    "platform_label": ["TX2-maxn", "ZCU104-FINN", "EdgeTPU"] * 2,
    "family": ["GPU", "FPGA", "TPU"] * 2,
    "type": ["measured"] * 3 + ["predicted"] * 3,
    "fps": [2829.8, 9000.0, 400.0, 3000.0, 12000.0, 350.0],
    "top1_pct": [84.2, 80.1, 97.0, 84.2, 80.1, 97.0],
    "is_front": [True, True, True, False, True, True],
}), "config_key", "platform_label", "family", "type")

EFF = _str(pd.DataFrame({
    "config_key": ["ZCU102-DPU_INT8_ResNet-50_80", "NCS2_FP16_CNV_100", "TX2-maxn_FP16_MLP_100"],
    "platform_label": ["ZCU102-DPU", "NCS2", "TX2-maxn"],
    "family": ["FPGA", "VPU", "GPU"],
    "measured_fps": [76.0, 1038.2, 100624.0],
    "predicted_fps": [100.0, float("nan"), 2000.0],
    "peak_fps": [300.0, 2500.0, 4000.0],
    "efficiency_pct": [76.0, float("nan"), 5031.2],
}), "config_key", "platform_label", "family")

LATENCY = _str(pd.DataFrame({
    "config_key": ["b_cfg", "b_cfg", "a_cfg", "a_cfg", "a_cfg", "c_cfg"],
    "platform_label": ["TX2-maxn", "TX2-maxn", "NCS2", "NCS2", "NCS2", "TX2-maxn"],
    "datatype": ["FP16", "FP16", "FP16", "FP16", "FP16", "FP32"],
    "topology": ["CNV", "CNV", "CNV", "CNV", "CNV", "CNV"],
    "pruning_pct": [100.0, 100.0, 100.0, 100.0, 100.0, 50.0],
    "batch": [2, 1, 1, 4, 2, 1],
    "latency_compute_ms": [1.2, 0.8, 5.0, 12.0, 7.5, 0.5],
    "throughput_compute_fps": [1666.7, 1250.0, 200.0, 333.3, 266.7, 2000.0],
}), "config_key", "platform_label", "datatype", "topology")

STATS = _str(pd.DataFrame({
    "topology": ["ResNet-50", "ResNet-50", "ResNet-50", "GoogLeNetv1"],
    "hardware": ["ZCU102-DPU INT8", "ZCU102-DPU INT8", "TX2-maxn FP16", "TX2-maxn FP16"],
    "pruning_pct": [100.0, 50.0, 100.0, 100.0],
    "min": [10.0, 4.0, 2.0, 1.0], "q1": [11.0, 4.5, 2.5, 1.5], "median": [12.0, 5.0, 3.0, 2.0],
    "q3": [14.0, 5.5, 3.5, 2.5], "max": [20.0, 6.0, 4.0, 3.0], "n": [8, 8, 5, 5],
}), "topology", "hardware")

VALUES = _str(pd.DataFrame({
    "config_key": ["TX2-maxn_FP16_CNV_100", "NCS2_FP16_CNV_100", "TX2-maxq_FP16_CNV_100"],
    "platform_label": ["TX2-maxn", "NCS2", "TX2-maxq"],
    "value": [7.53, 1.21, 4.0],
}), "config_key", "platform_label")

TRACES = _str(pd.DataFrame({
    "op_mode": ["slow"] * 4 + ["fast"] * 4,
    "series": ["idle", "idle", "GoogLeNet", "GoogLeNet"] * 2,
    "time_s": [0.0, 1.0] * 4,
    "power_w": [0.9, 0.95, 1.6, 1.7, 0.9, 0.92, 2.1, 2.2],
}), "op_mode", "series")

BUILDERS = {
    "design_pareto": lambda f: measured.design_pareto_chart(f["points"], f["front"], title="T"),
    "overlapped": lambda f: measured.overlapped_pareto_chart(f["overlap"], title="T"),
    "efficiency": lambda f: measured.efficiency_chart(f["eff"], title="T"),
    "latency": lambda f: measured.latency_throughput_chart(f["latency"], title="T"),
    "boxplot": lambda f: measured.boxplot_chart(f["stats"], value_title="Compute latency [ms]",
                                                title="T"),
    "bars": lambda f: measured.bar_chart(f["values"], value_title="Energy per inference [mJ]",
                                         title="T", fmt=".1f"),
    "power": lambda f: measured.power_trace_chart(f["traces"], title="T"),
}
FRAMES = {"points": POINTS, "front": FRONT, "overlap": OVERLAP, "eff": EFF, "latency": LATENCY,
          "stats": STATS, "values": VALUES, "traces": TRACES}
EMPTY = {k: v.iloc[0:0] for k, v in FRAMES.items()}


@pytest.fixture(scope="module")
def bundle() -> str:
    return javascript_bundle()


def rows(spec: dict, unit: dict | None = None) -> list[dict]:
    """The data rows of a layer (or of the whole chart when the layers share data)."""
    for part in (unit or {}, spec):
        if "data" in part:
            return spec["datasets"][part["data"]["name"]]
    raise AssertionError("no data")


def mark(unit: dict) -> str:
    return unit["mark"]["type"] if isinstance(unit["mark"], dict) else unit["mark"]


def test_design_pareto_spec():
    spec = measured.design_pareto_chart(
        POINTS, FRONT, title="ImageNet Classification Design Space: Accuracy Versus Performance"
    ).to_dict()
    assert spec["title"] == "ImageNet Classification Design Space: Accuracy Versus Performance"
    dots, line = spec["layer"]
    assert [mark(dots), mark(line)] == ["point", "line"]
    enc = dots["encoding"]
    assert (enc["x"]["field"], enc["x"]["type"], enc["x"]["scale"]["type"]) == (
        "throughput_compute_fps", "quantitative", "log")
    assert enc["x"]["title"] == "Measured throughput [fps]"
    # the axis ends just past the data (1038 to 9000 fps), with few ticks
    lo, hi = enc["x"]["scale"]["domain"]
    assert 1038.2 / 1.5 < lo < 1038.2 and 9000.0 < hi < 9000.0 * 1.5
    assert enc["x"]["scale"]["nice"] is False
    assert len(enc["x"]["axis"]["values"]) <= 4 * math.log10(hi / lo) + 2
    assert enc["y"]["field"] == "top1_pct" and enc["y"]["scale"]["zero"] is False
    assert enc["y"]["title"] == "Top-1 accuracy [%]"
    # colours in order of first appearance; shapes in the fixed datatype order
    assert enc["color"]["field"] == "platform_label" and enc["color"]["type"] == "nominal"
    assert enc["color"]["scale"]["domain"] == ["TX2-maxn", "ZCU104-FINN", "NCS2"]
    assert enc["color"]["scale"]["range"] == PALETTE[:3]
    assert enc["shape"]["field"] == "datatype" and enc["shape"]["sort"] == ["INT2", "FP16", "FP32"]
    assert [t["field"] for t in enc["tooltip"]] == ["config_key", "batch", "throughput_compute_fps",
                                                    "top1_pct"]
    assert line["mark"]["color"] == MEASURED_COLOUR
    assert line["mark"]["point"]["color"] == MEASURED_COLOUR
    assert line["encoding"]["order"]["field"] == "throughput_compute_fps"
    assert len(rows(spec, dots)) == 4 and len(rows(spec, line)) == 3
    # only the columns drawn, and each point's marker area
    assert set(rows(spec, dots)[0]) == {"config_key", "platform_label", "datatype", "batch",
                                        "throughput_compute_fps", "top1_pct", "size"}


def test_platform_colours_follow_the_catalogue_order():
    # with the run's hardware order a platform keeps its colour whichever others a chart shows
    order = ["ZCU104-FINN", "NCS2", "TX2-maxq", "TX2-maxn"]
    for spec in (measured.design_pareto_chart(POINTS, FRONT, title="T", order=order).to_dict()["layer"][0],
                 measured.bar_chart(VALUES, value_title="v", title="T", fmt=".1f",
                                    order=order).to_dict()["layer"][0]):
        colour = dict(zip(spec["encoding"]["color"]["scale"]["domain"],
                          spec["encoding"]["color"]["scale"]["range"]))
        assert colour["NCS2"] == PALETTE[1] and colour["TX2-maxn"] == PALETTE[3]
        assert len(set(colour.values())) == len(colour)


def test_overlapped_pareto_spec():
    spec = measured.overlapped_pareto_chart(OVERLAP, title="Overlapped").to_dict()
    lines, dots = spec["layer"]
    assert [mark(lines), mark(dots)] == ["line", "point"]
    assert len(rows(spec, dots)) == 6
    enc = dots["encoding"]
    assert enc["x"]["field"] == "fps" and enc["x"]["scale"]["type"] == "log"
    assert enc["x"]["title"] == "Throughput [fps]"
    assert enc["y"]["field"] == "top1_pct" and enc["y"]["scale"]["zero"] is False
    assert enc["shape"]["field"] == "type"
    assert enc["shape"]["scale"] == {"domain": ["measured", "predicted"], "range": ["cross", "circle"]}
    assert enc["color"]["field"] == "platform_label"
    assert enc["color"]["scale"]["domain"] == ["TX2-maxn", "ZCU104-FINN", "EdgeTPU"]
    # a line per type through its own front points, in the fixed colours
    assert lines["encoding"]["color"]["field"] == "type"
    assert lines["encoding"]["color"]["scale"] == {"domain": ["measured", "predicted"],
                                                   "range": [MEASURED_COLOUR, PREDICTED_COLOUR]}
    assert lines["encoding"]["order"]["field"] == "fps"
    assert lines["transform"] == [{"filter": "datum.is_front === true"}]
    assert spec["resolve"]["scale"]["color"] == "independent"
    # a checkbox per family present (family order), checked; the filter restores on re-check
    params = spec["params"]
    assert [p["name"] for p in params] == ["show_fpga", "show_gpu", "show_tpu"]
    assert all(p["value"] is True and p["bind"]["input"] == "checkbox" for p in params)
    (flt,) = [t["filter"] for t in dots["transform"]]
    assert flt == ("(datum.family == 'FPGA' && show_fpga) || (datum.family == 'GPU' && show_gpu)"
                   " || (datum.family == 'TPU' && show_tpu)")
    assert "transform" not in lines or all("show_" not in t["filter"] for t in lines["transform"])


def test_overlapped_pareto_without_points_has_no_checkboxes():
    spec = measured.overlapped_pareto_chart(OVERLAP.iloc[0:0], title="T").to_dict()
    assert "params" not in spec
    assert "transform" not in spec["layer"][1]


def test_efficiency_spec():
    spec = measured.efficiency_chart(EFF, title="Efficiency Plots for ImageNet").to_dict()
    bars, text = spec["layer"]
    assert [mark(bars), mark(text)] == ["bar", "text"]
    data = rows(spec, bars)
    # long form with only the needed columns; the missing prediction has no bar
    assert set(data[0]) == {"config_key", "type", "fps", "label"}
    assert len(data) == 3 * 3 - 1
    assert not any(d["config_key"] == "NCS2_FP16_CNV_100" and d["type"] == "predicted"
                   for d in data)
    labels = {(d["config_key"], d["type"]): d["label"] for d in data}
    assert labels[("ZCU102-DPU_INT8_ResNet-50_80", "measured")] == "76.0%"
    assert labels[("TX2-maxn_FP16_MLP_100", "measured")] == "5031.2%"
    assert labels[("NCS2_FP16_CNV_100", "measured")] is None  # no efficiency: no label
    assert labels[("ZCU102-DPU_INT8_ResNet-50_80", "predicted")] is None
    enc = bars["encoding"]
    assert enc["y"]["field"] == "config_key" and enc["y"]["type"] == "nominal"
    assert enc["y"]["sort"] == list(EFF["config_key"])
    assert enc["yOffset"]["field"] == "type"
    assert enc["yOffset"]["sort"] == ["predicted", "measured", "peak"]
    assert enc["x"]["field"] == "fps" and enc["x"]["scale"]["type"] == "log"
    assert enc["x"]["title"] == "Throughput [fps]"
    lo, hi = enc["x"]["scale"]["domain"]
    assert enc["x2"] == {"datum": lo}  # log bars start at the axis' base
    # room for the label after the longest bar, but no whole empty decades after it
    assert lo <= 76.0 and 100624.0 * 2 <= hi <= 100624.0 * 3
    assert enc["color"]["scale"]["domain"] == ["predicted", "measured", "peak"]
    assert enc["color"]["scale"]["range"][:2] == [PREDICTED_COLOUR, MEASURED_COLOUR]
    assert text["encoding"]["text"]["field"] == "label"
    assert text["encoding"]["yOffset"] == enc["yOffset"]  # label beside the measured bar
    assert spec["height"] == 30 * 3


def test_efficiency_height_grows_with_configs():
    many = pd.concat([EFF.iloc[[0]].assign(config_key=f"k{i}") for i in range(51)],
                     ignore_index=True)
    spec = measured.efficiency_chart(many, title="T").to_dict()
    assert spec["height"] == 51 * 30
    assert len(rows(spec, spec["layer"][0])) == 51 * 3


def test_latency_throughput_spec():
    spec = measured.latency_throughput_chart(LATENCY, title="Latency").to_dict()
    assert spec["title"] == "Latency"
    # a panel per network, the least pruned first
    assert spec["facet"]["field"] == "network" and spec["facet"]["sort"] == ["CNV 100%", "CNV 50%"]
    unit = spec["spec"]
    assert mark(unit) == "line" and unit["mark"]["point"]["filled"] is True
    enc = unit["encoding"]
    assert (enc["x"]["field"], enc["x"]["scale"]["type"], enc["x"]["title"]) == (
        "latency_compute_ms", "log", "Compute latency [ms]")
    assert (enc["y"]["field"], enc["y"]["scale"]["type"], enc["y"]["title"]) == (
        "throughput_compute_fps", "log", "Compute throughput [fps]")
    assert enc["order"] == {"field": "batch", "type": "quantitative"}
    assert enc["detail"] == {"field": "config_key", "type": "nominal"}
    # the selection lives at the top, bound to the panels' view
    assert spec["params"] == [{"name": "pick", "select": {"type": "point", "fields": ["platform_label"]},
                               "bind": "legend", "views": [unit["name"]]}]
    colour = enc["color"]
    assert colour["value"] == "lightgray"
    assert colour["condition"]["param"] == "pick" and colour["condition"]["field"] == "platform_label"
    assert colour["condition"].get("empty", True) is True  # nothing selected: all coloured
    assert colour["condition"]["scale"]["domain"] == ["TX2-maxn", "NCS2"]
    assert colour["condition"]["legend"]["symbolLimit"] == 0  # every platform clickable
    assert enc["shape"]["field"] == enc["strokeDash"]["field"] == "datatype"
    assert [t["field"] for t in enc["tooltip"]] == ["config_key", "platform_label", "batch",
                                                    "latency_compute_ms", "throughput_compute_fps"]
    assert len(rows(spec)) == 6
    assert {"network", "datatype", "platform_label"} <= set(rows(spec)[0])


def _looks(spec: dict) -> dict:
    """Per panel, each line's (colour, shape, dash)."""
    enc = spec["spec"]["encoding"]
    colour = dict(zip(enc["color"]["condition"]["scale"]["domain"],
                      enc["color"]["condition"]["scale"]["range"]))
    shape = dict(zip(enc["shape"]["scale"]["domain"], enc["shape"]["scale"]["range"]))
    dash = dict(zip(enc["strokeDash"]["scale"]["domain"], map(tuple, enc["strokeDash"]["scale"]["range"])))
    looks: dict = {}
    for d in rows(spec):
        looks.setdefault(d["network"], {})[d["config_key"]] = (
            colour[d["platform_label"]], shape[d["datatype"]], dash[d["datatype"]])
    return looks


def test_latency_lines_of_a_panel_never_look_alike():
    # 60 configurations (more than the palette has colours): 6 platforms × 2 datatypes ×
    # 5 networks; within a panel no two lines share colour, shape and dash
    platforms = ["TX2-maxn", "TX2-maxp", "TX2-maxq", "NCS2", "ZCU104-FINN", "ZCU104-BISMO"]
    many = pd.DataFrame([
        {"config_key": f"{p}_{dt}_{t}_{pr:g}", "platform_label": p, "datatype": dt,
         "topology": t, "pruning_pct": pr, "batch": b, "latency_compute_ms": 1.0 * b,
         "throughput_compute_fps": 100.0 * b}
        for p in platforms for dt in ("FP16", "FP32") for t, pr in
        (("CNV", 100.0), ("CNV", 50.0), ("MLP", 100.0), ("MLP", 25.0), ("MLP", 12.5))
        for b in (1, 2)])
    spec = measured.latency_throughput_chart(many, title="T").to_dict()
    looks = _looks(spec)
    assert len(looks) == 5 and sum(len(v) for v in looks.values()) == 60
    for panel in looks.values():
        assert len(set(panel.values())) == len(panel) == 12
    assert len(spec["spec"]["encoding"]["color"]["condition"]["scale"]["domain"]) == 6


def _panels(spec: dict) -> list[dict]:
    return [panel for row in spec["vconcat"] for panel in row["hconcat"]]


def _data(spec: dict, unit: dict) -> list[dict]:
    """The rows ``unit`` draws: the chart's one table through the unit's filters (each a
    conjunction of ``datum.field === value``)."""
    table = spec["datasets"][spec["data"]["name"]]
    for t in unit.get("transform", []):
        terms = re.findall(r"datum\.(\w+) === ('[^']*'|true|false)", t["filter"])
        assert terms and t["filter"].count("===") == len(terms) and "||" not in t["filter"]
        wanted = {f: json.loads(v.replace("'", '"')) for f, v in terms}
        table = [d for d in table if all(d[f] == v for f, v in wanted.items())]
    return table


def test_boxplot_draws_the_preaggregated_rows_one_network_per_panel():
    spec = measured.boxplot_chart(STATS, value_title="Compute latency [ms]",
                                  title="Latency by Hardware").to_dict()
    assert spec["title"] == "Latency by Hardware"
    panels = _panels(spec)
    # a panel per network, in row order; no box mixes networks: the panels share one
    # table, each drawing its network's rows only
    assert [p["title"]["text"] for p in panels] == ["ResNet-50", "GoogLeNetv1"]
    assert all("data" not in u for p in panels for u in p["layer"])
    for p in panels:
        assert all({d["topology"] for d in _data(spec, u)} <= {p["title"]["text"]}
                   for u in p["layer"])
        assert all(_data(spec, u) for u in p["layer"][:4])  # boxes and an odd group's name
    assert [{d["hardware"] for d in _data(spec, p["layer"][0])} for p in panels] == [
        {"ZCU102-DPU INT8", "TX2-maxn FP16"}, {"TX2-maxn FP16"}]
    text = json.dumps(spec)
    assert '"boxplot"' not in text and '"aggregate"' not in text
    resnet = panels[0]
    assert [mark(u) for u in resnet["layer"]] == ["rule", "bar", "tick", "text", "text"]
    assert len(_data(spec, resnet["layer"][0])) == 3  # the statistics themselves
    assert {d["n"] for d in _data(spec, resnet["layer"][1])} == {8, 5}
    rule, box, tick = (u["encoding"] for u in resnet["layer"][:3])
    assert (rule["y"]["field"], rule["y2"]["field"]) == ("min", "max")
    assert (box["y"]["field"], box["y2"]["field"]) == ("q1", "q3")
    assert tick["y"]["field"] == "median"
    # a slot per hardware × pruning measured, an empty slot between hardware groups
    slots = ["ZCU102-DPU INT8 · 50%", "ZCU102-DPU INT8 · 100%", " ", "TX2-maxn FP16 · 100%"]
    for enc in (rule, box, tick):
        assert enc["y"]["scale"]["type"] == "log"
        assert enc["x"]["field"] == "slot" and enc["x"]["scale"]["domain"] == slots
    assert box["y"]["title"] == "Compute latency [ms]"
    assert box["color"]["field"] == "pruning_pct" and box["color"]["type"] == "ordinal"
    assert box["color"]["scale"]["domain"] == [50.0, 100.0]
    # each group's name under its middle: between its two boxes, under its one box
    odd, even = resnet["layer"][3:]
    names = {d["hardware"]: (d["slot"], d["even"]) for d in _data(spec, odd) + _data(spec, even)}
    assert names == {"ZCU102-DPU INT8": ("ZCU102-DPU INT8 · 100%", True),
                     "TX2-maxn FP16": ("TX2-maxn FP16 · 100%", False)}
    assert [d["hardware"] for d in _data(spec, even)] == ["ZCU102-DPU INT8"]
    assert odd["encoding"]["x"]["bandPosition"] == 0.5 and even["encoding"]["x"]["bandPosition"] == 0
    # one log axis shared by the panels: the same domain from the lowest min to the highest max
    domains = {tuple(p["layer"][1]["encoding"]["y"]["scale"]["domain"]) for p in panels}
    assert len(domains) == 1
    lo, hi = domains.pop()
    assert lo < 1.0 and hi > 20.0
    # the googlenet panel has one slot: its one box
    assert panels[1]["layer"][1]["encoding"]["x"]["scale"]["domain"] == ["TX2-maxn FP16 · 100%"]


def test_boxplot_hardware_follows_the_catalogue_order():
    spec = measured.boxplot_chart(STATS, value_title="v", title="T",
                                  order=["TX2-maxn", "ZCU102-DPU"]).to_dict()
    assert _panels(spec)[0]["layer"][1]["encoding"]["x"]["scale"]["domain"][0] == "TX2-maxn FP16 · 100%"


def test_bar_chart_spec():
    spec = measured.bar_chart(VALUES, value_title="Energy per inference [mJ]",
                              title="Energy", fmt=".2f").to_dict()
    bars, text = spec["layer"]
    assert [mark(bars), mark(text)] == ["bar", "text"]
    enc = bars["encoding"]
    assert enc["y"]["field"] == "config_key" and enc["y"]["sort"] == list(VALUES["config_key"])
    assert enc["x"]["field"] == "value" and enc["x"]["title"] == "Energy per inference [mJ]"
    assert enc["x"]["scale"].get("type") is None  # linear
    assert enc["color"]["field"] == "platform_label"
    assert enc["color"]["scale"]["domain"] == ["TX2-maxn", "NCS2", "TX2-maxq"]
    assert text["encoding"]["text"] == {"field": "value", "format": ".2f", "type": "quantitative"}
    assert len(rows(spec)) == 3 and set(rows(spec)[0]) == {"config_key", "platform_label", "value"}


def test_bar_chart_turns_log_when_values_span_decades():
    wide = VALUES.assign(value=[0.007, 240.0, 1.0])
    bars = measured.bar_chart(wide, value_title="Energy per inference [mJ]", title="E",
                              fmt=".3~g").to_dict()["layer"][0]
    x = bars["encoding"]["x"]
    assert x["scale"]["type"] == "log"
    lo, hi = x["scale"]["domain"]
    assert lo <= 0.007 and 240.0 < hi < 240.0 * 3
    assert bars["encoding"]["x2"] == {"datum": lo}  # log bars start at the axis' base
    assert len(x["axis"]["values"]) <= 4 * math.log10(hi / lo) + 2


def test_power_trace_spec():
    spec = measured.power_trace_chart(TRACES, title="EdgeTPU power").to_dict()
    assert mark(spec["spec"]) == "area"
    assert spec["spec"]["mark"] == {"type": "area", "interpolate": "basis", "line": True,
                                    "fillOpacity": 0.4}
    assert spec["spec"]["height"] == 100
    assert spec["facet"]["row"]["field"] == "series"
    assert spec["facet"]["row"]["sort"] == ["idle", "GoogLeNet"]
    assert spec["facet"]["column"]["field"] == "op_mode"
    assert spec["facet"]["column"]["sort"] == ["slow", "fast"]
    assert spec["resolve"]["scale"]["x"] == "independent"
    enc = spec["spec"]["encoding"]
    assert (enc["x"]["field"], enc["x"]["title"]) == ("time_s", "Time [s]")
    assert (enc["y"]["field"], enc["y"]["title"]) == ("power_w", "Power [W]")
    assert len(rows(spec)) == 8


@pytest.mark.parametrize("name", BUILDERS)
def test_specs_are_deterministic_and_inputs_untouched(name):
    before = {k: v.copy() for k, v in FRAMES.items()}
    a = json.dumps(BUILDERS[name](FRAMES).to_dict(), sort_keys=True)
    b = json.dumps(BUILDERS[name](FRAMES).to_dict(), sort_keys=True)
    assert a == b
    for k, v in FRAMES.items():
        pd.testing.assert_frame_equal(v, before[k])


@pytest.mark.parametrize("frames", [FRAMES, EMPTY], ids=["small", "empty"])
@pytest.mark.parametrize("name", BUILDERS)
def test_every_chart_renders(name, frames, tmp_path, bundle):
    paths = save_chart(BUILDERS[name](frames), tmp_path / name, bundle=bundle)
    assert [p.suffix for p in paths] == [".json", ".svg", ".png", ".html"]
    assert (tmp_path / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_figure_without_rows_is_a_note_that_says_so(tmp_path, bundle):
    title = "Power Plots for ImageNet Classification"
    chart, is_note = or_note(VALUES.iloc[0:0], lambda f: measured.bar_chart(
        f, value_title="W", title=title, fmt=".1f"), title=title,
        message="No power measurements for ImageNet")
    assert is_note
    spec = chart.to_dict()
    assert spec["title"] == title
    assert no_data_message(spec) == "No power measurements for ImageNet"
    # one text mark and no axes, not an empty frame
    assert mark(spec) == "text" and set(spec["encoding"]) == {"x", "y", "text"}
    assert rows(spec) == [{"message": "No power measurements for ImageNet"}]
    assert spec["config"]["view"]["stroke"] is None
    save_chart(chart, tmp_path / "note", bundle=bundle)
    assert "No power measurements for ImageNet" in (tmp_path / "note.svg").read_text()
    # rows to draw: the chart itself
    chart, is_note = or_note(VALUES, lambda f: measured.bar_chart(
        f, value_title="W", title=title, fmt=".1f"), title=title, message="none")
    assert not is_note and no_data_message(chart.to_dict()) is None
