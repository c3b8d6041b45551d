"""qutiflow.readers.topologies on tiny hand-written files: QuTiBench's original accuracy and
requirements tables (two header rows, ``nm`` markers) and the tidy catalogue; expected values
written out by hand next to each fixture line."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from helpers import records, write
from qutiflow.errors import InputError
from qutiflow.readers.topologies import read_topologies

ACCURACY = (
    " ,INT2,INT4,INT8,FP16,FP32\n"
    "  ,top1 (top5) [%],top1 (top5) [%],top1 (top5) [%],top1 (top5) [%],top1 (top5) [%]\n"
    "GoogLeNetv1 100,nm,nm,69.24 (88.45),66.93 (87.83),nm\n"  # line 3
    "EfficientNet-S 100,nm,nm,77,nm,nm\n"  # line 4
    "ResNet-50 80,nm,nm,73.30 (91.40),nm,nm\n"  # line 5
    "ResNet-50 30,nm,nm,68.83 ( 90.16),nm,nm\n"  # line 6
    "CNV 12.5,73.64,75.85,nm,77.82,nm\n"  # line 7
    "MLP 50,nm,nm,nm,nm,nm\n"  # line 8: no model
)
#: rows in another order than the accuracy table, so that the join is exercised
REQUIREMENTS = (
    " ,Total OPs,Total Model Size,OI (INT2),OI (INT4),OI (INT8),OI (FP16),OI (FP32)\n"
    "  ,GOPs,[ME],[Ops/Byte],[Ops/Byte],[Ops/Byte],[Ops/Byte],[Ops/Byte]\n"
    "CNV 12.5%,0.01,0.1,332.61,166.3,83.15,41.58,20.79\n"  # line 3
    "ResNet-50 30%,2.5,10.1,970.16,485.08,242.54,121.27,60.64\n"  # line 4
    "ResNet-50 80%,6.5,23.7,1086.59,543.3,271.65,135.82,67.91\n"  # line 5
    "GoogLeNetv1 100%,3.1,6,2093.97,1046.99,523.49,261.75,130.87\n"  # line 6
    "EfficientNet-S 100%,4.7,5.4,3481.48,1740.74,870.37,435.18,217.59\n"  # line 7
    "MLP 50%,0.00582,2.91,8,4,2,1,0.5\n"  # line 8
)
ACC, REQ = "cnn_topologies_accuracy.csv", "cnn_topologies_compute_memory_requirements.csv"

TOPOLOGY_COLUMNS = [
    "topology",
    "pruning_pct",
    "datatype",
    "gop_per_inference",
    "params_m",
    "top1_pct",
    "top5_pct",
    "intensity_reported_opb",
    "source",
]

#: one row per non-nm accuracy cell; OI is the requirements value of the row's datatype
TOPOLOGY_EXPECTED = [
    ["GoogLeNetv1", 100.0, "INT8", 3.1, 6.0, 69.24, 88.45, 523.49, f"{ACC}:3; {REQ}:6"],
    ["GoogLeNetv1", 100.0, "FP16", 3.1, 6.0, 66.93, 87.83, 261.75, f"{ACC}:3; {REQ}:6"],
    ["EfficientNet-S", 100.0, "INT8", 4.7, 5.4, 77.0, None, 870.37, f"{ACC}:4; {REQ}:7"],
    ["ResNet-50", 80.0, "INT8", 6.5, 23.7, 73.30, 91.40, 271.65, f"{ACC}:5; {REQ}:5"],
    ["ResNet-50", 30.0, "INT8", 2.5, 10.1, 68.83, 90.16, 242.54, f"{ACC}:6; {REQ}:4"],
    ["CNV", 12.5, "INT2", 0.01, 0.1, 73.64, None, 332.61, f"{ACC}:7; {REQ}:3"],
    ["CNV", 12.5, "INT4", 0.01, 0.1, 75.85, None, 166.3, f"{ACC}:7; {REQ}:3"],
    ["CNV", 12.5, "FP16", 0.01, 0.1, 77.82, None, 41.58, f"{ACC}:7; {REQ}:3"],
]


def original_topologies(
    tmp_path: Path, vocab, accuracy: str = ACCURACY, requirements: str = REQUIREMENTS
) -> pd.DataFrame:
    acc = write(tmp_path, ACC, accuracy)
    req = write(tmp_path, REQ, requirements)
    # the order of the two files in the config does not matter
    return read_topologies([(req, REQ), (acc, ACC)], vocab)


def test_original_topology_tables_one_row_per_measured_cell(tmp_path, vocab):
    table = original_topologies(tmp_path, vocab)
    assert list(table.columns) == TOPOLOGY_COLUMNS
    assert records(table, TOPOLOGY_COLUMNS) == TOPOLOGY_EXPECTED


def test_original_topology_tables_cells_with_spaces_and_without_top5(tmp_path, vocab):
    table = original_topologies(tmp_path, vocab)
    r30 = table.loc[(table["topology"] == "ResNet-50") & (table["pruning_pct"] == 30.0)]
    assert r30[["top1_pct", "top5_pct"]].values.tolist() == [[68.83, 90.16]]  # "68.83 ( 90.16)"
    es = table.loc[table["topology"] == "EfficientNet-S"]
    assert es["top1_pct"].tolist() == [77.0] and es["top5_pct"].isna().all()  # "77"


def test_original_topology_tables_all_nm_row_gives_no_model(tmp_path, vocab):
    table = original_topologies(tmp_path, vocab)
    assert "MLP" not in set(table["topology"])


def test_original_accuracy_row_without_requirements_row_is_named(tmp_path, vocab):
    requirements = REQUIREMENTS.replace("ResNet-50 80%,6.5,23.7,1086.59,543.3,271.65,135.82,67.91\n", "")
    with pytest.raises(InputError) as info:
        original_topologies(tmp_path, vocab, requirements=requirements)
    [p] = info.value.problems
    assert (p.file, p.line, p.column, p.value) == (ACC, 5, "(row key)", "ResNet-50 80")
    assert p.message == "no row in the compute-requirements table for this model"
    assert p.fix == f"add a row 'ResNet-50 80%' to {REQ}"


def test_original_requirements_table_repeated_row_is_an_input_error(tmp_path, vocab):
    requirements = REQUIREMENTS + "CNV 12.5%,0.01,0.1,332.61,166.3,83.15,41.58,20.79\n"  # line 9
    with pytest.raises(InputError) as info:
        original_topologies(tmp_path, vocab, requirements=requirements)
    assert [(p.file, p.line) for p in info.value.problems] == [(REQ, 9)]


TIDY_TOPOLOGIES = (
    "topology,pruning_pct,datatype,gop_per_inference,params_m,top1_pct,top5_pct,source\n"
    "CNV,12.50%,W2A2,,0.097712,73.64,,FINN paper\n"  # line 2
    "resnet50,30,int8,2.45,10.1,68.83,90.16,QuTiBench\n"  # line 3
    "GoogLeNet V1,100,FP16,,5.98,66.93,87.83,model zoo\n"  # line 4
)


def test_tidy_topology_catalogue(tmp_path, vocab):
    path = write(tmp_path, "topologies.csv", TIDY_TOPOLOGIES)
    table = read_topologies([(path, "topologies.csv")], vocab)
    assert set(table.columns) == set(TOPOLOGY_COLUMNS)
    assert records(table, TOPOLOGY_COLUMNS) == [
        ["CNV", 12.5, "INT2", None, 0.097712, 73.64, None, None, "FINN paper"],
        ["ResNet-50", 30.0, "INT8", 2.45, 10.1, 68.83, 90.16, None, "QuTiBench"],
        ["GoogLeNetv1", 100.0, "FP16", None, 5.98, 66.93, 87.83, None, "model zoo"],
    ]


def test_tidy_topology_repeated_model_across_spellings_is_named(tmp_path, vocab):
    path = write(
        tmp_path, "topologies.csv", TIDY_TOPOLOGIES + "GoogLeNetv1,100%,fp16,,5.98,66.9,,again\n"
    )  # line 5
    with pytest.raises(InputError) as info:
        read_topologies([(path, "topologies.csv")], vocab)
    [p] = info.value.problems
    assert (p.file, p.line, p.value) == ("topologies.csv", 5, "GoogLeNetv1 100 FP16")
    assert p.message == "a second row for the same topology, pruning and datatype"


def test_empty_topology_file_list_gives_no_rows(vocab):
    table = read_topologies([], vocab)
    assert len(table) == 0 and list(table.columns) == TOPOLOGY_COLUMNS


def test_accuracy_table_without_requirements_table_is_an_error(tmp_path, vocab):
    acc = write(tmp_path, ACC, ACCURACY)
    with pytest.raises(InputError) as info:
        read_topologies([(acc, ACC)], vocab)
    [p] = info.value.problems
    assert "exactly one accuracy table and one compute-requirements table" in p.message
