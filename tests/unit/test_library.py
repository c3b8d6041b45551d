"""Library functions on tiny hand-made inputs; every expected value is worked out by hand.

Covers qutiflow.vocabulary, parse, clean (gop_fill, drop_placeholders, missing_op_counts,
check_measurements), tasks, catalogues, reference, io (Parquet), errors, schemas and logs.
"""
from __future__ import annotations

import inspect
import logging
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from qutiflow import catalogues, clean, io, logs, reference, schemas, tasks
from qutiflow.errors import InputError, Problem, format_problems, raise_if_any
from qutiflow.parse import BATCH, PERCENT, POSITIVE_MS, PRUNING, numbers, parse_column
from qutiflow.readers.measurements import read_measurement_file
from qutiflow.schemas import Column
from qutiflow.vocabulary import key


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def nan_list(series: pd.Series) -> list:
    """Values with every kind of missing value as None (for exact comparisons)."""
    return [None if pd.isna(v) else v for v in series.tolist()]


# --------------------------------------------------------------------------- vocabulary

ALIASES = (
    "kind,spelling,canonical,op_mode,note\n"
    "platform,ZCU104-DPU,ZCU104-DPU,,\n"         # line 2
    "platform,ZCU102-DPU,ZCU102-DPU,,\n"         # line 3
    "platform,ZCU104-BISMO,ZCU104-BISMO,,\n"     # line 4
    "platform,TX2 maxn,TX2,maxn,\n"              # line 5
    "platform,TX2,TX2,,\n"                       # line 6
    "platform,tx2,TX2,,same line again in other case: not a conflict\n"  # line 7
    "op_mode,maxn,maxn,,\n"                      # line 8
    "op_mode,maxq,maxq,,\n"                      # line 9
    "topology,ResNet-50,ResNet-50,,\n"           # line 10
    "topology,RN50,ResNet-50,,\n"                # line 11
    "topology,GoogLeNetv1,GoogLeNetv1,,\n"       # line 12
    "topology,CNV,CNV,,\n"                       # line 13
    "topology,MLP,MLP,,\n"                       # line 14
    "task,imagenet,imagenet,,\n"
    "task,cifar10,cifar10,,\n"
    "task,mnist,mnist,,\n"
)


def vocab_from(tmp_path: Path, text: str = ALIASES, name: str = "config/aliases.csv"):
    path = write(tmp_path, "aliases.csv", text)
    return reference.vocabulary(io.read_csv_text(path, name))


def test_key_folds_case_and_collapses_white_space():
    assert key("  TX2   -\tMAXN ") == "tx2 - maxn"
    assert key("ZCU104-Bismo") == key("zcu104-BISMO") == "zcu104-bismo"


def test_resolve_is_case_insensitive_and_carries_the_op_mode(tmp_path):
    vocab = vocab_from(tmp_path)
    values = pd.Series(["zcu104-bismo", "ZCU104-Bismo", "  tx2   MAXN ", "", "ZCU104-DBU"])
    res = vocab.resolve("platform", values)
    assert nan_list(res.canonical) == ["ZCU104-BISMO", "ZCU104-BISMO", "TX2", None, None]
    assert nan_list(res.op_mode) == [None, None, "maxn", None, None]
    assert res.unknown.tolist() == [False, False, False, False, True]  # empty is not unknown


def test_canonical_ids_in_first_seen_order(tmp_path):
    vocab = vocab_from(tmp_path)
    assert vocab.canonical_ids("platform") == ["ZCU104-DPU", "ZCU102-DPU", "ZCU104-BISMO", "TX2"]
    assert vocab.canonical_ids("topology") == ["ResNet-50", "GoogLeNetv1", "CNV", "MLP"]
    assert vocab.canonical_ids("datatype") == []


def test_nearest_names_by_similarity(tmp_path):
    vocab = vocab_from(tmp_path)
    # difflib ratios of the keys to "zcu104-dbu" (2 x matching chars / total length):
    #   zcu104-dpu   2*9/20 = 0.90   ("zcu104-d" + "u")
    #   zcu102-dpu   2*8/20 = 0.80   ("zcu10" + "-d" + "u")
    #   zcu104-bismo 2*8/22 = 0.73   ("zcu104-" + "b")
    #   tx2, tx2 maxn         0      (no common character), below the 0.4 cut-off
    assert vocab.nearest("platform", "ZCU104-DBU") == ["ZCU104-DPU", "ZCU102-DPU", "ZCU104-BISMO"]
    assert vocab.nearest("platform", "Q") == []


