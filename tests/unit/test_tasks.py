"""qutiflow.tasks: one task's rows, their keys and normalised latency, also after a Parquet
round trip and on categorical names; every expected value by hand."""

from __future__ import annotations

import pandas as pd
import pytest
from qutiflow import io, tasks
from qutiflow.schemas import Column


def measurement_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "task": [
                "cifar10",
                "cifar10",
                "mnist",
                "imagenet",
                "cifar10",
                "imagenet",
                "imagenet",
                "imagenet",
            ],
            "topology": ["CNV", "CNV", "MLP", "ResNet-50", "CNV", "ResNet-50", "GoogLeNetv1", "GoogLeNetv1"],
            "pruning_pct": [12.5, 100.0, 100.0, 100.0, 50.0, 30.0, 100.0, 100.0],
            "platform": ["TX2", "NCS2", "TX2", "ZCU104-DPU", "TX2", "ZCU104-DPU", "TX2", "NCS2"],
            "op_mode": ["maxn", None, "maxn", None, "maxq", None, "maxp", None],
            "datatype": ["FP16", "FP16", "FP16", "INT8", "FP32", "INT8", "FP32", "FP16"],
            "latency_compute_ms": [2.0, 8.0, 100.0, 10.0, 4.0, 20.0, 5.0, 1.0],
        }
    )


def test_for_task_keys_and_normalised_latency():
    out = tasks.for_task(measurement_frame(), "cifar10")
    assert out.index.tolist() == [0, 1, 2]
    assert out["platform_label"].tolist() == ["TX2-maxn", "NCS2", "TX2-maxq"]
    assert out["config_key"].tolist() == [
        "TX2-maxn_FP16_CNV_12.5",
        "NCS2_FP16_CNV_100",
        "TX2-maxq_FP32_CNV_50",
    ]
    # the largest CNV compute latency of cifar10 is 8.0 (MLP's 100 ms is another task)
    assert out["latency_compute_norm_ratio"].tolist() == [2.0 / 8.0, 1.0, 4.0 / 8.0]


def test_for_task_normalises_per_topology_within_the_task():
    out = tasks.for_task(measurement_frame(), "imagenet")
    assert out["topology"].tolist() == ["ResNet-50", "ResNet-50", "GoogLeNetv1", "GoogLeNetv1"]
    # ResNet-50: 10/20, 20/20; GoogLeNetv1: 5/5, 1/5
    assert out["latency_compute_norm_ratio"].tolist() == [0.5, 1.0, 1.0, 0.2]
    assert out["config_key"].tolist() == [
        "ZCU104-DPU_INT8_ResNet-50_100",
        "ZCU104-DPU_INT8_ResNet-50_30",
        "TX2-maxp_FP32_GoogLeNetv1_100",
        "NCS2_FP16_GoogLeNetv1_100",
    ]


def test_for_task_after_a_parquet_round_trip(tmp_path):
    frame = measurement_frame()
    cols = [
        Column(c, "float" if c.endswith("_ms") or c == "pruning_pct" else "str", "", "")
        for c in frame.columns
    ]
    io.write_parquet(frame, tmp_path / "m.parquet", cols)
    out = tasks.for_task(io.read_parquet(tmp_path / "m.parquet"), "cifar10")
    assert out["config_key"].tolist() == [
        "TX2-maxn_FP16_CNV_12.5",
        "NCS2_FP16_CNV_100",
        "TX2-maxq_FP32_CNV_50",
    ]


@pytest.mark.parametrize("categorical", [False, True])
def test_for_task_on_categorical_names(tmp_path, categorical):
    frame = measurement_frame()
    cols = [
        Column(c, "float" if c.endswith("_ms") or c == "pruning_pct" else "str", "", "")
        for c in frame.columns
    ]
    io.write_parquet(frame, tmp_path / "m.parquet", cols)
    kwargs = {"categorical": True} if categorical else {}
    back = io.read_parquet(tmp_path / "m.parquet", **kwargs)
    out = tasks.for_task(back, "imagenet")
    assert out["latency_compute_norm_ratio"].tolist() == [0.5, 1.0, 1.0, 0.2]
    assert out["config_key"].tolist()[2:] == ["TX2-maxp_FP32_GoogLeNetv1_100", "NCS2_FP16_GoogLeNetv1_100"]
    # and written back with the task schema's text types
    io.write_parquet(
        out,
        tmp_path / "t.parquet",
        [
            Column("config_key", "str", "", ""),
            Column("topology", "str", "", ""),
            Column("latency_compute_norm_ratio", "float", "1", ""),
        ],
    )
    assert io.read_parquet(tmp_path / "t.parquet")["topology"].tolist() == [
        "ResNet-50",
        "ResNet-50",
        "GoogLeNetv1",
        "GoogLeNetv1",
    ]


def test_for_task_with_no_rows():
    out = tasks.for_task(measurement_frame(), "coco")
    assert len(out) == 0
    assert {"platform_label", "config_key", "latency_compute_norm_ratio"} <= set(out.columns)


def test_pruning_label():
    assert tasks.pruning_label(pd.Series([100.0, 12.5, 30.0, 50.0])).tolist() == ["100", "12.5", "30", "50"]
