"""qutiflow.readers.platforms on tiny hand-written files in QuTiBench's original format
(hardware_platforms.csv)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from helpers import records, write
from qutiflow.errors import InputError
from qutiflow.readers.platforms import read_platforms

HARDWARE = (
    "Hardware Platforms,INT2,INT4,INT8,FP16,FP32,Memory Bandwidth,Memory Capacity,Power\n"
    ",[TOP/sec],[TOP/sec],[TOP/sec],[TOP/sec],[TOP/sec],[GBps],[GB],[Watt]\n"
    "Ultra96-DPU,na,na,0.96,na,na,4.26,2,na\n"  # line 3
    "TX2 - maxn,na,NA,n/a,1.33,0.67,59.7,8,15\n"  # line 4
    "EdgeTPU-slow,na,na,2,na,na,25.6,1,2\n"  # line 5
    "NCS (MyriadX),na,na,1,0.5,na,12.8,2,1\n"  # line 6
    "U96-Quadcore A53-INT8,0.192,0.192,0.192,na,na,4.26,2,na\n"  # line 7
)

PLATFORM_COLUMNS = [
    "platform",
    "op_mode",
    "datatype",
    "peak_tops",
    "bandwidth_gbps",
    "memory_gb",
    "power_w",
    "source",
]

#: one row per non-na datatype cell, in file order then INT2..FP32
HARDWARE_EXPECTED = [
    ["Ultra96-DPU", None, "INT8", 0.96, 4.26, 2.0, None, "hardware_platforms.csv:3"],
    ["TX2", "maxn", "FP16", 1.33, 59.7, 8.0, 15.0, "hardware_platforms.csv:4"],
    ["TX2", "maxn", "FP32", 0.67, 59.7, 8.0, 15.0, "hardware_platforms.csv:4"],
    ["EdgeTPU", "slow", "INT8", 2.0, 25.6, 1.0, 2.0, "hardware_platforms.csv:5"],
    ["NCS2", None, "INT8", 1.0, 12.8, 2.0, 1.0, "hardware_platforms.csv:6"],
    ["NCS2", None, "FP16", 0.5, 12.8, 2.0, 1.0, "hardware_platforms.csv:6"],
    ["U96-Quadcore-A53", None, "INT2", 0.192, 4.26, 2.0, None, "hardware_platforms.csv:7"],
    ["U96-Quadcore-A53", None, "INT4", 0.192, 4.26, 2.0, None, "hardware_platforms.csv:7"],
    ["U96-Quadcore-A53", None, "INT8", 0.192, 4.26, 2.0, None, "hardware_platforms.csv:7"],
]


def test_original_platform_table_one_row_per_supported_datatype(tmp_path, vocab):
    path = write(tmp_path, "hardware_platforms.csv", HARDWARE)
    table = read_platforms(path, "hardware_platforms.csv", vocab)
    assert list(table.columns) == PLATFORM_COLUMNS
    assert records(table, PLATFORM_COLUMNS) == HARDWARE_EXPECTED


def test_original_platform_table_na_power_is_nan_not_zero(tmp_path, vocab):
    path = write(tmp_path, "hardware_platforms.csv", HARDWARE)
    table = read_platforms(path, "hardware_platforms.csv", vocab)
    dpu = table.loc[table["platform"] == "Ultra96-DPU"]
    assert len(dpu) == 1 and math.isnan(dpu["power_w"].iloc[0])
    assert table["power_w"].dtype == "float64"
    assert table["peak_tops"].dtype == "float64"


def test_original_platform_table_platform_names_carry_the_op_mode(tmp_path, vocab):
    path = write(tmp_path, "hardware_platforms.csv", HARDWARE)
    table = read_platforms(path, "hardware_platforms.csv", vocab)
    modes = {(p, None if pd.isna(m) else m) for p, m in zip(table["platform"], table["op_mode"])}
    assert modes == {
        ("Ultra96-DPU", None),
        ("TX2", "maxn"),
        ("EdgeTPU", "slow"),
        ("NCS2", None),
        ("U96-Quadcore-A53", None),
    }


def test_original_platform_table_bad_peak_names_line_and_column(tmp_path, vocab):
    bad = HARDWARE.replace("TX2 - maxn,na,NA,n/a,1.33,", "TX2 - maxn,na,NA,n/a,1.33x,")
    path = write(tmp_path, "hardware_platforms.csv", bad)
    with pytest.raises(InputError) as info:
        read_platforms(path, "hardware_platforms.csv", vocab)
    [p] = info.value.problems
    assert (p.file, p.line, p.column, p.value) == ("hardware_platforms.csv", 4, "FP16", "1.33x")
    assert p.message == "is not a number"


def test_original_platform_table_unknown_platform_is_named(tmp_path, vocab):
    bad = HARDWARE.replace("EdgeTPU-slow,", "EdgeTPU-medium,")
    path = write(tmp_path, "hardware_platforms.csv", bad)
    with pytest.raises(InputError) as info:
        read_platforms(path, "hardware_platforms.csv", vocab)
    [p] = info.value.problems
    assert (p.line, p.column, p.value) == (5, "Hardware Platforms", "EdgeTPU-medium")
    assert p.message == "unknown platform name"
