"""Prediction-fidelity figures checked as specs (to_dict), never as pixels; each also renders."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from helpers import mark
from qutiflow.figures import fidelity as charts
from qutiflow.figures.fidelity_batches import BATCH_COLUMNS, batch_lines, fidelity_batches
from qutiflow.figures.fidelity_error import fidelity_error
from qutiflow.figures.fidelity_scatter import ANCHOR, fidelity_scatter
from qutiflow.figures.save import MAX_SPEC_BYTES, save_chart, spec_json
from qutiflow.figures.theme import NETWORK_RAMPS, PALETTE, PREDICTED_COLOUR

MODELS = ["level0", "level1", "level1_calibrated"]


def _rows() -> pd.DataFrame:
    """Three platforms (GPU first in the data, FPGA last), each configuration at batches 1
    and 4 under every model. TX2 FP16 CNV is fastest at batch 4, NCS2 MLP ties at both
    batches (the smaller wins); level 0 has no prediction for NCS2 MLP."""
    configs = [  # platform, op_mode, datatype, topology, pruning, family, task, fps at 1 and 4
        ("TX2", "maxn", "FP16", "CNV", 100.0, "GPU", "cifar10", 1000.0, 3000.0),
        ("TX2", "maxn", "FP32", "CNV", 100.0, "GPU", "cifar10", 600.0, 1500.0),
        ("TX2", "maxn", "FP16", "MLP", 50.0, "GPU", "mnist", 20000.0, 90000.0),
        ("NCS2", None, "FP16", "MLP", 100.0, "VPU", "mnist", 500.0, 500.0),
        ("NCS2", None, "FP16", "CNV", 100.0, "VPU", "cifar10", 300.0, 800.0),
        ("ZCU104-FINN", None, "INT2", "CNV", 50.0, "FPGA", "cifar10", 9000.0, 20000.0),
        ("ZCU104-FINN", None, "INT2", "MLP", 100.0, "FPGA", "mnist", 100000.0, 400000.0),
    ]
    anchors = {
        ("TX2", "FP16", "MLP"),
        ("TX2", "FP32", "CNV"),
        ("NCS2", "FP16", "CNV"),
        ("NCS2", "FP16", "MLP"),
        ("ZCU104-FINN", "INT2", "CNV"),
    }
    out = []
    for model, factor in zip(MODELS, [3.0, 2.0, 1.1]):
        for plat, mode, dt, topo, prune, fam, task, fps1, fps4 in configs:
            for batch, fps in ((1, fps1), (4, fps4)):
                missing = model == "level0" and plat == "NCS2" and topo == "MLP"
                out.append(
                    {
                        "task": task,
                        "platform": plat,
                        "op_mode": mode,
                        "datatype": dt,
                        "topology": topo,
                        "pruning_pct": prune,
                        "batch": batch,
                        "measured_fps": fps,
                        "model": model,
                        "predicted_fps": None if missing else fps * factor,
                        "bound": None if missing else ("memory" if batch == 1 else "compute"),
                        "is_anchor": (plat, dt, topo) in anchors,
                        "family": fam,
                    }
                )
    frame = pd.DataFrame(out)
    return frame.astype({"predicted_fps": "float64", "is_anchor": bool})


ROWS = _rows()
ORDER = ["ZCU104-FINN", "TX2", "NCS2"]
SUMMARY = pd.DataFrame(
    {
        "model": MODELS * 2 + ["level1_calibrated"],
        "scope": ["best_batch"] * 6 + ["all_batches"],
        "platform": ["all"] * 3 + ["TX2"] * 3 + ["all"],
        "n": [2, 2, 2, 1, 1, 1, 4],
        "median_abs_log10": [0.477, 0.301, 0.0414, 0.477, 0.301, 0.0414, 0.05],
        "p90_abs_log10": [0.5, 0.35, 0.06, 0.477, 0.301, 0.0414, 0.07],
        "within_25_pct": [0.0, 0.0, 100.0, 0.0, 0.0, 100.0, 100.0],
        "within_2x_pct": [0.0, 100.0, 100.0, 0.0, 100.0, 100.0, 100.0],
        "spearman_within_platform": [1.0] * 7,
        "beats_physics_n": [0] * 7,
    }
)


def filters(unit: dict) -> list[str]:
    return [t["filter"] for t in unit.get("transform", [])]


def data(spec: dict, unit: dict) -> list[dict]:
    return spec["datasets"][unit["data"]["name"]]


def test_platform_order_is_by_family_then_first_appearance():
    assert charts.platform_order(ROWS) == ORDER


def test_best_batch_points_pick_the_fastest_batch_per_model():
    pts = charts.best_batch_points(ROWS)
    assert len(pts) == 7 * 3
    one = pts.loc[
        (pts["model"] == "level1")
        & (pts["topology"] == "CNV")
        & (pts["datatype"] == "FP16")
        & (pts["platform"] == "TX2")
    ]
    assert one["batch"].tolist() == [4] and one["config"].tolist() == ["TX2-maxn FP16 CNV 100%"]
    tie = pts.loc[(pts["platform"] == "NCS2") & (pts["topology"] == "MLP")]
    assert tie["batch"].tolist() == [1, 1, 1]  # equal throughput: the smaller batch
    # a missing prediction stays a row (null), the scatter leaves it out
    assert tie.loc[tie["model"] == "level0", "predicted_fps"].isna().all()
    assert pts.loc[pts["platform"] == "NCS2", "config"].iloc[0] == "NCS2 FP16 CNV 100%"


def test_scatter_spec():
    pts = charts.best_batch_points(ROWS)
    spec = fidelity_scatter(pts, SUMMARY, order=ORDER, title="T").to_dict()
    assert spec["title"]["text"] == "T"
    panels = spec["hconcat"]
    assert [p["title"]["text"] for p in panels] == [charts.MODEL_NAMES[m] for m in MODELS]
    # the panels' scores are the summary's, so that they agree with the error chart
    assert panels[0]["title"]["subtitle"] == "2 scored, median error ×3 (0.477)"
    assert panels[2]["title"]["subtitle"] == "2 scored, median error ×1.1 (0.041)"
    for model, panel in zip(MODELS, panels):
        band, diagonal, dots, rings = panel["layer"]
        assert [mark(u) for u in panel["layer"]] == ["area", "line", "point", "point"]
        assert filters(dots) == [f"(datum.model === '{model}')"]
        assert filters(rings) == [f"(datum.point === '{ANCHOR}')", f"(datum.model === '{model}')"]
        # log-log, both axes over the same whole decades
        x, y = dots["encoding"]["x"], dots["encoding"]["y"]
        assert x["scale"]["type"] == y["scale"]["type"] == "log"
        assert x["scale"]["domain"] == y["scale"]["domain"] == [100.0, 10_000_000.0]
        assert (x["field"], y["field"]) == ("measured_fps", "predicted_fps")
        # the ×2 band: from x/2 to 2x over the whole domain, cut to the frame (nothing
        # to clip); the diagonal y = x
        line = data(spec, band)
        assert [(r["fps"], r["low"], r["high"]) for r in line] == [
            (100.0, 100.0, 200.0),
            (200.0, 100.0, 400.0),
            (5_000_000.0, 2_500_000.0, 10_000_000.0),
            (10_000_000.0, 5_000_000.0, 10_000_000.0),
        ]
        assert all(r["low"] == max(r["fps"] / 2, 100.0) and r["high"] == min(r["fps"] * 2, 1e7) for r in line)
        assert not band["mark"].get("clip")
        assert (band["encoding"]["y"]["field"], band["encoding"]["y2"]["field"]) == ("low", "high")
        assert diagonal["encoding"]["y"]["field"] == diagonal["encoding"]["x"]["field"] == "fps"
        assert diagonal["mark"]["strokeDash"] == [5, 4]
    _, _, dots, rings = panels[0]["layer"]
    enc = dots["encoding"]
    # colour and shape by platform: one legend, family order, no colour twice
    assert enc["color"]["field"] == enc["shape"]["field"] == enc["stroke"]["field"] == "platform"
    assert enc["color"]["scale"]["domain"] == ORDER
    assert enc["color"]["scale"]["range"] == PALETTE[:3]
    assert enc["shape"]["scale"]["range"] == ["circle", "square", "triangle-up"]
    assert [t["field"] for t in enc["tooltip"]] == [
        "config",
        "task",
        "batch",
        "measured_fps",
        "predicted_fps",
        "ratio",
        "bound",
        "point",
    ]
    # anchors: a ring of their own, named in a legend
    assert rings["mark"]["filled"] is False and rings["mark"]["shape"] == "circle"
    assert rings["encoding"]["opacity"]["scale"]["domain"] == [ANCHOR]
    assert rings["encoding"]["opacity"]["title"] == "Calibration"
    # one data set for the points: rows with a prediction only, the drawn columns only
    points = data(spec, dots)
    assert len(points) == 3 * 7 - 1
    assert sum(p["point"] == ANCHOR for p in points) == 3 * 5 - 1
    assert set(points[0]) == {
        "config",
        "task",
        "platform",
        "batch",
        "measured_fps",
        "model",
        "predicted_fps",
        "bound",
        "point",
        "ratio",
    }


def test_error_spec():
    spec = fidelity_error(SUMMARY, order=ORDER, title="E", unscored=["ZCU102-DPU"]).to_dict()
    assert spec["title"]["text"] == "E"
    assert (
        "Not shown, nothing scored (anchors only, or no prediction): ZCU102-DPU." in spec["title"]["subtitle"]
    )
    rules, label_low, label_high, whisker, dots = spec["layer"]
    assert [mark(u) for u in spec["layer"]] == ["rule", "text", "text", "rule", "point"]
    # guides at ±25 % and ×2
    assert [r["factor"] for r in data(spec, rules)] == [1.25, 2.0]
    enc = dots["encoding"]
    assert enc["x"]["field"] == "median_factor" and enc["x"]["scale"]["type"] == "log"
    assert enc["x"]["scale"]["domain"] == [1.0, 10.0]
    assert enc["x"]["title"].startswith("Median error, factor")
    assert "'×' + format(datum.value" in enc["x"]["axis"]["labelExpr"]
    # a row per platform with scores (the overall one first), a sub-row per model
    assert enc["y"]["sort"] == [charts.OVERALL, "TX2"]
    assert enc["yOffset"]["field"] == "model" and enc["yOffset"]["sort"] == MODELS
    assert enc["color"]["scale"]["range"][0] == PREDICTED_COLOUR
    assert whisker["encoding"]["x2"]["field"] == "p90_factor"
    points = data(spec, dots)
    assert len(points) == 6  # best batch only
    first = points[0]
    assert first["row"] == charts.OVERALL and first["median_error"] == "×3 (0.477)"
    assert first["median_factor"] == pytest.approx(10**0.477)
    assert "median_error" in [t["field"] for t in enc["tooltip"]]


def test_batch_lines_keep_each_platforms_fastest_configuration_per_network():
    lines = batch_lines(ROWS)
    tx2_cnv = lines.loc[(lines["platform"] == "TX2") & (lines["topology"] == "CNV")]
    assert set(tx2_cnv["datatype"]) == {"FP16"}  # FP16 ran faster than FP32
    assert sorted(lines["type"].unique()) == ["level1_calibrated", "measured"]
    assert len(lines) == 6 * 2 * 2  # six platform × network pairs, two batches, two lines
    measured = lines.loc[
        (lines["type"] == "measured") & (lines["platform"] == "NCS2") & (lines["topology"] == "CNV")
    ]
    assert measured["fps"].tolist() == [300.0, 800.0]


def test_batches_spec():
    spec = fidelity_batches(ROWS, order=ORDER, title="B").to_dict()
    assert spec["columns"] == BATCH_COLUMNS and spec["title"]["text"] == "B"
    assert spec["facet"]["field"] == "platform" and spec["facet"]["sort"] == ORDER
    assert spec["resolve"]["scale"] == {"x": "independent", "y": "independent"}
    predicted, measured = spec["spec"]["layer"]
    for unit, kind in ((predicted, "level1_calibrated"), (measured, "measured")):
        enc = unit["encoding"]
        assert enc["x"]["field"] == "batch" and enc["x"]["scale"]["type"] == "log"
        assert enc["y"]["field"] == "fps" and enc["y"]["scale"]["type"] == "log"
        assert enc["color"]["field"] == "network" and enc["detail"]["field"] == "config"
        assert enc["strokeDash"]["scale"]["range"] == [[1, 0], [5, 3]]
        assert filters(unit) == [f"(datum.type === '{kind}')"]
    assert "point" in measured["mark"] and "point" not in predicted["mark"]
    assert len(spec["datasets"][spec["data"]["name"]]) == 24


def test_batches_lines_of_a_panel_never_share_a_colour():
    # the prunings of one topology are shades of one hue: every network its own colour
    more = pd.concat([ROWS, ROWS.loc[ROWS["topology"] == "CNV"].assign(pruning_pct=25.0)], ignore_index=True)
    spec = fidelity_batches(more, order=ORDER, title="B").to_dict()
    colour = spec["spec"]["layer"][0]["encoding"]["color"]["scale"]
    assert len(set(colour["range"])) == len(colour["domain"])
    data = spec["datasets"][spec["data"]["name"]]
    for platform in ORDER:
        nets = {d["network"] for d in data if d["platform"] == platform}
        assert len({colour["range"][colour["domain"].index(n)] for n in nets}) == len(nets)
    # CNV's three prunings (100, 50, 25 %): three shades of one ramp, the least pruned darkest
    cnv = [(n, c) for n, c in zip(colour["domain"], colour["range"]) if n.startswith("CNV")]
    assert [n for n, _ in cnv] == ["CNV 100%", "CNV 50%", "CNV 25%"]
    ramp = [r for r in NETWORK_RAMPS if cnv[0][1] in r][0]
    assert [c for _, c in cnv] == ramp[:3]


def test_batches_leave_out_platforms_measured_at_one_batch():
    one = ROWS.loc[~((ROWS["platform"] == "NCS2") & (ROWS["batch"] == 4))]
    spec = fidelity_batches(one, order=ORDER, title="B").to_dict()
    assert spec["facet"]["sort"] == ["ZCU104-FINN", "TX2"]
    assert "Measured at one batch size only, not shown: NCS2." in spec["title"]["subtitle"]


def _build(rows: pd.DataFrame, summary: pd.DataFrame) -> dict:
    pts = charts.best_batch_points(rows)
    return {
        "scatter": fidelity_scatter(pts, summary, order=ORDER, title="T"),
        "error": fidelity_error(summary, order=ORDER, title="T"),
        "batches": fidelity_batches(rows, order=ORDER, title="T"),
    }


def test_specs_are_deterministic_and_inputs_untouched():
    rows, summary = ROWS.copy(), SUMMARY.copy()
    a = {k: spec_json(c) for k, c in _build(ROWS, SUMMARY).items()}
    b = {k: spec_json(c) for k, c in _build(ROWS, SUMMARY).items()}
    assert a == b
    assert all(len(t.encode()) < MAX_SPEC_BYTES for t in a.values())
    pd.testing.assert_frame_equal(ROWS, rows)
    pd.testing.assert_frame_equal(SUMMARY, summary)
    for text in a.values():  # valid Vega-Lite
        assert json.loads(text)["$schema"].startswith("https://vega.github.io/schema/vega-lite/")


@pytest.mark.parametrize(
    "frames", [(ROWS, SUMMARY), (ROWS.iloc[0:0], SUMMARY.iloc[0:0])], ids=["small", "empty"]
)
def test_every_chart_renders(frames, tmp_path, bundle):
    for name, chart in _build(*frames).items():
        chart.to_dict()  # validates against the schema
        paths = save_chart(chart, tmp_path / name, bundle=bundle, record_id="test")
        assert [p.suffix for p in paths] == [".json", ".svg", ".png", ".html"]
        assert (tmp_path / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
