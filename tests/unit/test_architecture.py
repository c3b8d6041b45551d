"""qutiflow.architecture and qutiflow.readers.architecture: the platform architecture table
(config/platform_architecture.csv), its checks, and the join with documented defaults;
every expected value worked out by hand."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from qutiflow import architecture, io, reference
from qutiflow.errors import InputError
from qutiflow.readers.architecture import COLUMNS, platform_architecture

ROOT = Path(__file__).resolve().parents[2]
TABLE = "config/platform_architecture.csv"
HEADER = (
    "platform,onchip_weight_mb,onchip_kind,weight_link,weight_link_gbps,batch_reuse,"
    "array_rows,array_cols,source\n"
)
ALIASES = (
    "kind,spelling,canonical,op_mode,note\n"
    "platform,ZCU104-DPU,ZCU104-DPU,,\n"
    "platform,ZCU104-FINN,ZCU104-FINN,,\n"
    "platform,EdgeTPU,EdgeTPU,,\n"
    "platform,EdgeTPU-fast,EdgeTPU,fast,\n"
    "platform,TX2,TX2,,\n"
    "platform,NCS2,NCS2,,\n"
    "op_mode,fast,fast,,\n"
)


def vocab(tmp_path: Path, text: str = ALIASES):
    path = tmp_path / "aliases.csv"
    path.write_text(text, encoding="utf-8")
    return reference.vocabulary(io.read_csv_text(path, "config/aliases.csv"))


def read(tmp_path: Path, body: str, header: str = HEADER):
    path = tmp_path / "arch.csv"
    path.write_text(header + body, encoding="utf-8")
    return platform_architecture(io.read_csv_text(path, TABLE), vocab(tmp_path))


def problems_of(tmp_path: Path, body: str, header: str = HEADER) -> set[tuple]:
    with pytest.raises(InputError) as err:
        read(tmp_path, body, header)
    return {(p.file, p.line, p.column, p.value, p.message) for p in err.value.problems}


# --------------------------------------------------------------------------- the committed table


def test_committed_table_reads_with_one_row_per_platform_and_a_source_each():
    vocab_ = reference.vocabulary(io.read_csv_text(ROOT / "config/aliases.csv", "config/aliases.csv"))
    table = platform_architecture(io.read_csv_text(ROOT / TABLE, TABLE), vocab_)
    families = reference.platform_families(
        io.read_csv_text(ROOT / "config/platform_families.csv", "config/platform_families.csv")
    )
    assert sorted(table["platform"]) == sorted(families)
    assert (table["source"].str.len() > 40).all()
    by = table.set_index("platform")
    # the values the sources document (DS891 block counts, PG338 array shapes, Coral, /sys)
    assert by.loc["ZCU104-FINN", "onchip_weight_mb"] == (312 * 36 + 96 * 288) * 1024 / 8 / 1e6
    assert by.loc["EdgeTPU", ["onchip_weight_mb", "weight_link", "weight_link_gbps"]].tolist() == [
        8.0,
        "usb3",
        5e9 * 8 / 10 / 8 / 1e9,
    ]
    assert by.loc["Ultra96-DPU", ["array_rows", "array_cols"]].tolist() == [12, 12]
    assert by.loc["ZCU102-DPU", ["array_rows", "array_cols"]].tolist() == [16, 16]
    assert not by.loc[["Ultra96-DPU", "ZCU102-DPU", "ZCU104-DPU", "NCS2", "EdgeTPU"], "batch_reuse"].any()
    assert pd.isna(by.loc["ZCU104-BISMO", "onchip_weight_mb"])  # not published: default


# --------------------------------------------------------------------------- reading and checks


def test_good_table_reads_with_missing_values_kept_missing(tmp_path):
    table = read(
        tmp_path,
        "ZCU104-DPU,0,none,dram,,false,16,16,PG338\n"
        "edgetpu,8,SRAM,USB3,0.5,False,,,Coral docs\n"  # case-insensitive
        "TX2,,,,,,,,nothing known\n",
    )
    assert table["platform"].tolist() == ["ZCU104-DPU", "EdgeTPU", "TX2"]
    assert table["onchip_kind"].tolist()[:2] == ["none", "sram"]
    assert table["weight_link"].tolist()[:2] == ["dram", "usb3"]
    assert table["batch_reuse"].tolist()[:2] == [False, False]
    assert table["array_rows"].tolist()[0] == 16
    last = table.iloc[2]
    assert all(pd.isna(last[c]) for c in COLUMNS[1:-1])
    assert str(table["array_rows"].dtype) == "Int64" and str(table["batch_reuse"].dtype) == "boolean"


def test_every_bad_value_is_reported_with_file_line_column_and_value(tmp_path):
    body = (
        "ZCU105-DPU,0,none,dram,,false,,,s\n"  # 2 unknown platform
        "EdgeTPU-fast,8,sram,usb3,0.5,false,,,s\n"  # 3 spelling with an op mode
        "ZCU104-DPU,abc,none,dram,,false,,,s\n"  # 4 not a number
        "ZCU104-FINN,-1,bram_uram,dram,,true,,,s\n"  # 5 negative
        "TX2,0.5,l2cache,dram,,true,,,s\n"  # 6 unknown kind
        "NCS2,2.5,cmx,usb,,maybe,,,s\n"  # 7 unknown link, not a boolean
    )
    got = problems_of(tmp_path, body)
    assert {(ln, col, val) for _, ln, col, val, _ in got} == {
        (2, "platform", "ZCU105-DPU"),
        (3, "platform", "EdgeTPU-fast"),
        (4, "onchip_weight_mb", "abc"),
        (5, "onchip_weight_mb", "-1"),
        (6, "onchip_kind", "l2cache"),
        (7, "weight_link", "usb"),
        (7, "batch_reuse", "maybe"),
    }
    assert {f for f, *_ in got} == {TABLE}
    messages = {(ln, col): msg for _, ln, col, _, msg in got}
    assert messages[(2, "platform")] == "unknown platform name"
    assert "op mode 'fast'" in messages[(3, "platform")]
    assert messages[(4, "onchip_weight_mb")] == "is not a number"
    assert messages[(5, "onchip_weight_mb")].startswith("out of range")
    assert messages[(7, "batch_reuse")] == "is not true or false"


NOT_A_CHANNEL_COUNT = "out of range: must be a whole number, must be at least 1, must be at most 65536"
NO_LINK_BANDWIDTH = "a host link needs its bandwidth (only dram falls back to the catalogue)"


def test_inconsistent_and_out_of_range_values_are_reported(tmp_path):
    body = (
        "ZCU104-DPU,1,none,dram,,false,16,,s\n"  # 2 none with 1 MB; rows without cols
        "ZCU104-FINN,0,bram_uram,dram,,true,2.5,2,s\n"  # 3 kind with 0 MB; non-integer rows
        "EdgeTPU,8,,usb3,,false,,,s\n"  # 4 size without kind; link without bandwidth
        "TX2,,l2_cache,,59.7,true,0,4,s\n"  # 5 kind without size; bandwidth without link; rows 0
        "NCS2,2.5,cmx,dram,0,false,,,\n"  # 6 bandwidth 0; empty source
        "ncs2,2.5,cmx,dram,,false,,,s\n"  # 7 the same platform again
    )
    got = {(ln, col, msg) for _, ln, col, _, msg in problems_of(tmp_path, body)}
    assert got == {
        (2, "onchip_kind", "kind none with a positive onchip_weight_mb"),
        (2, "array_cols", "array_rows and array_cols go together"),
        (3, "onchip_kind", "a memory kind with 0 MB"),
        (3, "array_rows", NOT_A_CHANNEL_COUNT),
        (4, "onchip_kind", "onchip_weight_mb and onchip_kind go together"),
        (4, "weight_link_gbps", NO_LINK_BANDWIDTH),
        (5, "onchip_kind", "onchip_weight_mb and onchip_kind go together"),
        (5, "weight_link", "a bandwidth without its link"),
        (5, "array_rows", NOT_A_CHANNEL_COUNT),
        (6, "weight_link_gbps", "out of range: must be above 0, must be at most 10000"),
        (6, "source", "source is empty"),
        (7, "platform", "a second row for the same platform"),
    }


def test_header_problems_missing_repeated_and_per_mode_columns(tmp_path):
    got = problems_of(
        tmp_path, "TX2,0.5,l2_cache\n", header="platform,onchip_weight_mb,onchip_kind,op_mode\n"
    )
    assert {(ln, col) for _, ln, col, _, _ in got} == {
        (1, c)
        for c in [
            "weight_link",
            "weight_link_gbps",
            "batch_reuse",
            "array_rows",
            "array_cols",
            "source",
            "op_mode",
        ]
    }
    with pytest.raises(InputError, match="have the same name"):
        read(tmp_path, "TX2,,,,,,,,s,s\n", header=HEADER.rstrip("\n") + ",source\n")


# --------------------------------------------------------------------------- the join

PLATFORMS = pd.DataFrame(
    {
        "platform": pd.array(["EdgeTPU", "EdgeTPU", "ZCU104-FINN", "TX2", "NCS2"], dtype="string"),
        "op_mode": pd.array(["fast", "slow", None, "maxn", None], dtype="string"),
        "datatype": pd.array(["INT8", "INT8", "INT2", "FP16", "FP16"], dtype="string"),
        "peak_tops": [4.0, 2.0, 30.7, 1.33, 0.5],
        "bandwidth_gbps": [25.6, 25.6, 19.2, 59.7, 12.8],
        "memory_gb": [1.0, 1.0, 4.0, 8.0, 2.0],
        "power_w": [2.0, 2.0, np.nan, 15.0, 1.0],
        "source": pd.array(["c"] * 5, dtype="string"),
    }
)
BODY = (
    "EdgeTPU,8,sram,usb3,0.5,false,,,coral\n"
    "ZCU104-FINN,4.97664,bram_uram,,,true,,,ds891\n"
    "TX2,0.524288,l2_cache,dram,50,,,,cuda\n"
    "ZCU104-DPU,0,none,dram,,false,16,16,pg338\n"
)  # a platform the rows do not have


def test_join_applies_documented_defaults_and_notes_each(tmp_path):
    before = PLATFORMS.copy()
    table = read(tmp_path, BODY)
    table_before = table.copy()
    frame, notes = architecture.architecture_for(PLATFORMS, table)
    pd.testing.assert_frame_equal(PLATFORMS, before)
    pd.testing.assert_frame_equal(table, table_before)
    expected = PLATFORMS.assign(
        onchip_weight_mb=[8.0, 8.0, 4.97664, 0.524288, 0.0],
        onchip_kind=pd.array(["sram", "sram", "bram_uram", "l2_cache", "none"], dtype="string"),
        weight_link=pd.array(["usb3", "usb3", "dram", "dram", "dram"], dtype="string"),
        weight_link_gbps=[0.5, 0.5, 19.2, 50.0, 12.8],
        is_host_link=[True, True, False, False, False],
        batch_reuse=[False, False, True, True, True],
        array_rows=np.array([1, 1, 1, 1, 1], dtype="int64"),
        array_cols=np.array([1, 1, 1, 1, 1], dtype="int64"),
        architecture_source=pd.array(
            ["coral", "coral", "ds891", "cuda", architecture.NO_ROW], dtype="string"
        ),
    )
    pd.testing.assert_frame_equal(frame, expected)
    assert notes == [
        "EdgeTPU: no array shape: no rounding",
        "ZCU104-FINN: weights stream from dram",
        "ZCU104-FINN: the dram link runs at the catalogue's bandwidth_gbps (19.2 GB/s)",
        "ZCU104-FINN: no array shape: no rounding",
        "TX2: batch reuse: a batch runs layer by layer",
        "TX2: no array shape: no rounding",
        f"NCS2: {architecture.NO_ROW}",
        "NCS2: 0 MB on chip: every weight streams over the weight link",
        "NCS2: weights stream from dram",
        "NCS2: the dram link runs at the catalogue's bandwidth_gbps (12.8 GB/s)",
        "NCS2: batch reuse: a batch runs layer by layer",
        "NCS2: no array shape: no rounding",
    ]
    assert [c.name for c in architecture.JOINED] == list(frame.columns[len(PLATFORMS.columns) :])


def test_join_keeps_the_array_shape_and_each_rows_own_dram_bandwidth(tmp_path):
    rows = pd.DataFrame(
        {
            "platform": ["ZCU104-DPU", "ZCU104-DPU"],
            "op_mode": [None, None],
            "datatype": ["INT8", "INT4"],
            "bandwidth_gbps": [19.2, 10.0],
        }
    )
    frame, notes = architecture.architecture_for(rows, read(tmp_path, BODY))
    assert frame[["array_rows", "array_cols"]].to_numpy().tolist() == [[16, 16], [16, 16]]
    assert frame["weight_link_gbps"].tolist() == [19.2, 10.0]
    assert notes == [("ZCU104-DPU: the dram link runs at the catalogue's bandwidth_gbps (19.2, 10 GB/s)")]


def test_join_needs_the_platform_columns(tmp_path):
    with pytest.raises(RuntimeError, match="bandwidth_gbps"):
        architecture.architecture_for(PLATFORMS.drop(columns="bandwidth_gbps"), read(tmp_path, BODY))
