"""Bad catalogue files: the tidy platform and topology catalogues and QuTiBench's original
accuracy table; each problem names the file, line, column and value, with a fix."""

from __future__ import annotations

from pathlib import Path

import helpers
import pytest
from qutiflow.errors import InputError, Problem
from qutiflow.readers.platforms import read_platforms
from qutiflow.readers.topologies import read_topologies

from .measurement_files import the_problem, write

PLATFORM_HEADER = "platform,op_mode,datatype,peak_tops,bandwidth_gbps,memory_gb,power_w,source\n"
PLATFORM_ROWS = [
    "ZCU104-DPU,,INT8,4.6,19.2,4,,datasheet",  # line 2
    "TX2,maxn,FP16,1.33,59.7,8,15,datasheet",  # line 3
    "TX2-maxq,,FP16,0.87,59.7,8,7.5,datasheet",  # line 4
]


def platform_problems(tmp_path: Path, rows: list[str]) -> list[Problem]:
    path = write(tmp_path, PLATFORM_HEADER + "\n".join(rows) + "\n", "platforms.csv")
    with pytest.raises(InputError) as info:
        read_platforms(str(path), "platforms.csv", helpers.config_vocabulary())
    return info.value.problems


def test_tidy_platforms_valid(tmp_path):
    path = write(tmp_path, PLATFORM_HEADER + "\n".join(PLATFORM_ROWS) + "\n", "platforms.csv")
    table = read_platforms(str(path), "platforms.csv", helpers.config_vocabulary())
    assert table["platform"].tolist() == ["ZCU104-DPU", "TX2", "TX2"]
    assert table["op_mode"].tolist()[1:] == ["maxn", "maxq"]
    assert table["bandwidth_gbps"].tolist() == [19.2, 59.7, 59.7]


@pytest.mark.parametrize(
    "bad, column, value, message, fix",
    [
        (
            "ZCU102-DPU,,INT8,6.71,-19.2,4,,datasheet",
            "bandwidth_gbps",
            "-19.2",
            "out of range: must be above 0",
            "write a positive number of GB/s",
        ),
        (
            "ZCU102-DPU,,INT3,6.71,19.2,4,,datasheet",
            "datatype",
            "INT3",
            "unknown datatype name",
            "nearest known: ",
        ),
        ("ZCU102-DPU,,INT8,6.71,19.2,4,,", "source", "", "source is empty", "cite where the facts come from"),
        (
            "ZCU104-DPU,,INT8,4.6,19.2,4,,a second datasheet",
            "platform",
            "ZCU104-DPU  INT8",
            "a second row for the same platform, op mode and datatype",
            "keep one row per platform, op mode and datatype",
        ),
        (
            "TX2-maxn,,FP16,1.33,59.7,8,15,spelt differently",
            "platform",
            "TX2 maxn FP16",
            "a second row for the same platform, op mode and datatype",
            "keep one row per",
        ),
    ],
    ids=["negative-bandwidth", "unknown-datatype", "empty-source", "duplicate", "duplicate-by-alias"],
)
def test_tidy_platform_problem(tmp_path, bad, column, value, message, fix):
    p = the_problem(platform_problems(tmp_path, PLATFORM_ROWS + [bad]))
    assert (p.file, p.line, p.column, p.value) == ("platforms.csv", 5, column, value)
    assert p.message == message
    assert p.fix.startswith(fix)


def test_tidy_platform_problems_reported_together(tmp_path):
    problems = platform_problems(
        tmp_path,
        [
            "ZCU102-DPU,,INT8,6.71,-19.2,4,,datasheet",  # line 2
            "ZCU102-DPU,,INT3,6.71,19.2,4,,datasheet",  # line 3
            "ZCU104-DPU,,INT8,4.6,19.2,4,,",  # line 4
            "ZCU102-DPU,,INT8,6.71,19.2,4,,again",  # line 5: repeats line 2
        ],
    )
    assert sorted((p.line, p.column) for p in problems) == [
        (2, "bandwidth_gbps"),
        (3, "datatype"),
        (4, "source"),
        (5, "platform"),
    ]


