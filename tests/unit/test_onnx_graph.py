"""The ONNX graphs of the networks (qutiflow.hostbench.onnx_graph): checked by onnx, shapes
equal to the spec's trace, run by onnxruntime, weights deterministic.
"""

from __future__ import annotations

import numpy as np
import pytest
from qutiflow import networks as nw
from qutiflow.networks import (
    Conv2d,
    Network,
)

# ----------------------------------------------------------------------- ONNX graphs

ONNX_NETWORKS = {
    "cnv_100": lambda: nw.cnv(100),
    "cnv_12.5": lambda: nw.cnv(12.5),
    "mlp_100": lambda: nw.mlp(100),
    "mobilenet_v1": nw.mobilenet_v1,
    "googlenet": nw.googlenet,
    "resnet50": nw.resnet50,
    "resnet50_v1.5": lambda: nw.resnet50(v15=True),
    "efficientnet_edgetpu_s": lambda: nw.efficientnet_edgetpu("S"),
}


@pytest.mark.parametrize("key", ONNX_NETWORKS)
def test_onnx_graph_checks_and_runs(key):
    import onnx
    import onnxruntime as ort
    from qutiflow.hostbench.onnx_graph import build_onnx

    spec = ONNX_NETWORKS[key]()
    classes = nw.output_shape(spec)[0]
    model = build_onnx(spec)
    onnx.checker.check_model(model)
    assert model.opset_import[0].version == 17
    dims = [d.dim_param or d.dim_value for d in model.graph.input[0].type.tensor_type.shape.dim]
    assert (model.graph.input[0].name, dims) == ("input", ["batch", *spec.input_shape])

    # every layer's output shape in ONNX shape inference equals the spec's trace
    inferred = {
        v.name: tuple(d.dim_value for d in v.type.tensor_type.shape.dim)[1:]
        for v in onnx.shape_inference.infer_shapes(model).graph.value_info
    }
    expected = {i.path: i.out_shape for i in nw.trace(spec)}
    expected.pop(nw.trace(spec)[-1].path)  # the last tensor is renamed "output"
    assert {p: inferred.get(p) for p in expected} == expected

    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    x = np.random.default_rng(0).standard_normal((2, *spec.input_shape)).astype(np.float32)
    (y,) = session.run(["output"], {"input": x})
    assert y.shape == (2, classes) and y.dtype == np.float32 and np.isfinite(y).all()


def test_onnx_weights_are_deterministic_and_match_the_counts():
    from qutiflow.hostbench.onnx_graph import build_onnx

    spec = nw.cnv(12.5)
    a, b, c = build_onnx(spec), build_onnx(spec), build_onnx(spec, seed=1)
    assert a.SerializeToString() == b.SerializeToString() != c.SerializeToString()
    weights = sum(int(np.prod(t.dims)) for t in a.graph.initializer if t.name.endswith(".weight"))
    assert weights == nw.count_params(spec)
    fixed = build_onnx(spec, batch=2)
    assert [d.dim_value for d in fixed.graph.output[0].type.tensor_type.shape.dim] == [2, 10]
    with pytest.raises(ValueError, match="class scores"):
        build_onnx(Network("maps", (3, 8, 8), (Conv2d(3, 4, 3),)))
