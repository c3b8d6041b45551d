"""Per-layer tables of a network: the layers that compute or move data with what they cost
(:func:`layer_table`, the input of the layer-wise performance model
:mod:`qutiflow.level1`), and every layer with its shapes (:func:`layer_shapes`)."""

from __future__ import annotations

import pandas as pd

from .layers import Network
from .trace import trace

#: columns of :func:`layer_table`; all int64 but ``layer`` and ``kind`` (str)
COST_COLUMNS = (
    "layer",
    "kind",
    "ops",
    "weights",
    "in_elems",
    "out_elems",
    "in_channels",
    "out_channels",
    "groups",
    "out_pixels",
)


def layer_shapes(spec: Network) -> pd.DataFrame:
    """One row per layer, folded ones included: ``layer`` (dotted path), ``layer_type``
    (class name), ``in_shape``, ``out_shape`` (per sample, e.g. ``64x56x56``), ``macs`` and
    ``weights`` (int64).

    >>> from qutiflow.networks.finn import mlp
    >>> layer_shapes(mlp(12.5)).iloc[0].to_dict()
    {'layer': 'fc1', 'layer_type': 'Dense', 'in_shape': '784', 'out_shape': '256', 'macs': 200704, 'weights': 200704}
    """
    infos = trace(spec)
    return pd.DataFrame(
        {
            "layer": pd.Series([i.path for i in infos], dtype="object"),
            "layer_type": pd.Series([type(i.layer).__name__ for i in infos], dtype="object"),
            "in_shape": pd.Series(["x".join(map(str, i.in_shape)) for i in infos], dtype="object"),
            "out_shape": pd.Series(["x".join(map(str, i.out_shape)) for i in infos], dtype="object"),
            "macs": pd.Series([i.macs for i in infos], dtype="int64"),
            "weights": pd.Series([i.weights for i in infos], dtype="int64"),
        }
    )


def layer_table(spec: Network) -> pd.DataFrame:
    """One row per layer that computes or moves data, in execution order (a residual add or
    a concatenation after the layers that feed it). Per sample, no batch; counts, not
    bytes (multiply by a datatype's bits for traffic).

    Columns
    -------
    layer : str
        Dotted path, as in :func:`qutiflow.networks.trace.trace`.
    kind : str
        ``conv``, ``dwconv`` (``groups > 1``: depthwise or grouped), ``dense``, ``pool``
        (window or global), ``add`` (residual), ``concat``.
    ops : int64
        2 × multiply-accumulates (0 for pool, add and concat, which the op counts leave out).
    weights : int64
        Convolution or dense weights (no biases, no batch norm).
    in_elems, out_elems : int64
        Activation elements read and written: a residual add reads both its inputs
        (2 × out), a concatenation all its branch outputs (= out).
    in_channels, out_channels : int64
        Channels (features of a dense layer) entering and leaving; an add or concat reports
        its output channels for both (each input of an add has them; concat's inputs sum
        to them).
    groups : int64
        Convolution groups; 1 for every other kind.
    out_pixels : int64
        Output height × width; 1 for a vector.

    Left out: layers folded away at inference (batch norm, ReLU, flatten: no ops, no weights,
    no data movement of their own), so ``ops`` and ``weights`` still sum to the network's
    totals.

    >>> from qutiflow.networks.layers import Conv2d, ReLU, Residual
    >>> net = Network("r", (4, 6, 6), (Residual((Conv2d(4, 4, 3, padding=1), ReLU())),))
    >>> layer_table(net)[["layer", "kind", "ops", "in_elems", "out_elems"]].values.tolist()
    [['residual0.body.conv2d0', 'conv', 10368, 144, 144], ['residual0', 'add', 0, 288, 144]]
    """
    rows = [i for i in trace(spec) if i.kind is not None]
    merged = [i.kind in ("add", "concat") for i in rows]
    return pd.DataFrame(
        {
            "layer": pd.Series([i.path for i in rows], dtype="object"),
            "kind": pd.Series([i.kind for i in rows], dtype="object"),
            "ops": pd.Series([2 * i.macs for i in rows], dtype="int64"),
            "weights": pd.Series([i.weights for i in rows], dtype="int64"),
            "in_elems": pd.Series([i.in_elems for i in rows], dtype="int64"),
            "out_elems": pd.Series([i.out_elems for i in rows], dtype="int64"),
            "in_channels": pd.Series(
                [i.out_shape[0] if m else i.in_shape[0] for i, m in zip(rows, merged)], dtype="int64"
            ),
            "out_channels": pd.Series([i.out_shape[0] for i in rows], dtype="int64"),
            "groups": pd.Series([getattr(i.layer, "groups", 1) for i in rows], dtype="int64"),
            "out_pixels": pd.Series([i.out_elems // i.out_shape[0] for i in rows], dtype="int64"),
        },
        columns=list(COST_COLUMNS),
    )