def test_unknown_problems_name_file_line_column_and_nearest(tmp_path):
    vocab = vocab_from(tmp_path)
    values = pd.Series(["TX2", "ZCU104-DBU"])
    res = vocab.resolve("platform", values)
    [p] = vocab.unknown_problems("platform", values, res.unknown, pd.Series([2, 3]),
                                 file="m.csv", column="HWType")
    assert (p.file, p.line, p.column, p.value, p.message) == (
        "m.csv", 3, "HWType", "ZCU104-DBU", "unknown platform name")
    assert p.fix == ("nearest known: ZCU104-DPU, ZCU102-DPU, ZCU104-BISMO; use a known name "
                     "or add a line 'platform,ZCU104-DBU,<canonical id>,,' to config/aliases.csv")


def test_unknown_op_mode_message_uses_words(tmp_path):
    vocab = vocab_from(tmp_path)
    values = pd.Series(["maxz"])
    res = vocab.resolve("op_mode", values)
    [p] = vocab.unknown_problems("op_mode", values, res.unknown, pd.Series([5]),
                                 file="m.csv", column="Op mode")
    assert p.message == "unknown op mode name"


def test_conflicting_alias_lines_are_an_input_error(tmp_path):
    text = ("kind,spelling,canonical,op_mode,note\n"
            "platform,TX2,TX2,,\n"            # line 2
            "platform,NCS,NCS2,,\n"           # line 3
            "platform,tx2,NCS2,,\n"           # line 4: same key as line 2, other canonical
            "platform,TX2-maxn,TX2,maxn,\n"   # line 5
            "platform,TX2-MAXN,TX2,maxp,\n")  # line 6: same key as line 5, other op mode
    with pytest.raises(InputError) as info:
        vocab_from(tmp_path, text)
    got = [(p.file, p.column, p.value, p.message) for p in info.value.problems]
    assert got == [
        ("config/aliases.csv", "spelling", "tx2", "spelling already maps to 'TX2'"),
        ("config/aliases.csv", "spelling", "TX2-MAXN", "spelling already maps to 'TX2'"),
    ]
    assert all(p.fix == "keep one line per spelling" for p in info.value.problems)


def test_repeating_an_alias_line_is_not_a_conflict(tmp_path):
    vocab = vocab_from(tmp_path, "kind,spelling,canonical,op_mode,note\n"
                       "platform,TX2-maxn,TX2,maxn,\nplatform,tx2-MAXN,TX2,maxn,again\n")
    res = vocab.resolve("platform", pd.Series(["TX2-MAXN"]))
    assert (res.canonical[0], res.op_mode[0]) == ("TX2", "maxn")


def test_conflicting_alias_lines_name_their_line(tmp_path):
    text = ("kind,spelling,canonical,op_mode,note\n"
            "platform,TX2,TX2,,\n"            # line 2
            "platform,tx2,NCS2,,\n")          # line 3: conflicts with line 2
    with pytest.raises(InputError) as info:
        vocab_from(tmp_path, text)
    assert [p.line for p in info.value.problems] == [3]


def test_unknown_kind_and_empty_canonical_are_input_errors(tmp_path):
    text = ("kind,spelling,canonical,op_mode,note\n"
            "gadget,TX2,TX2,,\n"       # line 2
            "platform,TX2,,,\n")       # line 3
    with pytest.raises(InputError) as info:
        vocab_from(tmp_path, text)
    got = [(p.column, p.value, p.message) for p in info.value.problems]
    assert got == [("kind", "gadget", "unknown kind"),
                   ("spelling", "TX2", "spelling and canonical must not be empty")]


def test_unknown_kind_names_its_line(tmp_path):
    text = ("kind,spelling,canonical,op_mode,note\n"
            "platform,TX2,TX2,,\n"       # line 2
            "gadget,TX2,TX2,,\n")        # line 3
    with pytest.raises(InputError) as info:
        vocab_from(tmp_path, text)
    assert [p.line for p in info.value.problems] == [3]


# ------------------------------------------------------------------------------- parse

def test_numbers_thousands_separators_only_in_the_grouped_pattern():
    cells = pd.Series(["1,234.5", "1,234,567", "+1,234", "1,23", "12,34.5", "1234,5", "1,2345"])
    values, bad = numbers(cells, POSITIVE_MS)
    assert nan_list(values) == [1234.5, 1234567.0, 1234.0, None, None, None, None]
    assert bad.tolist() == [False, False, False, True, True, True, True]


def test_numbers_empty_is_missing_not_bad():
    values, bad = numbers(pd.Series(["", "   ", " 7 ", "1e3"]), POSITIVE_MS)
    assert nan_list(values) == [None, None, 7.0, 1000.0]
    assert bad.tolist() == [False, False, False, False]


def test_numbers_infinite_and_nan_text_are_bad():
    values, bad = numbers(pd.Series(["inf", "-inf", "Infinity", "nan", "1e400", "abc"]),
                          POSITIVE_MS)
    assert values.isna().all()
    assert bad.tolist() == [True] * 6


