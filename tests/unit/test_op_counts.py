"""Operation and weight counts of CNV and MLP against an independent layer-shape oracle.

The oracle below knows nothing of the library: it walks the layer shapes and counts
multiply-accumulates (MACs) and weights (biases and batch-norm parameters left out, as
in the tables). One operation is half a MAC, so operations = 2 x MACs.

CNV (FINN's CIFAR-10 network) at its base width (the 50 % row of the tables) on a
32x32x3 image, every convolution 3x3 with valid padding (the output is 2 pixels smaller):

    layer    input       output      MACs = out_h*out_w*out_c * 3*3*in_c   weights = 3*3*in_c*out_c
    conv1    32x32x3     30x30x64    900*64*27      =  1,555,200          1,728
    conv2    30x30x64    28x28x64    784*64*576     = 28,901,376         36,864
    pool     28x28x64    14x14x64
    conv3    14x14x64    12x12x128   144*128*576    = 10,616,832         73,728
    conv4    12x12x128   10x10x128   100*128*1152   = 14,745,600        147,456
    pool     10x10x128   5x5x128
    conv5    5x5x128     3x3x256     9*256*1152     =  2,654,208        294,912
    conv6    3x3x256     1x1x256     1*256*2304     =    589,824        589,824
    fc1      256         512                           131,072          131,072
    fc2      512         512                           262,144          262,144
    fc3      512         10                              5,120            5,120
    total                                             59,461,376        1,542,848

so CNV 50 % = 2 x 59,461,376 = 118,922,752 operations = 0.118922752 GOP and
1.542848 M weights. 100 % doubles every width (conv 128-128-256-256-512-512, FC
1024-1024-10), 25 % halves it and 12.5 % quarters it; the input stays 3 channels and the
output 10 classes.

MLP 784-W-W-W-10 (W = 2048, 1024, 512, 256 for 100, 50, 25, 12.5 %), by hand for 100 %:
784*2048 + 2048*2048 + 2048*2048 + 2048*10 = 1,605,632 + 4,194,304 + 4,194,304 + 20,480
= 10,014,720 MACs = weights, so 0.02002944 GOP and 10.01472 M weights.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
OP_COUNTS = REPO / "config" / "op_counts.csv"
TOPOLOGIES = REPO / "config" / "topologies.csv"
ALIASES = REPO / "config" / "aliases.csv"
CATALOGUE = REPO / "raw_data" / "topologies.csv"

PRUNINGS = [100.0, 50.0, 25.0, 12.5]
#: width multiplier relative to FINN's CNV (which is the 50 % row)
CNV_SCALE = {100.0: 2.0, 50.0: 1.0, 25.0: 0.5, 12.5: 0.25}
MLP_WIDTH = {100.0: 2048, 50.0: 1024, 25.0: 512, 12.5: 256}


# ------------------------------------------------------------------------- the oracle


def conv_valid(h: int, w: int, c_in: int, c_out: int, k: int = 3) -> tuple[int, int, int, int]:
    """(out_h, out_w, MACs, weights) of a k x k convolution with valid padding, stride 1."""
    oh, ow = h - k + 1, w - k + 1
    macs = 0
    for _ in range(oh * ow * c_out):  # naive: one output value at a time
        macs += k * k * c_in
    return oh, ow, macs, k * k * c_in * c_out


def fully_connected(n_in: int, n_out: int) -> tuple[int, int]:
    """(MACs, weights) of a dense layer without bias."""
    return n_in * n_out, n_in * n_out


def cnv(scale: float) -> tuple[int, int]:
    """(MACs, weights) of CNV with every width of FINN's CNV multiplied by ``scale``."""
    plan = [
        int(step * scale) if step != "pool" else step for step in (64, 64, "pool", 128, 128, "pool", 256, 256)
    ]
    h, w, c = 32, 32, 3
    macs = weights = 0
    for step in plan:
        if step == "pool":
            h, w = h // 2, w // 2
            continue
        h, w, m, p = conv_valid(h, w, c, step)
        macs, weights, c = macs + m, weights + p, step
    n = h * w * c
    for out in (int(512 * scale), int(512 * scale), 10):
        m, p = fully_connected(n, out)
        macs, weights, n = macs + m, weights + p, out
    return macs, weights


def mlp(width: int) -> tuple[int, int]:
    macs = weights = 0
    sizes = [784, width, width, width, 10]
    for a, b in zip(sizes, sizes[1:]):
        m, p = fully_connected(a, b)
        macs, weights = macs + m, weights + p
    return macs, weights


