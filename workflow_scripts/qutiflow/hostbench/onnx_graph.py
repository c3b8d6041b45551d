"""ONNX graphs of the networks in :mod:`qutiflow.networks`, with random weights.

Each layer maps to one ONNX operator (opset 17): Conv2d → Conv (``group`` for depthwise),
Dense → Gemm (``transB=1``), BatchNorm → BatchNormalization (kept, not folded, so the graph
shows the spec as written), ReLU → Relu, Pool → MaxPool/AveragePool, GlobalPool →
GlobalMaxPool/GlobalAveragePool, Flatten → Flatten, Concat → Concat on axis 1, Residual →
Add. The graph's input is ``input`` (float32, N×C×H×W, or N×F for a vector input) and its
output ``output`` (N×classes, scores before softmax). Node and initializer names follow the
layer paths of :func:`qutiflow.networks.trace`. One dispatch over layer types (:func:`emit`,
as :func:`qutiflow.networks.trace.step` for the counts) writes each layer's nodes.

Weights are drawn with numpy from ``seed`` in layer order: He-normal convolution and dense
weights (std √(2 / fan-in)), biases ~ N(0, 0.01²), batch norm scale ~ U(0.5, 1.5), shift
and mean ~ N(0, 0.1²), variance ~ U(0.5, 1.5). The same spec and seed give the same model
bytes. The ``onnx`` package is imported only when a graph is built.
"""

from __future__ import annotations

from functools import singledispatch

import numpy as np

from ..networks import (
    BatchNorm,
    Concat,
    Conv2d,
    Dense,
    Flatten,
    GlobalPool,
    Layer,
    Network,
    Pool,
    ReLU,
    Residual,
    output_shape,
)
from ..networks.layers import layer_name

#: the ONNX default-domain opset every graph is built for
OPSET = 17


class _Builder:
    """Collects nodes and initializers while walking a spec (one per :func:`build_onnx` call)."""

    def __init__(self, seed: int):
        from onnx import helper, numpy_helper

        self.helper, self.numpy_helper = helper, numpy_helper
        self.rng = np.random.default_rng(seed)
        self.nodes: list = []
        self.initializers: list = []

    def tensor(self, name: str, array: np.ndarray) -> str:
        self.initializers.append(self.numpy_helper.from_array(array.astype(np.float32), name))
        return name

    def node(self, op: str, inputs: list[str], path: str, **attrs) -> str:
        self.nodes.append(self.helper.make_node(op, inputs, [path], name=path, **attrs))
        return path

    def normal(self, std: float, shape: tuple[int, ...]) -> np.ndarray:
        return self.rng.standard_normal(shape, dtype=np.float32) * np.float32(std)

    def uniform(self, shape: tuple[int, ...]) -> np.ndarray:
        return self.rng.uniform(0.5, 1.5, shape).astype(np.float32)

    def sequence(self, layers: tuple[Layer, ...], x: str, prefix: str) -> str:
        for i, layer in enumerate(layers):
            part = layer_name(layer, i)
            x = emit(layer, self, x, f"{prefix}.{part}" if prefix else part)
        return x


@singledispatch
def emit(layer: object, b: _Builder, x: str, path: str) -> str:
    """Add the nodes (and weights) of ``layer`` reading tensor ``x``; return the name of the
    tensor it writes (``path``). Register a new layer type with ``@emit.register``."""
    raise TypeError(f"{path}: {layer!r} is not a layer of qutiflow.networks")