def test_numbers_percent_suffix_only_where_the_rule_allows_it():
    values, bad = numbers(pd.Series(["12.50%", " 12.5 % ", "100%", "30.00%"]), PERCENT)
    assert values.tolist() == [12.5, 12.5, 100.0, 30.0]
    assert not bad.any()
    values, bad = numbers(pd.Series(["12.5%"]), POSITIVE_MS)  # milliseconds take no %
    assert bad.tolist() == [True] and values.isna().all()


def test_numbers_lone_percent_sign_is_bad():
    _, bad = numbers(pd.Series(["%"]), PERCENT)
    assert bad.tolist() == [True]


def test_parse_column_problems_and_values():
    cells = pd.Series(["5", "abc", "", "-1", "101", "1,000"])
    lines = pd.Series([2, 3, 4, 5, 6, 7])
    values, problems = parse_column(cells, lines, PERCENT, file="m.csv", column="top1 [%]")
    assert nan_list(values) == [5.0, None, None, None, None, None]
    rng = "out of range: must be at least 0, must be at most 100"
    fix = "write a percentage from 0 to 100"
    assert [(p.file, p.line, p.column, p.value, p.message, p.fix) for p in problems] == [
        ("m.csv", 3, "top1 [%]", "abc", "is not a number", fix),
        ("m.csv", 5, "top1 [%]", "-1", rng, fix),
        ("m.csv", 6, "top1 [%]", "101", rng, fix),
        ("m.csv", 7, "top1 [%]", "1,000", rng, fix),
    ]


def test_parse_column_whole_number_and_strict_minimum():
    values, problems = parse_column(pd.Series(["2.5", "0", "4"]), pd.Series([2, 3, 4]), BATCH,
                                    file="m.csv", column="batch")
    assert nan_list(values) == [None, None, 4.0]
    msg = "out of range: must be a whole number, must be at least 1"
    assert [(p.line, p.message) for p in problems] == [(2, msg), (3, msg)]
    values, problems = parse_column(pd.Series(["0", "12.5%"]), pd.Series([2, 3]), PRUNING,
                                    file="m.csv", column="PruningFactor")
    assert nan_list(values) == [None, 12.5]
    assert [(p.line, p.message) for p in problems] == [
        (2, "out of range: must be above 0, must be at most 100")]


# ------------------------------------------------------------------------------- clean

@pytest.mark.parametrize("names", ["str", "category"])
def test_gop_fill_own_gops_per_batch_or_the_table(names):
    frame = pd.DataFrame({
        "topology": pd.Series(["CNV", "CNV", "MLP", "CNV"], dtype=names),
        "pruning_pct": [50.0, 50.0, 100.0, 25.0],
        "batch": pd.array([4, 1, 2, 8], dtype="Int64"),
        "gop_per_batch_reported": [0.5, np.nan, np.nan, 0.32],
        "throughput_system_fps": [100.0, np.nan, 1000.0, 50.0],
        "throughput_compute_fps": [200.0, 10.0, 4000.0, 100.0],
        "source_line": [2, 3, 4, 5],
    })
    op_counts = pd.DataFrame({"topology": ["CNV", "CNV", "MLP"], "pruning_pct": [50.0, 25.0, 100.0],
                              "gop_per_inference": [0.12, 0.03, 0.02], "source": ["a", "b", "c"]})
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
        {**base, "latency_compute_ms": 1.0},                           # kept
        dict(base),                                                    # placeholder
        {**base, "latency_system_ms": 3.0},                            # system only
        {**base, "gop_per_batch_reported": 4.7, "batch": 2},           # placeholder
        {**base, "latency_compute_ms": 2.0, "top1_pct": 70.0},         # kept
        {**base, "top1_pct": 77.0},                                    # other value: system only
    ]
    frame = pd.DataFrame(rows).assign(source_line=[2, 3, 4, 5, 6, 7])
    kept, counts = clean.drop_placeholders(frame)
    assert counts == {"rows_in": 6, "rows_out": 2, "placeholders_dropped": 2,
                      "system_only_dropped": 2}
    assert kept["source_line"].tolist() == [2, 6]
    assert kept.index.tolist() == [0, 1]