def oracle(topology: str, pruning: float) -> tuple[float, float]:
    """(GOP per inference, millions of weights)."""
    macs, weights = cnv(CNV_SCALE[pruning]) if topology == "CNV" else mlp(MLP_WIDTH[pruning])
    return 2 * macs / 1e9, weights / 1e6


# ------------------------------------------------------------------ the tables, as text


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def op_count_table() -> dict[tuple[str, float], float]:
    return {(r["topology"], float(r["pruning_pct"])): float(r["gop_per_inference"]) for r in rows(OP_COUNTS)}


# ------------------------------------------------------------------------------ tests


def test_oracle_matches_the_hand_count_in_the_module_docstring():
    assert cnv(1.0) == (59_461_376, 1_542_848)
    assert mlp(2048) == (10_014_720, 10_014_720)
    # conv1 alone, by hand: 30*30 outputs x 64 channels x 27 MACs each
    assert conv_valid(32, 32, 3, 64) == (30, 30, 1_555_200, 1_728)


@pytest.mark.parametrize("topology", ["CNV", "MLP"])
@pytest.mark.parametrize("pruning", PRUNINGS)
def test_op_count_table_matches_the_oracle(topology, pruning):
    table = op_count_table()
    assert (topology, pruning) in table, f"config/op_counts.csv has no {topology} {pruning:g}"
    gop, _ = oracle(topology, pruning)
    assert math.isclose(table[(topology, pruning)], gop, rel_tol=1e-12), (
        f"{topology} {pruning:g} %: table {table[(topology, pruning)]} GOP, oracle {gop} GOP"
    )


@pytest.mark.parametrize("topology", ["CNV", "MLP"])
@pytest.mark.parametrize("pruning", PRUNINGS)
def test_catalogue_weights_match_the_oracle(topology, pruning):
    found = [r for r in rows(CATALOGUE) if r["topology"] == topology and float(r["pruning_pct"]) == pruning]
    assert found, f"raw_data/topologies.csv has no {topology} {pruning:g}"
    _, params_m = oracle(topology, pruning)
    for r in found:
        assert math.isclose(float(r["params_m"]), params_m, rel_tol=1e-12), (
            f"{topology} {pruning:g} % {r['datatype']}: params_m {r['params_m']}, oracle {params_m}"
        )


def test_hand_checked_values_of_the_tables():
    # CNV 50 % and MLP 100 % counted by hand in the module docstring
    table = op_count_table()
    assert table[("CNV", 50.0)] == 0.118922752
    assert table[("MLP", 100.0)] == 0.02002944
    params = {(r["topology"], float(r["pruning_pct"])): float(r["params_m"]) for r in rows(CATALOGUE)}
    assert params[("CNV", 50.0)] == 1.542848
    assert params[("MLP", 100.0)] == 10.01472


def test_every_catalogue_model_has_an_op_count():
    table = op_count_table()
    missing = sorted({(r["topology"], float(r["pruning_pct"])) for r in rows(CATALOGUE)} - set(table))
    assert missing == []


def test_op_count_table_has_one_line_per_topology_and_pruning():
    keys = [(r["topology"], float(r["pruning_pct"])) for r in rows(OP_COUNTS)]
    assert len(keys) == len(set(keys))
    assert all(r["source"].strip() for r in rows(OP_COUNTS))


def test_every_canonical_topology_has_a_task():
    aliases = rows(ALIASES)
    canonical_topologies = {r["canonical"] for r in aliases if r["kind"] == "topology"}
    canonical_tasks = {r["canonical"] for r in aliases if r["kind"] == "task"}
    tasks = {r["topology"]: r["task"] for r in rows(TOPOLOGIES)}
    assert sorted(canonical_topologies - set(tasks)) == []
    assert {t: k for t, k in tasks.items() if k not in canonical_tasks} == {}
    # and the table lists nothing the vocabulary does not know
    assert sorted(set(tasks) - canonical_topologies) == []
    assert tasks["CNV"] == "cifar10" and tasks["MLP"] == "mnist"


def test_every_topology_with_an_op_count_or_a_catalogue_row_is_canonical():
    canonical = {r["canonical"] for r in rows(ALIASES) if r["kind"] == "topology"}
    used = {r["topology"] for r in rows(OP_COUNTS)} | {r["topology"] for r in rows(CATALOGUE)}
    assert sorted(used - canonical) == []
