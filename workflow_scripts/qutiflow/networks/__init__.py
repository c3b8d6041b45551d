"""Networks defined once, layer by layer; their op, weight and per-layer counts derived from them.

Shared by the pipeline (a layer-wise performance model) and the host measurements
(:mod:`qutiflow.hostbench` builds the same definitions as ONNX graphs). Modules:

* :mod:`~qutiflow.networks.layers`: the layer dataclasses and :class:`Network`;
* :mod:`~qutiflow.networks.trace`: the walk (one dispatch over layer types) giving each
  layer's shapes, MACs, weights, elements read and cost kind;
* :mod:`~qutiflow.networks.counts`: a network's totals (output shape, MACs, ops, weights)
  and :func:`summary`;
* :mod:`~qutiflow.networks.table`: :func:`layer_table` (one row per layer that computes or
  moves data, with its ops, weights and activation elements) and :func:`layer_shapes`
  (every layer, with its shapes);
* builders, each at a uniform ``width_pct``: :mod:`~qutiflow.networks.resnet`,
  :mod:`~qutiflow.networks.googlenet`, :mod:`~qutiflow.networks.mobilenet`,
  :mod:`~qutiflow.networks.efficientnet` (EdgeTPU S/M/L), :mod:`~qutiflow.networks.finn`
  (CNV, MLP); :mod:`~qutiflow.networks.blocks` the pieces they share;
* :mod:`~qutiflow.networks.catalogue`: :func:`network_for` (catalogue topology id and
  pruning % → network).
"""

from .blocks import scale_width
from .catalogue import network_for, width_pct
from .counts import count_macs, count_ops, count_params, output_shape, summary
from .efficientnet import efficientnet_edgetpu
from .finn import cnv, mlp
from .googlenet import googlenet
from .layers import (
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
    Shape,
)
from .mobilenet import mobilenet_v1
from .resnet import resnet50
from .table import layer_shapes, layer_table
from .trace import LayerInfo, trace

__all__ = [
    "BatchNorm",
    "Concat",
    "Conv2d",
    "Dense",
    "Flatten",
    "GlobalPool",
    "Layer",
    "LayerInfo",
    "Network",
    "Pool",
    "ReLU",
    "Residual",
    "Shape",
    "cnv",
    "count_macs",
    "count_ops",
    "count_params",
    "efficientnet_edgetpu",
    "googlenet",
    "layer_shapes",
    "layer_table",
    "mlp",
    "mobilenet_v1",
    "network_for",
    "output_shape",
    "resnet50",
    "scale_width",
    "summary",
    "trace",
    "width_pct",
]