def test_two_unknown_platforms_are_not_duplicates(tmp_path):
    problems = platform_problems(
        tmp_path,
        [
            "FooBoard,,INT8,1,2,,,datasheet",  # line 2
            "BarBoard,,INT8,1,2,,,datasheet",  # line 3
        ],
    )
    assert [(p.line, p.value, p.message) for p in problems] == [
        (2, "FooBoard", "unknown platform name"),
        (3, "BarBoard", "unknown platform name"),
    ]


TOPOLOGY_HEADER = "topology,pruning_pct,datatype,gop_per_inference,params_m,top1_pct,top5_pct,source\n"


def test_tidy_topology_accuracy_above_100(tmp_path):
    path = write(
        tmp_path,
        TOPOLOGY_HEADER
        + "CNV,50,INT2,,1.5,79.2,,FINN\n"  # line 2
        + "CNV,100,INT2,,6,120,,FINN\n",  # line 3
        "topologies.csv",
    )
    with pytest.raises(InputError) as info:
        read_topologies([(str(path), "topologies.csv")], helpers.config_vocabulary())
    p = the_problem(info.value.problems)
    assert (p.file, p.line, p.column, p.value) == ("topologies.csv", 3, "top1_pct", "120")
    assert "must be at most 100" in p.message
    assert p.fix == "write a percentage from 0 to 100"


ACCURACY = (
    " ,INT2,INT4,INT8,FP16,FP32\n"
    "  ,top1 (top5) [%],top1 (top5) [%],top1 (top5) [%],top1 (top5) [%],top1 (top5) [%]\n"
    "GoogLeNetv1 100,nm,nm,69.24 (88.45),66.93 (87.83),66.96 (87.84)\n"  # line 3
    "MobileNetv1 100,nm,nm,{cell},nm,nm\n"
)  # line 4
REQUIREMENTS = (
    " ,Total OPs,Total Model Size,OI (INT2),OI (INT4),OI (INT8),OI (FP16),OI (FP32)\n"
    "  ,GOPs,[ME],[Ops/Byte],[Ops/Byte],[Ops/Byte],[Ops/Byte],[Ops/Byte]\n"
    "GoogLeNetv1 100%,3.1,6,2093.97,1046.99,523.49,261.75,130.87\n"
    "MobileNetv1 100%,1.1,4.2,1075.47,537.74,268.87,134.43,67.22\n"
)


def original_topologies(tmp_path: Path, cell: str):
    acc = write(tmp_path, ACCURACY.format(cell=cell), "cnn_topologies_accuracy.csv")
    req = write(tmp_path, REQUIREMENTS, "cnn_topologies_compute_memory_requirements.csv")
    return read_topologies(
        [
            (str(acc), "cnn_topologies_accuracy.csv"),
            (str(req), "cnn_topologies_compute_memory_requirements.csv"),
        ],
        helpers.config_vocabulary(),
    )


def test_original_accuracy_table_valid(tmp_path):
    table = original_topologies(tmp_path, "69.57 (87.71)")
    assert table[["topology", "datatype", "top1_pct", "top5_pct"]].values.tolist() == [
        ["GoogLeNetv1", "INT8", 69.24, 88.45],
        ["GoogLeNetv1", "FP16", 66.93, 87.83],
        ["GoogLeNetv1", "FP32", 66.96, 87.84],
        ["MobileNetv1", "INT8", 69.57, 87.71],
    ]


@pytest.mark.parametrize("cell", ["69.57 (87.71", "69.57 [87.71]", "69.57 87.71"])
def test_original_accuracy_table_malformed_cell(tmp_path, cell):
    with pytest.raises(InputError) as info:
        original_topologies(tmp_path, cell)
    p = the_problem(info.value.problems)
    assert (p.file, p.line, p.column, p.value) == ("cnn_topologies_accuracy.csv", 4, "INT8", cell)
    assert "neither 'top1 (top5)' nor 'nm'" in p.message
    assert "69.24 (88.45)" in p.fix and "nm" in p.fix


def test_original_accuracy_table_percentage_above_100(tmp_path):
    with pytest.raises(InputError) as info:
        original_topologies(tmp_path, "69.57 (187.71)")
    p = the_problem(info.value.problems)
    assert (p.file, p.line, p.column, p.value) == ("cnn_topologies_accuracy.csv", 4, "INT8", "187.71")
    assert "at most 100" in p.message
