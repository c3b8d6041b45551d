"""The bar charts of network requirements and platform peaks
(qutiflow.figures.theory_requirements) checked as specs."""

from __future__ import annotations

from qutiflow.figures.save import spec_json
from qutiflow.figures.theory_requirements import platforms_chart, requirements_chart

from .test_figures_theory_roofline import MODELS, PLATFORMS


def test_requirements_and_platforms_specs_keep_units_apart():
    topo = MODELS.assign(params_m=[10.01, 2.91, 6.16])
    req = requirements_chart(topo).to_dict()
    titles = [c["layer"][0]["encoding"]["y"]["title"] for c in req["hconcat"]]
    assert titles == ["Operations [GOP]", "Weights [millions]"]
    plat = platforms_chart(PLATFORMS).to_dict()
    left, right = plat["hconcat"]
    assert left["encoding"]["y"]["title"] == "Peak performance [TOP/s]"
    assert left["encoding"]["y"]["scale"]["type"] == "log"
    assert "y2" in left["encoding"]  # log bars need their base
    assert right["layer"][0]["encoding"]["y"]["title"] == "Memory bandwidth [GB/s]"
    assert len(spec_json(platforms_chart(PLATFORMS))) < 1_000_000
