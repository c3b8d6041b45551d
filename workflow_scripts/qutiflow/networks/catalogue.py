"""The network behind each model of the catalogue: topology id and pruning % → :class:`Network`.

Every (topology, pruning) pair of ``config/op_counts.csv`` has a network here, built at a
uniform width (:data:`WIDTH_PCT`):

* GoogLeNetv1, MobileNetv1, ResNet-50v15 and EfficientNet-S / -M / -L: the published
  networks (pruning 100 %).
* CNV and MLP at 100, 50, 25 and 12.5 %: the width is the pruning (FINN's CNV and LFC are
  the 50 % rows), which gives the table's op counts exactly.
* ResNet-50 at 80, 50 and 30 %: QuTiBench's channel-pruned models, whose per-layer shapes
  are not published. Their op counts (6.54, 3.75, 2.45 GOP) are not those of uniform
  widths of 80, 50, 30 % (4.97, 1.99, 0.74 GOP), but those of uniform widths of 92, 69.5
  and 55.5 % (within 0.6 %), which stand in for them: an approximation that matches the
  total work, not the (unknown) distribution of channels over layers. Nor their weights:
  21.8, 12.8 and 8.4 M here against QuTiBench's 23.7, 15.8 and 10.1 M
  (raw_data/topologies.csv), 8 to 19 % fewer; a memory model fed these stand-ins
  under-counts the pruned models' weight traffic by as much.

Op counts against ``config/op_counts.csv`` (tests/unit/test_network_catalogue.py): within
1 % for every model but two, whose differences lie in the table:

* EfficientNet-M: 7.321 GOP here, 7.4 in the table (ratio 0.989). The table's value is
  2 × 3.7 G multiply-accumulates, given to two significant digits; our 3.660 G rounds to
  that 3.7 G (S and L, given to three digits, agree within 0.3 %).
* GoogLeNetv1: 3.165 GOP here, 3.13 in the table (ratio 1.011). Ours is Szegedy et al.'s
  table 1 (1.58 G multiply-accumulates); QuTiBench does not publish the shapes behind its
  3.13 GOP and 5.98 M weights, and no small variant (floor instead of ceil pooling, 3×3
  instead of 5×5 in the third branch, no classifier) gives both.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from .efficientnet import efficientnet_edgetpu
from .finn import cnv, mlp
from .googlenet import googlenet
from .layers import Network
from .mobilenet import mobilenet_v1
from .resnet import resnet50

#: catalogue topology id → builder taking a uniform width in %
FAMILIES: dict[str, Callable[[float], Network]] = {
    "GoogLeNetv1": googlenet,
    "MobileNetv1": mobilenet_v1,
    "ResNet-50": resnet50,
    "ResNet-50v15": partial(resnet50, v15=True),
    "EfficientNet-S": partial(efficientnet_edgetpu, "S"),
    "EfficientNet-M": partial(efficientnet_edgetpu, "M"),
    "EfficientNet-L": partial(efficientnet_edgetpu, "L"),
    "CNV": cnv,
    "MLP": mlp,
}

#: (topology, pruning %) of every catalogued model → the uniform width % it is built at
WIDTH_PCT: dict[tuple[str, float], float] = {
    ("GoogLeNetv1", 100.0): 100.0,
    ("MobileNetv1", 100.0): 100.0,
    ("ResNet-50", 100.0): 100.0,
    ("ResNet-50", 80.0): 92.0,
    ("ResNet-50", 50.0): 69.5,
    ("ResNet-50", 30.0): 55.5,
    ("ResNet-50v15", 100.0): 100.0,
    ("EfficientNet-S", 100.0): 100.0,
    ("EfficientNet-M", 100.0): 100.0,
    ("EfficientNet-L", 100.0): 100.0,
    **{(family, pct): pct for family in ("CNV", "MLP") for pct in (100.0, 50.0, 25.0, 12.5)},
}


def known_models() -> str:
    """The catalogued models, one topology with its prunings after another.

    >>> known_models().split("; ")[2]
    'ResNet-50 100, 80, 50, 30 %'
    """
    prunings: dict[str, list[str]] = {}
    for topology, pruning in WIDTH_PCT:
        prunings.setdefault(topology, []).append(f"{pruning:g}")
    return "; ".join(f"{t} {', '.join(p)} %" for t, p in prunings.items())


def width_pct(topology: str, pruning_pct: float) -> float:
    """The uniform width (%) the catalogue model is built at.

    >>> width_pct("ResNet-50", 80), width_pct("CNV", 12.5)
    (92.0, 12.5)
    """
    try:
        return WIDTH_PCT[(topology, float(pruning_pct))]
    except (KeyError, TypeError, ValueError):
        raise ValueError(
            f"no network for topology {topology!r} at pruning {pruning_pct!r} %; "
            f"known: {known_models()}; fix: use one of these, or add the model "
            "to qutiflow/networks/catalogue.py"
        ) from None


def network_for(topology: str, pruning_pct: float) -> Network:
    """The network of a catalogue model, e.g. ``("ResNet-50", 80)`` → ResNet-50 at a
    uniform width of 92 %. Raises ValueError for a pair the catalogue does not know.

    >>> network_for("MLP", 12.5).name, network_for("ResNet-50", 80).name
    ('mlp_w12.5', 'resnet50_w92')
    """
    width = width_pct(topology, pruning_pct)  # refuses an unknown pair by name
    return FAMILIES[topology](width)
