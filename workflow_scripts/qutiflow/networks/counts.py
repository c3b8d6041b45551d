"""A network's totals from its walk (:func:`qutiflow.networks.trace.trace`): output shape,
multiply-accumulates, operations, weights and :func:`summary` (what is counted: see
:mod:`qutiflow.networks.trace`)."""

from __future__ import annotations

from .layers import Network, Shape
from .trace import sequence, trace


def output_shape(spec: Network) -> Shape:
    """Per-sample output shape.

    >>> from qutiflow.networks.layers import Dense
    >>> output_shape(Network("fc", (10,), (Dense(10, 3),)))
    (3,)
    """
    return sequence(tuple(spec.layers), tuple(spec.input_shape), "", [])


def count_macs(spec: Network) -> int:
    """Multiply-accumulates per sample of all convolutions and dense layers; biases, batch
    norm, activations, pooling, adds and concatenation are not counted.

    >>> from qutiflow.networks.layers import Dense
    >>> count_macs(Network("fc", (10,), (Dense(10, 3, bias=True),)))
    30
    """
    return sum(info.macs for info in trace(spec))


def count_ops(spec: Network) -> int:
    """Operations per sample = 2 × :func:`count_macs`.

    Counted: the multiplies and adds of convolutions (``2 · out_h·out_w·out_c ·
    k·k·in_c/groups``) and dense layers (``2 · in · out``). Not counted: biases, batch norm
    (folded into the preceding layer), activations, pooling, residual adds, concatenation,
    flattening, and the final softmax (not part of the spec).

    >>> from qutiflow.networks.layers import Conv2d
    >>> count_ops(Network("c", (1, 3, 3), (Conv2d(1, 2, 3),)))  # 1x1 output, 2 ch x 9 MACs
    36
    """
    return 2 * count_macs(spec)


def count_params(spec: Network) -> int:
    """Weights of convolutions (``out_c · in_c/groups · k·k``) and dense layers (``in · out``).
    Biases and batch-norm parameters are **not** counted.

    >>> from qutiflow.networks.layers import Dense
    >>> count_params(Network("fc", (10,), (Dense(10, 3, bias=True),)))
    30
    """
    return sum(info.weights for info in trace(spec))


def summary(spec: Network) -> dict:
    """Name, exact counts and the units of the tables: ``gop`` (10^9 operations per
    inference) and ``params_m`` (10^6 weights).

    >>> from qutiflow.networks.layers import Dense
    >>> s = summary(Network("fc", (784,), (Dense(784, 10),)))
    >>> s["ops"], s["gop"], s["params_m"]
    (15680, 1.568e-05, 0.00784)
    """
    infos = trace(spec)
    macs = sum(i.macs for i in infos)
    weights = sum(i.weights for i in infos)
    return {
        "network": spec.name,
        "macs": macs,
        "ops": 2 * macs,
        "params": weights,
        "gop": 2 * macs / 1e9,
        "params_m": weights / 1e6,
    }
