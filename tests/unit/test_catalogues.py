"""qutiflow.catalogues: completing the topology catalogue from the op-count table, its
problems, and the order of the platform catalogue; every expected value by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from helpers import vocab_from
from qutiflow import catalogues

OP_COUNTS = pd.DataFrame(
    {
        "topology": ["GoogLeNetv1", "ResNet-50", "ResNet-50", "CNV", "MLP"],
        "pruning_pct": [100.0, 100.0, 50.0, 50.0, 100.0],
        "gop_per_inference": [3.13, 7.72, 3.75, 0.118922752, 0.02002944],
        "source": ["s"] * 5,
    }
)
TASKS = {"ResNet-50": "imagenet", "GoogLeNetv1": "imagenet", "CNV": "cifar10", "MLP": "mnist"}


def test_complete_topologies_task_fill_order_and_difference(tmp_path):
    vocab = vocab_from(tmp_path)  # topology order: ResNet-50, GoogLeNetv1, CNV, MLP
    frame = pd.DataFrame(
        {
            "topology": ["MLP", "CNV", "GoogLeNetv1", "ResNet-50", "CNV", "ResNet-50", "ResNet-50"],
            "pruning_pct": [100.0, 50.0, 100.0, 50.0, 50.0, 100.0, 100.0],
            "datatype": ["FP16", "FP32", "INT8", "INT8", "INT2", "INT8", "FP16"],
            "gop_per_inference": [np.nan, np.nan, 3.1, np.nan, np.nan, 7.7, np.nan],
            "params_m": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
        }
    )
    out, largest = catalogues.complete_topologies(frame, tasks=TASKS, op_counts=OP_COUNTS, vocab=vocab)
    # task (imagenet, cifar10, mnist), then vocabulary order, pruning descending, INT2..FP32
    assert out[["topology", "pruning_pct", "datatype"]].values.tolist() == [
        ["ResNet-50", 100.0, "INT8"],
        ["ResNet-50", 100.0, "FP16"],
        ["ResNet-50", 50.0, "INT8"],
        ["GoogLeNetv1", 100.0, "INT8"],
        ["CNV", 50.0, "INT2"],
        ["CNV", 50.0, "FP32"],
        ["MLP", 100.0, "FP16"],
    ]
    assert out["task"].tolist() == ["imagenet"] * 4 + ["cifar10"] * 2 + ["mnist"]
    # the table wins over the catalogue's rounded values (7.7, 3.1) and fills missing ones
    assert out["gop_per_inference"].tolist() == [7.72, 7.72, 3.75, 3.13, 0.118922752, 0.118922752, 0.02002944]
    assert out["params_m"].tolist() == [6.0, 7.0, 4.0, 3.0, 5.0, 2.0, 1.0]
    # |3.1 - 3.13| / 3.13 = 0.0095847 beats |7.7 - 7.72| / 7.72 = 0.0025907
    assert largest == pytest.approx(0.03 / 3.13, rel=1e-9)
    assert "_ref" not in out.columns and out.index.tolist() == list(range(7))


def test_complete_topologies_no_overlap_gives_zero(tmp_path):
    vocab = vocab_from(tmp_path)
    frame = pd.DataFrame(
        {
            "topology": ["CNV"],
            "pruning_pct": [50.0],
            "datatype": ["INT2"],
            "gop_per_inference": [np.nan],
            "params_m": [1.5],
        }
    )
    out, largest = catalogues.complete_topologies(frame, tasks=TASKS, op_counts=OP_COUNTS, vocab=vocab)
    assert largest == 0.0
    assert out["gop_per_inference"].tolist() == [0.118922752]


def test_complete_topologies_keeps_the_catalogue_value_where_the_table_has_none(tmp_path):
    vocab = vocab_from(tmp_path)
    frame = pd.DataFrame(
        {
            "topology": ["MLP"],
            "pruning_pct": [50.0],
            "datatype": ["INT2"],
            "gop_per_inference": [0.006],
            "params_m": [2.9],
        }
    )
    out, largest = catalogues.complete_topologies(frame, tasks=TASKS, op_counts=OP_COUNTS, vocab=vocab)
    assert out["gop_per_inference"].tolist() == [0.006] and largest == 0.0


def test_topology_problems_no_task_and_no_op_count():
    frame = pd.DataFrame(
        {
            "topology": ["Foo", "CNV", "CNV", "MLP"],
            "pruning_pct": [100.0, 12.5, 50.0, 25.0],
            "gop_per_inference": [1.0, np.nan, np.nan, 0.002],
        }
    )
    problems = catalogues.topology_problems(frame, tasks=TASKS, op_counts=OP_COUNTS, file="topologies.csv")
    assert [(p.file, p.line, p.column, p.value, p.message) for p in problems] == [
        ("topologies.csv", None, "topology", "Foo", "topology has no task"),
        (
            "topologies.csv",
            None,
            "gop_per_inference",
            "CNV at 12.5 %",
            "no operation count in the catalogue nor the op-count table",
        ),
    ]


def test_sort_platforms_vocabulary_mode_and_datatype_order(tmp_path):
    vocab = vocab_from(tmp_path)  # platforms: ZCU104-DPU, ZCU102-DPU, ZCU104-BISMO, TX2
    frame = pd.DataFrame(
        {
            "platform": ["TX2", "TX2", "Other", "TX2", "ZCU104-BISMO", "ZCU104-BISMO", "ZCU104-DPU"],
            "op_mode": ["maxq", "maxn", None, "maxn", None, None, None],
            "datatype": ["FP32", "FP32", "INT8", "FP16", "INT4", "INT2", "INT8"],
        }
    )
    out = catalogues.sort_platforms(frame, vocab)
    assert [[p, None if pd.isna(m) else m, d] for p, m, d in out.values.tolist()] == [
        ["ZCU104-DPU", None, "INT8"],
        ["ZCU104-BISMO", None, "INT2"],
        ["ZCU104-BISMO", None, "INT4"],
        ["TX2", "maxn", "FP16"],
        ["TX2", "maxn", "FP32"],
        ["TX2", "maxq", "FP32"],
        ["Other", None, "INT8"],
    ]