def test_missing_op_counts_one_problem_per_topology_and_pruning():
    frame = pd.DataFrame({
        "topology": ["CNV", "CNV", "CNV", "MLP", "MLP"],
        "pruning_pct": [12.5, 12.5, 50.0, 100.0, 25.0],
        "latency_compute_ms": [1.0, 2.0, 1.0, 1.0, np.nan],
        "gop_per_batch_reported": [np.nan, np.nan, np.nan, 0.5, np.nan],
        "source_line": [2, 3, 4, 5, 6],
    })
    op_counts = pd.DataFrame({"topology": ["CNV"], "pruning_pct": [50.0],
                              "gop_per_inference": [0.12]})
    files = pd.Series(["a.csv"] * 5)
    problems = clean.missing_op_counts(frame, op_counts, file_of_row=files)
    # CNV 12.5 lacks a count (first at line 2); CNV 50 has one; MLP 100 reported its own
    # GOPS; MLP 25 has no compute latency (a placeholder, dropped later)
    assert [(p.file, p.line, p.column, p.value) for p in problems] == [
        ("a.csv", 2, "topology", "CNV at 12.5 %")]
    assert problems[0].fix == ("add a line 'CNV,12.5,<GOP per inference>,<source>' to "
                               "config/op_counts.csv")


def test_check_measurements_types_and_names(tmp_path):
    vocab = vocab_from(tmp_path, ALIASES + "platform,TX2-maxq,TX2,maxq,\n"
                       "datatype,FP16,FP16,,\ndatatype,W2A2,INT2,,\n"
                       "pruning,s0.5,25,,\n")
    text = ("NN_Topology,HWType,Datatype,Op mode,batch/thread/stream,lat-sys,lat-comp,"
            "fps-system,fps-comp,top1 [%],GOPS,PruningFactor, level\n"
            'rn50,TX2-maxq,fp16,,2,"1,234.82",617.41,1.62,3.24,75.14,15.44,30.00%,l3\n'
            "cnv,TX2,W2A2,MAXN,4,,0.5,,8000,,,s0.5,l3\n")
    path = write(tmp_path, "m.csv", text)
    frame, _ = read_measurement_file(path, "m.csv")
    out, problems = clean.check_measurements(
        frame, file="m.csv", vocab=vocab,
        topology_tasks={"ResNet-50": "imagenet", "CNV": "cifar10"})
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


# ------------------------------------------------------------------------------- tasks

def measurement_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "task": ["cifar10", "cifar10", "mnist", "imagenet", "cifar10", "imagenet", "imagenet",
                 "imagenet"],
        "topology": ["CNV", "CNV", "MLP", "ResNet-50", "CNV", "ResNet-50", "GoogLeNetv1",
                     "GoogLeNetv1"],
        "pruning_pct": [12.5, 100.0, 100.0, 100.0, 50.0, 30.0, 100.0, 100.0],
        "platform": ["TX2", "NCS2", "TX2", "ZCU104-DPU", "TX2", "ZCU104-DPU", "TX2", "NCS2"],
        "op_mode": ["maxn", None, "maxn", None, "maxq", None, "maxp", None],
        "datatype": ["FP16", "FP16", "FP16", "INT8", "FP32", "INT8", "FP32", "FP16"],
        "latency_compute_ms": [2.0, 8.0, 100.0, 10.0, 4.0, 20.0, 5.0, 1.0],
    })


def test_for_task_keys_and_normalised_latency():
    out = tasks.for_task(measurement_frame(), "cifar10")
    assert out.index.tolist() == [0, 1, 2]
    assert out["platform_label"].tolist() == ["TX2-maxn", "NCS2", "TX2-maxq"]
    assert out["config_key"].tolist() == ["TX2-maxn_FP16_CNV_12.5", "NCS2_FP16_CNV_100",
                                          "TX2-maxq_FP32_CNV_50"]
    # the largest CNV compute latency of cifar10 is 8.0 (MLP's 100 ms is another task)
    assert out["latency_compute_norm_ratio"].tolist() == [2.0 / 8.0, 1.0, 4.0 / 8.0]


def test_for_task_normalises_per_topology_within_the_task():
    out = tasks.for_task(measurement_frame(), "imagenet")
    assert out["topology"].tolist() == ["ResNet-50", "ResNet-50", "GoogLeNetv1", "GoogLeNetv1"]
    # ResNet-50: 10/20, 20/20; GoogLeNetv1: 5/5, 1/5
    assert out["latency_compute_norm_ratio"].tolist() == [0.5, 1.0, 1.0, 0.2]
    assert out["config_key"].tolist() == ["ZCU104-DPU_INT8_ResNet-50_100",
                                          "ZCU104-DPU_INT8_ResNet-50_30",
                                          "TX2-maxp_FP32_GoogLeNetv1_100",
                                          "NCS2_FP16_GoogLeNetv1_100"]


def test_for_task_after_a_parquet_round_trip(tmp_path):
    frame = measurement_frame()
    cols = [Column(c, "float" if c.endswith("_ms") or c == "pruning_pct" else "str", "", "")
            for c in frame.columns]
    io.write_parquet(frame, tmp_path / "m.parquet", cols)
    out = tasks.for_task(io.read_parquet(tmp_path / "m.parquet"), "cifar10")
    assert out["config_key"].tolist() == ["TX2-maxn_FP16_CNV_12.5", "NCS2_FP16_CNV_100",
                                          "TX2-maxq_FP32_CNV_50"]