@emit.register
def _(layer: Conv2d, b: _Builder, x: str, path: str) -> str:
    fan_in = layer.in_channels // layer.groups * layer.kernel**2
    shape = (layer.out_channels, layer.in_channels // layer.groups, layer.kernel, layer.kernel)
    inputs = [x, b.tensor(f"{path}.weight", b.normal(np.sqrt(2.0 / fan_in), shape))]
    if layer.bias:
        inputs.append(b.tensor(f"{path}.bias", b.normal(0.01, (layer.out_channels,))))
    return b.node(
        "Conv",
        inputs,
        path,
        kernel_shape=[layer.kernel] * 2,
        strides=[layer.stride] * 2,
        pads=[layer.padding] * 4,
        group=layer.groups,
    )


@emit.register
def _(layer: Dense, b: _Builder, x: str, path: str) -> str:
    shape = (layer.out_features, layer.in_features)
    inputs = [x, b.tensor(f"{path}.weight", b.normal(np.sqrt(2.0 / layer.in_features), shape))]
    if layer.bias:
        inputs.append(b.tensor(f"{path}.bias", b.normal(0.01, (layer.out_features,))))
    return b.node("Gemm", inputs, path, transB=1)


@emit.register
def _(layer: BatchNorm, b: _Builder, x: str, path: str) -> str:
    c = (layer.channels,)
    inputs = [
        x,
        b.tensor(f"{path}.scale", b.uniform(c)),
        b.tensor(f"{path}.shift", b.normal(0.1, c)),
        b.tensor(f"{path}.mean", b.normal(0.1, c)),
        b.tensor(f"{path}.var", b.uniform(c)),
    ]
    return b.node("BatchNormalization", inputs, path, epsilon=1e-5)


@emit.register
def _(layer: ReLU, b: _Builder, x: str, path: str) -> str:
    return b.node("Relu", [x], path)


@emit.register
def _(layer: Pool, b: _Builder, x: str, path: str) -> str:
    return b.node(
        "MaxPool" if layer.kind == "max" else "AveragePool",
        [x],
        path,
        kernel_shape=[layer.kernel] * 2,
        strides=[layer.step] * 2,
        pads=[layer.padding] * 4,
        ceil_mode=int(layer.ceil_mode),
    )


@emit.register
def _(layer: GlobalPool, b: _Builder, x: str, path: str) -> str:
    return b.node("GlobalMaxPool" if layer.kind == "max" else "GlobalAveragePool", [x], path)


@emit.register
def _(layer: Flatten, b: _Builder, x: str, path: str) -> str:
    return b.node("Flatten", [x], path, axis=1)


@emit.register
def _(layer: Concat, b: _Builder, x: str, path: str) -> str:
    ends = [b.sequence(tuple(branch), x, f"{path}.branch{i}") for i, branch in enumerate(layer.branches)]
    return b.node("Concat", ends, path, axis=1)


@emit.register
def _(layer: Residual, b: _Builder, x: str, path: str) -> str:
    body = b.sequence(tuple(layer.body), x, f"{path}.body")
    shortcut = b.sequence(tuple(layer.shortcut), x, f"{path}.shortcut")
    return b.node("Add", [body, shortcut], path)


def build_onnx(spec: Network, *, batch: int | None = None, seed: int = 0):
    """The network ``spec`` as an ``onnx.ModelProto`` (opset 17) with random weights.

    Parameters
    ----------
    spec
        A network from :mod:`qutiflow.networks`; it must end in a vector of class scores.
    batch
        Fixed batch size of input and output; None (the default) leaves a symbolic
        dimension ``batch``.
    seed
        Seed of the numpy generator that draws every weight (deterministic).

    Returns
    -------
    onnx.ModelProto
        Input ``input`` float32 N×C×H×W (N×F for a vector input such as the MLP's 784),
        output ``output`` float32 N×classes.

    Examples
    --------
    >>> from qutiflow.networks import mlp
    >>> model = build_onnx(mlp(12.5), batch=2)
    >>> [d.dim_value for d in model.graph.input[0].type.tensor_type.shape.dim]
    [2, 784]
    >>> model.graph.output[0].name, model.opset_import[0].version
    ('output', 17)
    >>> build_onnx(mlp(12.5), batch=2).SerializeToString() == model.SerializeToString()
    True
    """
    out_shape = output_shape(spec)  # validates the spec before anything is built
    if len(out_shape) != 1:
        raise ValueError(
            f"{spec.name}: ends in shape {out_shape}, not a vector of class "
            "scores; fix: end the spec with Flatten and Dense"
        )
    if batch is not None and (not isinstance(batch, int) or batch < 1):
        raise ValueError(f"batch={batch!r} must be an integer ≥ 1, or None for a dynamic batch")
    builder = _Builder(seed)
    _name_output(builder, builder.sequence(tuple(spec.layers), "input", ""))
    return _model(spec, builder, out_shape, "batch" if batch is None else batch)


def _name_output(builder: _Builder, last: str) -> None:
    """The tensor ``last`` (the network's end) renamed ``output``."""
    if last == "input":
        builder.node("Identity", ["input"], "output")
        return
    for node in builder.nodes:  # the node producing the last tensor now writes "output"
        node.input[:] = ["output" if name == last else name for name in node.input]
        node.output[:] = ["output" if name == last else name for name in node.output]


def _model(spec: Network, builder: _Builder, out_shape: tuple[int, ...], n: int | str):
    """The graph of ``builder``'s nodes and weights as a model of opset :data:`OPSET`."""
    from onnx import TensorProto, helper

    graph = helper.make_graph(
        builder.nodes,
        spec.name,
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [n, *spec.input_shape])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [n, *out_shape])],
        initializer=builder.initializers,
    )
    opsets = [helper.make_opsetid("", OPSET)]
    return helper.make_model(
        graph,
        opset_imports=opsets,
        producer_name="qutiflow",
        ir_version=helper.find_min_ir_version_for(opsets),
    )
