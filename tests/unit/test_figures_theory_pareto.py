"""The theoretical pareto chart (qutiflow.figures.theory_pareto) checked as a spec."""

from __future__ import annotations

from qutiflow.figures.theory_pareto import pareto_chart

from .test_figures_theory_roofline import MODELS, layers


def test_pareto_spec():
    pts = MODELS.assign(platform="TX2", op_mode="maxn", predicted_fps=[3000.0, 9000.0, 2800.0])
    front = pts.iloc[[2, 1]]
    spec = pareto_chart(pts, front, title="Theoretical Pareto for MNIST").to_dict()
    dots, line = layers(spec)
    assert spec["title"]["subtitle"] == "Level 0 prediction (QuTiBench roofline)"
    assert dots["encoding"]["x"]["scale"]["type"] == "log"
    assert dots["encoding"]["y"]["scale"]["zero"] is False
    assert line["mark"]["color"] == "#FFA500"
    assert len(spec["datasets"][line["data"]["name"]]) == 2
    # the x axis ends just past the data, not at the next whole decades
    lo, hi = dots["encoding"]["x"]["scale"]["domain"]
    assert 2800.0 / 1.5 < lo < 2800.0 and 9000.0 < hi < 9000.0 * 1.5
    assert dots["encoding"]["x"]["scale"]["nice"] is False


def test_pareto_points_that_coincide_are_rings():
    pts = MODELS.iloc[[0, 0, 2]].assign(
        platform=["TX2", "NCS2", "TX2"],
        op_mode=["maxn", None, "maxn"],
        predicted_fps=[3000.0, 3000.0, 2800.0],
    )
    spec = pareto_chart(pts, pts.iloc[[0]], title="T").to_dict()
    dots = layers(spec)[0]
    data = spec["datasets"][dots["data"]["name"]]
    sizes = [(d["hardware"], d["size"]) for d in data]
    # the second of the two coinciding points is larger and drawn first (underneath)
    assert sizes[0] == ("NCS2", 180.0) and sorted(s for _, s in sizes[1:]) == [70.0, 70.0]
    assert dots["encoding"]["size"] == {"field": "size", "type": "quantitative", "scale": None}