@pytest.mark.parametrize("categorical", [False, True])
def test_for_task_on_categorical_names(tmp_path, categorical):
    if categorical and "categorical" not in inspect.signature(io.read_parquet).parameters:
        pytest.skip("read_parquet has no categorical option")
    frame = measurement_frame()
    cols = [Column(c, "float" if c.endswith("_ms") or c == "pruning_pct" else "str", "", "")
            for c in frame.columns]
    io.write_parquet(frame, tmp_path / "m.parquet", cols)
    kwargs = {"categorical": True} if categorical else {}
    back = io.read_parquet(tmp_path / "m.parquet", **kwargs)
    out = tasks.for_task(back, "imagenet")
    assert out["latency_compute_norm_ratio"].tolist() == [0.5, 1.0, 1.0, 0.2]
    assert out["config_key"].tolist()[2:] == ["TX2-maxp_FP32_GoogLeNetv1_100",
                                              "NCS2_FP16_GoogLeNetv1_100"]
    # and written back with the task schema's text types
    io.write_parquet(out, tmp_path / "t.parquet",
                     [Column("config_key", "str", "", ""), Column("topology", "str", "", ""),
                      Column("latency_compute_norm_ratio", "float", "1", "")])
    assert io.read_parquet(tmp_path / "t.parquet")["topology"].tolist() == [
        "ResNet-50", "ResNet-50", "GoogLeNetv1", "GoogLeNetv1"]


def test_for_task_with_no_rows():
    out = tasks.for_task(measurement_frame(), "coco")
    assert len(out) == 0
    assert {"platform_label", "config_key", "latency_compute_norm_ratio"} <= set(out.columns)


def test_pruning_label():
    assert tasks.pruning_label(pd.Series([100.0, 12.5, 30.0, 50.0])).tolist() == [
        "100", "12.5", "30", "50"]


# -------------------------------------------------------------------------- catalogues

OP_COUNTS = pd.DataFrame({
    "topology": ["GoogLeNetv1", "ResNet-50", "ResNet-50", "CNV", "MLP"],
    "pruning_pct": [100.0, 100.0, 50.0, 50.0, 100.0],
    "gop_per_inference": [3.13, 7.72, 3.75, 0.118922752, 0.02002944],
    "source": ["s"] * 5,
})
TASKS = {"ResNet-50": "imagenet", "GoogLeNetv1": "imagenet", "CNV": "cifar10", "MLP": "mnist"}


def test_complete_topologies_task_fill_order_and_difference(tmp_path):
    vocab = vocab_from(tmp_path)  # topology order: ResNet-50, GoogLeNetv1, CNV, MLP
    frame = pd.DataFrame({
        "topology": ["MLP", "CNV", "GoogLeNetv1", "ResNet-50", "CNV", "ResNet-50", "ResNet-50"],
        "pruning_pct": [100.0, 50.0, 100.0, 50.0, 50.0, 100.0, 100.0],
        "datatype": ["FP16", "FP32", "INT8", "INT8", "INT2", "INT8", "FP16"],
        "gop_per_inference": [np.nan, np.nan, 3.1, np.nan, np.nan, 7.7, np.nan],
        "params_m": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
    })
    out, largest = catalogues.complete_topologies(frame, tasks=TASKS, op_counts=OP_COUNTS,
                                                  vocab=vocab)
    # task (imagenet, cifar10, mnist), then vocabulary order, pruning descending, INT2..FP32
    assert out[["topology", "pruning_pct", "datatype"]].values.tolist() == [
        ["ResNet-50", 100.0, "INT8"], ["ResNet-50", 100.0, "FP16"], ["ResNet-50", 50.0, "INT8"],
        ["GoogLeNetv1", 100.0, "INT8"], ["CNV", 50.0, "INT2"], ["CNV", 50.0, "FP32"],
        ["MLP", 100.0, "FP16"]]
    assert out["task"].tolist() == ["imagenet"] * 4 + ["cifar10"] * 2 + ["mnist"]
    # the table wins over the catalogue's rounded values (7.7, 3.1) and fills missing ones
    assert out["gop_per_inference"].tolist() == [7.72, 7.72, 3.75, 3.13, 0.118922752,
                                                 0.118922752, 0.02002944]
    assert out["params_m"].tolist() == [6.0, 7.0, 4.0, 3.0, 5.0, 2.0, 1.0]
    # |3.1 - 3.13| / 3.13 = 0.0095847 beats |7.7 - 7.72| / 7.72 = 0.0025907
    assert largest == pytest.approx(0.03 / 3.13, rel=1e-9)
    assert "_ref" not in out.columns and out.index.tolist() == list(range(7))


