"""qutiflow.clean: gop_fill, drop_placeholders, missing_op_counts and check_measurements on
tiny hand-made frames; every expected value by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from helpers import ALIASES, nan_list, vocab_from, write
from qutiflow import clean
from qutiflow.readers.measurements import read_measurement_file


@pytest.mark.parametrize("names", ["str", "category"])
def test_gop_fill_own_gops_per_batch_or_the_table(names):
    frame = pd.DataFrame(
        {
            "topology": pd.Series(["CNV", "CNV", "MLP", "CNV"], dtype=names),
            "pruning_pct": [50.0, 50.0, 100.0, 25.0],
            "batch": pd.array([4, 1, 2, 8], dtype="Int64"),
            "gop_per_batch_reported": [0.5, np.nan, np.nan, 0.32],
            "throughput_system_fps": [100.0, np.nan, 1000.0, 50.0],
            "throughput_compute_fps": [200.0, 10.0, 4000.0, 100.0],
            "source_line": [2, 3, 4, 5],
        }
    )
    op_counts = pd.DataFrame(
        {
            "topology": ["CNV", "CNV", "MLP"],
            "pruning_pct": [50.0, 25.0, 100.0],
            "gop_per_inference": [0.12, 0.03, 0.02],
            "source": ["a", "b", "c"],
        }
    )
    out = clean.gop_fill(frame, op_counts)
    # row 0: own 0.5 GOP / batch 4 = 0.125;  perf 100 x 0.125 = 12.5, 200 x 0.125 = 25
    # row 1: table 0.12;                     perf NaN, 10 x 0.12 = 1.2
    # row 2: table 0.02;                     perf 1000 x 0.02 = 20, 4000 x 0.02 = 80
    # row 3: own 0.32 / 8 = 0.04 (wins over the table's 0.03); 50 x 0.04 = 2, 100 x 0.04 = 4
    assert out["source_line"].tolist() == [2, 3, 4, 5]
    assert out["gop_per_inference"].tolist() == pytest.approx([0.125, 0.12, 0.02, 0.04])
    assert out["is_gop_filled"].tolist() == [False, True, True, False]
    assert math.isnan(out["perf_system_gops"][1])
    assert out["perf_system_gops"][[0, 2, 3]].tolist() == pytest.approx([12.5, 20.0, 2.0])
    assert out["perf_compute_gops"].tolist() == pytest.approx([25.0, 1.2, 80.0, 4.0])
    assert "_ref" not in out.columns


def test_drop_placeholders_counts():
    nan = np.nan
    base = {c: nan for c in clean.NUMERIC}
    rows = [
        {**base, "latency_compute_ms": 1.0},  # kept
        dict(base),  # placeholder
        {**base, "latency_system_ms": 3.0},  # system only
        {**base, "gop_per_batch_reported": 4.7, "batch": 2},  # placeholder
        {**base, "latency_compute_ms": 2.0, "top1_pct": 70.0},  # kept
        {**base, "top1_pct": 77.0},  # other value: system only
    ]
    frame = pd.DataFrame(rows).assign(source_line=[2, 3, 4, 5, 6, 7])
    kept, counts = clean.drop_placeholders(frame)
    assert counts == {"rows_in": 6, "rows_out": 2, "placeholders_dropped": 2, "system_only_dropped": 2}
    assert kept["source_line"].tolist() == [2, 6]
    assert kept.index.tolist() == [0, 1]


def test_missing_op_counts_one_problem_per_topology_and_pruning():
    frame = pd.DataFrame(
        {
            "topology": ["CNV", "CNV", "CNV", "MLP", "MLP"],
            "pruning_pct": [12.5, 12.5, 50.0, 100.0, 25.0],
            "latency_compute_ms": [1.0, 2.0, 1.0, 1.0, np.nan],
            "gop_per_batch_reported": [np.nan, np.nan, np.nan, 0.5, np.nan],
            "source_line": [2, 3, 4, 5, 6],
        }
    )
    op_counts = pd.DataFrame({"topology": ["CNV"], "pruning_pct": [50.0], "gop_per_inference": [0.12]})
    files = pd.Series(["a.csv"] * 5)
    problems = clean.missing_op_counts(frame, op_counts, file_of_row=files)
    # CNV 12.5 lacks a count (first at line 2); CNV 50 has one; MLP 100 reported its own
    # GOPS; MLP 25 has no compute latency (a placeholder, dropped later)
    assert [(p.file, p.line, p.column, p.value) for p in problems] == [
        ("a.csv", 2, "topology", "CNV at 12.5 %")
    ]
    assert problems[0].fix == ("add a line 'CNV,12.5,<GOP per inference>,<source>' to config/op_counts.csv")


def test_check_measurements_types_and_names(tmp_path):
    vocab = vocab_from(
        tmp_path,
        ALIASES + "platform,TX2-maxq,TX2,maxq,\n"
        "datatype,FP16,FP16,,\ndatatype,W2A2,INT2,,\n"
        "pruning,s0.5,25,,\n",
    )
    text = (
        "NN_Topology,HWType,Datatype,Op mode,batch/thread/stream,lat-sys,lat-comp,"
        "fps-system,fps-comp,top1 [%],GOPS,PruningFactor, level\n"
        'rn50,TX2-maxq,fp16,,2,"1,234.82",617.41,1.62,3.24,75.14,15.44,30.00%,l3\n'
        "cnv,TX2,W2A2,MAXN,4,,0.5,,8000,,,s0.5,l3\n"
    )
    path = write(tmp_path, "m.csv", text)
    frame, _ = read_measurement_file(path, "m.csv")
    out, problems = clean.check_measurements(
        frame, file="m.csv", vocab=vocab, topology_tasks={"ResNet-50": "imagenet", "CNV": "cifar10"}
    )
    assert problems == []
    assert nan_list(out["topology"]) == ["ResNet-50", "CNV"]
    assert nan_list(out["platform"]) == ["TX2", "TX2"]
    assert nan_list(out["op_mode"]) == ["maxq", "maxn"]  # from the name; from the column
    assert nan_list(out["datatype"]) == ["FP16", "INT2"]
    assert nan_list(out["task"]) == ["imagenet", "cifar10"]
    assert out["pruning_pct"].tolist() == [30.0, 25.0]  # "30.00%"; alias s0.5 -> 25
    assert out["batch"].tolist() == [2, 4] and str(out["batch"].dtype) == "Int64"
    assert nan_list(out["latency_system_ms"]) == [1234.82, None]  # "1,234.82"
    assert out["latency_compute_ms"].tolist() == [617.41, 0.5]
    assert nan_list(out["gop_per_batch_reported"]) == [15.44, None]
    assert out["source_line"].tolist() == [2, 3]
