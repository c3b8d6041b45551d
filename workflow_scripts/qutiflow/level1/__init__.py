"""Level-1 performance model: a network bound layer by layer, memory-aware (physics only).

QuTiBench's level 0 is one roofline per network: attainable = min(peak, bandwidth × ops ÷
weight bytes). Level 1 walks the layers of the network (:mod:`qutiflow.networks`) on a
platform described by :class:`Platform` and, for a batch of ``B`` samples, gives each layer
the time of its slowest resource::

    t_layer = max(compute, off-chip traffic) + overhead
    compute = B × ops_effective ÷ (peak × efficiency)
    off-chip traffic = (weight bytes streamed + activation bytes spilled) ÷ off-chip bandwidth
    fps = B ÷ Σ t_layer

* **Weights that stay on chip are not re-read.** Weights are placed on chip in layer order
  while they fit (``onchip_bytes``; the Edge TPU compiler caches parameters the same way);
  the rest stream from off chip on every pass.
* **They stream over the link they really cross**: ``offchip_gbps`` is the DRAM bandwidth,
  or the host link (USB 3, PCIe) where the device has no DRAM of its own; the bound is then
  called ``link`` rather than ``memory``.
* **Batching reuses weights** where the runtime can execute a batch layer by layer
  (``batch_reuse``): streamed weights cross once per batch, else once per sample. Such a
  runtime can also run the batch sample by sample; the faster of the two schedules counts
  (a roofline is what is attainable), so reuse never lowers the throughput.
* **Activations spill** to DRAM when a layer's input and output for the samples in flight
  do not fit in what the resident weights leave of the on-chip memory. A device whose only
  path off chip is a host link has no DRAM to spill to: its activations stay on chip
  (assumption: the Edge TPU's parameter cache is not where it keeps activations, and its
  compiler maps a model whose activations fit). The network's input and output always
  cross (they come from and go to the host).
* **Arrays round up**: with a public array shape (``array_in`` input channels × ``array_out``
  output channels processed per cycle), a layer with fewer or indivisible channels leaves
  part of it idle; a depthwise layer uses one input lane.

Two numbers per platform are not physics: ``efficiency`` (the share of the datasheet peak
that is sustained, ≤ 1) and ``overhead_s`` (a fixed cost per layer and pass: once per batch
when the batch runs layer by layer, once per sample when it runs sample by sample, as on a
platform without batch reuse). The
physics-only model (``level1``) keeps them at 1 and 0; :func:`calibrate` fits them on
anchor measurements only (``level1_calibrated``).

Modules: :mod:`~qutiflow.level1.platforms` (what the model knows of a platform, read from
the catalogue), :mod:`~qutiflow.level1.layer_arrays` (a network's per-layer table as arrays,
the array utilisation and the weights kept on chip), :mod:`~qutiflow.level1.timing` (seconds
per layer, the schedules and the prediction) and :mod:`~qutiflow.level1.calibration` (the
fit of ``efficiency`` and ``overhead_s`` on anchors).
"""

from .calibration import EFFICIENCIES, Anchor, calibrate
from .layer_arrays import Layers, array_utilisation, resident_weights
from .platforms import BITS, Platform, platforms_from_catalogue
from .timing import BOUNDS, Prediction, layer_times, predict, schedule_times

__all__ = [
    "BITS",
    "BOUNDS",
    "EFFICIENCIES",
    "Anchor",
    "Layers",
    "Platform",
    "Prediction",
    "array_utilisation",
    "calibrate",
    "layer_times",
    "platforms_from_catalogue",
    "predict",
    "resident_weights",
    "schedule_times",
]