def test_complete_topologies_no_overlap_gives_zero(tmp_path):
    vocab = vocab_from(tmp_path)
    frame = pd.DataFrame({"topology": ["CNV"], "pruning_pct": [50.0], "datatype": ["INT2"],
                          "gop_per_inference": [np.nan], "params_m": [1.5]})
    out, largest = catalogues.complete_topologies(frame, tasks=TASKS, op_counts=OP_COUNTS,
                                                  vocab=vocab)
    assert largest == 0.0
    assert out["gop_per_inference"].tolist() == [0.118922752]


def test_complete_topologies_keeps_the_catalogue_value_where_the_table_has_none(tmp_path):
    vocab = vocab_from(tmp_path)
    frame = pd.DataFrame({"topology": ["MLP"], "pruning_pct": [50.0], "datatype": ["INT2"],
                          "gop_per_inference": [0.006], "params_m": [2.9]})
    out, largest = catalogues.complete_topologies(frame, tasks=TASKS, op_counts=OP_COUNTS,
                                                  vocab=vocab)
    assert out["gop_per_inference"].tolist() == [0.006] and largest == 0.0


def test_topology_problems_no_task_and_no_op_count():
    frame = pd.DataFrame({"topology": ["Foo", "CNV", "CNV", "MLP"],
                          "pruning_pct": [100.0, 12.5, 50.0, 25.0],
                          "gop_per_inference": [1.0, np.nan, np.nan, 0.002]})
    problems = catalogues.topology_problems(frame, tasks=TASKS, op_counts=OP_COUNTS,
                                            file="topologies.csv")
    assert [(p.file, p.line, p.column, p.value, p.message) for p in problems] == [
        ("topologies.csv", None, "topology", "Foo", "topology has no task"),
        ("topologies.csv", None, "gop_per_inference", "CNV at 12.5 %",
         "no operation count in the catalogue nor the op-count table")]


def test_sort_platforms_vocabulary_mode_and_datatype_order(tmp_path):
    vocab = vocab_from(tmp_path)  # platforms: ZCU104-DPU, ZCU102-DPU, ZCU104-BISMO, TX2
    frame = pd.DataFrame({
        "platform": ["TX2", "TX2", "Other", "TX2", "ZCU104-BISMO", "ZCU104-BISMO", "ZCU104-DPU"],
        "op_mode": ["maxq", "maxn", None, "maxn", None, None, None],
        "datatype": ["FP32", "FP32", "INT8", "FP16", "INT4", "INT2", "INT8"],
    })
    out = catalogues.sort_platforms(frame, vocab)
    assert [[p, None if pd.isna(m) else m, d] for p, m, d in out.values.tolist()] == [
        ["ZCU104-DPU", None, "INT8"], ["ZCU104-BISMO", None, "INT2"],
        ["ZCU104-BISMO", None, "INT4"], ["TX2", "maxn", "FP16"], ["TX2", "maxn", "FP32"],
        ["TX2", "maxq", "FP32"], ["Other", None, "INT8"]]


# --------------------------------------------------------------------------- reference

def test_reference_op_counts_and_topology_tasks(tmp_path):
    vocab = vocab_from(tmp_path)
    ops = write(tmp_path, "op_counts.csv",
                "topology,pruning_pct,gop_per_inference,source\n"
                "RN50,100,7.72,He et al.\n"
                "CNV,12.50%,0.008017792,counted\n")
    table = reference.op_counts(io.read_csv_text(ops, "config/op_counts.csv"), vocab)
    assert table.values.tolist() == [["ResNet-50", 100.0, 7.72, "He et al."],
                                     ["CNV", 12.5, 0.008017792, "counted"]]
    topo = write(tmp_path, "topologies.csv", "topology,task,description\n"
                 "RN50,imagenet,x\nCNV,cifar10,y\n")
    assert reference.topology_tasks(io.read_csv_text(topo, "config/topologies.csv"), vocab) == {
        "ResNet-50": "imagenet", "CNV": "cifar10"}


def test_reference_op_counts_repeated_topology_and_pruning(tmp_path):
    vocab = vocab_from(tmp_path)
    ops = write(tmp_path, "op_counts.csv",
                "topology,pruning_pct,gop_per_inference,source\n"
                "CNV,50,0.12,a\n"
                "cnv,50%,0.119,b\n")  # line 3: the same model again
    with pytest.raises(InputError) as info:
        reference.op_counts(io.read_csv_text(ops, "config/op_counts.csv"), vocab)
    [p] = info.value.problems
    assert (p.file, p.line, p.column, p.value) == ("config/op_counts.csv", 3, "topology", "CNV 50")


# ---------------------------------------------------------------------------------- io

COLUMNS = [Column("name", "str", "", "a name"), Column("lat", "float", "ms", "a latency"),
           Column("batch", "int", "", "a batch"), Column("flag", "bool", "", "a flag")]


def small_frame() -> pd.DataFrame:
    return pd.DataFrame({"flag": [True, False], "extra": [1, 2], "lat": [1.5, np.nan],
                         "batch": pd.array([4, 1], dtype="Int64"),
                         "name": pd.array(["a", None], dtype="string")})


def test_write_parquet_columns_types_and_units(tmp_path):
    path = tmp_path / "out" / "t.parquet"  # the folder is created
    io.write_parquet(small_frame(), path, COLUMNS)
    schema = pq.read_schema(path)
    assert schema.names == ["name", "lat", "batch", "flag"]  # order of COLUMNS, extra dropped
    assert [str(t) for t in schema.types] == ["string", "double", "int64", "bool"]
    assert io.parquet_units(path) == {"name": "", "lat": "ms", "batch": "", "flag": ""}
    assert schema.field("lat").metadata[b"description"] == b"a latency"
    back = io.read_parquet(path)
    assert nan_list(back["name"]) == ["a", None]
    assert nan_list(back["lat"]) == [1.5, None]
    assert back["batch"].tolist() == [4, 1]
    assert back["flag"].tolist() == [True, False]


def test_write_parquet_is_byte_identical_for_identical_input(tmp_path):
    io.write_parquet(small_frame(), tmp_path / "a.parquet", COLUMNS)
    io.write_parquet(small_frame(), tmp_path / "b.parquet", COLUMNS)
    first = (tmp_path / "a.parquet").read_bytes()
    assert first == (tmp_path / "b.parquet").read_bytes()
    io.write_parquet(small_frame(), tmp_path / "a.parquet", COLUMNS)  # overwrite in place
    assert (tmp_path / "a.parquet").read_bytes() == first


@pytest.mark.parametrize("bad_column, value", [("lat", "abc"), ("lat", "1.5"), ("batch", 2.5)])
def test_write_parquet_wrong_type_leaves_the_old_file_and_no_temp(tmp_path, bad_column, value):
    path = tmp_path / "t.parquet"
    io.write_parquet(small_frame(), path, COLUMNS)
    before = path.read_bytes()
    bad = small_frame()
    bad[bad_column] = [value, value]
    with pytest.raises(TypeError, match=f"column '{bad_column}'"):
        io.write_parquet(bad, path, COLUMNS)  # never converts: text "1.5" is not a float
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.parquet"]
    assert path.read_bytes() == before


def test_write_parquet_failure_while_writing_removes_the_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "t.parquet"

    def half_write(table, where, **kwargs):
        Path(where).write_bytes(b"PAR1 half")
        raise OSError("disk full")

    monkeypatch.setattr(pq, "write_table", half_write)
    with pytest.raises(OSError, match="disk full"):
        io.write_parquet(small_frame(), path, COLUMNS)
    assert list(tmp_path.iterdir()) == []


def test_read_csv_text_lines_cells_and_blank_lines(tmp_path):
    path = write(tmp_path, "t.csv", 'a,b\n1,2\n\n"x\ny",3\n4,\n6,7,\n')
    text = io.read_csv_text(path, "t.csv")
    assert text.header == [["a", "b"]]
    # line 3 is blank; "x\ny" spans lines 4-5; a trailing comma on line 7 is accepted
    assert text.rows.values.tolist() == [["1", "2", 2], ["x\ny", "3", 4], ["4", "", 6],
                                         ["6", "7", 7]]


@pytest.mark.parametrize("chunk_rows", [None, 1, 2])
def test_chunked_csv_text_has_the_same_rows_and_lines(tmp_path, chunk_rows):
    if not hasattr(io, "iter_csv_text"):
        pytest.skip("no chunked CSV reader")
    path = write(tmp_path, "t.csv", 'a,b\n1,2\n\n"x\ny",3\n4,5\n6,7\n')
    rows = [r for chunk in io.iter_csv_text(path, "t.csv", chunk_rows=chunk_rows)
            for r in chunk.rows.values.tolist()]
    assert rows == [["1", "2", 2], ["x\ny", "3", 4], ["4", "5", 6], ["6", "7", 7]]


def test_chunked_csv_text_lines_after_a_line_with_extra_fields(tmp_path):
    if not hasattr(io, "iter_csv_text"):
        pytest.skip("no chunked CSV reader")
    path = write(tmp_path, "t.csv", "a,b\n1,2\n3,4,5,6\n7,8\n")  # line 3: two extra fields
    seen = []
    with pytest.raises(InputError) as info:
        for chunk in io.iter_csv_text(path, "t.csv", chunk_rows=1):
            seen += chunk.rows.values.tolist()
    assert [p.line for p in info.value.problems] == [3]
    assert seen == [["1", "2", 2], ["7", "8", 4]]  # "7,8" is on physical line 4


def test_write_bytes_is_atomic_and_exact(tmp_path):
    io.write_bytes(b"a\nb\n", tmp_path / "sub" / "x.txt")
    assert (tmp_path / "sub" / "x.txt").read_text(encoding="utf-8") == "a\nb\n"
    assert sorted(p.name for p in (tmp_path / "sub").iterdir()) == ["x.txt"]


# ------------------------------------------------------------------------------ errors

def p(file, line, column, value, message="is not a number", fix="write ms"):
    return Problem(file, line, column, value, message, fix)


def test_format_problems_groups_and_caps_at_five_lines():
    problems = [p("m.csv", 2, "lat-comp", "a"), p("m.csv", 3, "lat-comp", "b"),
                p("m.csv", 4, "lat-comp", "c"),
                p("t.csv", 4, "top1", "101", "out of range", "write %"),
                p("m.csv", 5, "lat-comp", "d"), p("m.csv", 6, "lat-comp", "e"),
                p("m.csv", 7, "lat-comp", "f"), p("m.csv", 8, "lat-comp", "g"),
                p("m.csv", None, None, None, "file is empty", "save it"),
                p("x.csv", None, "col", "v", "bad value", "fix it"),
                p("y.csv", 3, None, None, "line has more fields", "remove")]
    assert format_problems(problems) == "\n".join([
        "11 input problems:",
        "m.csv, column 'lat-comp': is not a number",
        "  line 2: 'a'",
        "  line 3: 'b'",
        "  line 4: 'c'",
        "  line 5: 'd'",
        "  line 6: 'e'",
        "  ... and 2 more in this file and column",
        "  fix: write ms",
        "t.csv, column 'top1': out of range",
        "  line 4: '101'",
        "  fix: write %",
        "m.csv: file is empty",
        "  fix: save it",
        "x.csv, column 'col': bad value",
        "  value: 'v'",
        "  fix: fix it",
        "y.csv: line has more fields",
        "  line 3",
        "  fix: remove",
    ])


def test_format_problems_exactly_five_has_no_more_line():
    text = format_problems([p("m.csv", i, "c", str(i)) for i in range(2, 7)])
    assert "more in this file" not in text
    assert text.splitlines()[0] == "5 input problems:"
    assert text.count("  line ") == 5


def test_same_column_other_fix_is_another_group():
    text = format_problems([p("m.csv", 2, "c", "x", fix="one"), p("m.csv", 3, "c", "y", fix="two")])
    assert text.count("m.csv, column 'c': is not a number") == 2


def test_input_error_carries_problems_and_formatted_message():
    problems = [p("m.csv", 2, "c", "x")]
    err = InputError(problems)
    assert err.problems == problems
    assert str(err) == format_problems(problems)
    raise_if_any([])  # nothing to raise
    with pytest.raises(InputError):
        raise_if_any(problems)


def test_problem_where():
    assert p("m.csv", 4, "c", "x").where() == "m.csv:4"
    assert p("m.csv", None, "c", "x").where() == "m.csv"


# ---------------------------------------------------------------------- schemas, logs

def test_empty_frame_has_every_column_with_its_type():
    frame = schemas.empty_frame(schemas.POWER_TRACES)
    assert list(frame.columns) == [c.name for c in schemas.POWER_TRACES]
    assert len(frame) == 0
    assert str(frame["sample"].dtype) == "Int64" and str(frame["power_w"].dtype) == "float64"


def test_check_columns_is_a_loud_internal_error():
    frame = schemas.empty_frame(schemas.PLATFORMS).drop(columns=["source"])
    with pytest.raises(RuntimeError, match=r"columns missing before write: \['source'\]"):
        schemas.check_columns(frame, schemas.PLATFORMS, what="t")
    schemas.check_columns(schemas.empty_frame(schemas.PLATFORMS), schemas.PLATFORMS, what="t")


def test_run_entry_reports_input_error_and_exits_1(tmp_path):
    log_path = tmp_path / "logs" / "rule.log"
    logs.setup(log_path, "rule")

    def main():
        raise InputError([p("m.csv", 2, "lat-comp", "abc")])

    with pytest.raises(SystemExit) as info:
        logs.run_entry(main)
    assert info.value.code == 1
    for h in logging.getLogger(logs.LOGGER_NAME).handlers:
        h.flush()
    text = log_path.read_text(encoding="utf-8")
    assert "ERROR [rule] 1 input problem:" in text and "line 2: 'abc'" in text
    logger = logging.getLogger(logs.LOGGER_NAME)
    for h in logger.handlers:
        h.close()
    logger.handlers.clear()
