"""The readers on tiny hand-written files in the original QuTiBench formats.

Every fixture is written as text into pytest's ``tmp_path``; its lines copy the layout of
the original files (two header rows, ``na`` / ``nm`` markers, ragged power traces, the
leading space of ``" level"``, the quoted ``config`` cells of the per-run logs). Expected
values are written out by hand next to each fixture line.
"""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from helpers import records, write
from qutiflow.errors import InputError
from qutiflow.io import LINE
from qutiflow.readers import measurements
from qutiflow.readers.measurements import TEXT_COLUMNS, read_measurement_file
from qutiflow.readers.platforms import read_platforms
from qutiflow.readers.power_traces import read_power_trace
from qutiflow.readers.topologies import read_topologies


def read_measurements(path: str, name: str) -> tuple[pd.DataFrame, list[str]]:
    """``read_measurement_file``, with a fresh 0..n-1 index."""
    frame, notes = read_measurement_file(path, name)
    labels = frame.attrs["labels"]
    frame = frame.reset_index(drop=True)
    frame.attrs["labels"] = labels
    return frame, notes


def read_in_chunks(path: str, name: str, chunk_rows: int) -> pd.DataFrame:
    """``iter_measurement_file`` in chunks of ``chunk_rows`` lines, glued together."""
    chunks, _ = measurements.iter_measurement_file(path, name, chunk_rows=chunk_rows)
    chunks = list(chunks)
    assert all(c.attrs["labels"] == chunks[0].attrs["labels"] for c in chunks)
    frame = pd.concat(chunks, ignore_index=True)
    frame.attrs["labels"] = chunks[0].attrs["labels"]
    return frame


def nan_equal(a, b) -> bool:
    """Equal values, or both missing (NaN / None / <NA>)."""
    if pd.isna(a) or pd.isna(b):
        return bool(pd.isna(a) and pd.isna(b))
    return a == pytest.approx(b, rel=1e-12)


# --------------------------------------------------------------- hardware_platforms.csv

HARDWARE = (
    "Hardware Platforms,INT2,INT4,INT8,FP16,FP32,Memory Bandwidth,Memory Capacity,Power\n"
    ",[TOP/sec],[TOP/sec],[TOP/sec],[TOP/sec],[TOP/sec],[GBps],[GB],[Watt]\n"
    "Ultra96-DPU,na,na,0.96,na,na,4.26,2,na\n"                          # line 3
    "TX2 - maxn,na,NA,n/a,1.33,0.67,59.7,8,15\n"                        # line 4
    "EdgeTPU-slow,na,na,2,na,na,25.6,1,2\n"                             # line 5
    "NCS (MyriadX),na,na,1,0.5,na,12.8,2,1\n"                           # line 6
    "U96-Quadcore A53-INT8,0.192,0.192,0.192,na,na,4.26,2,na\n"         # line 7
)

PLATFORM_COLUMNS = ["platform", "op_mode", "datatype", "peak_tops", "bandwidth_gbps",
                    "memory_gb", "power_w", "source"]

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
    modes = {(p, None if pd.isna(m) else m)
             for p, m in zip(table["platform"], table["op_mode"])}
    assert modes == {("Ultra96-DPU", None), ("TX2", "maxn"), ("EdgeTPU", "slow"),
                     ("NCS2", None), ("U96-Quadcore-A53", None)}


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


# --------------------------------------------------------------------- topology tables

ACCURACY = (
    " ,INT2,INT4,INT8,FP16,FP32\n"
    "  ,top1 (top5) [%],top1 (top5) [%],top1 (top5) [%],top1 (top5) [%],top1 (top5) [%]\n"
    "GoogLeNetv1 100,nm,nm,69.24 (88.45),66.93 (87.83),nm\n"      # line 3
    "EfficientNet-S 100,nm,nm,77,nm,nm\n"                           # line 4
    "ResNet-50 80,nm,nm,73.30 (91.40),nm,nm\n"                      # line 5
    "ResNet-50 30,nm,nm,68.83 ( 90.16),nm,nm\n"                     # line 6
    "CNV 12.5,73.64,75.85,nm,77.82,nm\n"                            # line 7
    "MLP 50,nm,nm,nm,nm,nm\n"                                       # line 8: no model
)
#: rows in another order than the accuracy table, so that the join is exercised
REQUIREMENTS = (
    " ,Total OPs,Total Model Size,OI (INT2),OI (INT4),OI (INT8),OI (FP16),OI (FP32)\n"
    "  ,GOPs,[ME],[Ops/Byte],[Ops/Byte],[Ops/Byte],[Ops/Byte],[Ops/Byte]\n"
    "CNV 12.5%,0.01,0.1,332.61,166.3,83.15,41.58,20.79\n"                     # line 3
    "ResNet-50 30%,2.5,10.1,970.16,485.08,242.54,121.27,60.64\n"              # line 4
    "ResNet-50 80%,6.5,23.7,1086.59,543.3,271.65,135.82,67.91\n"              # line 5
    "GoogLeNetv1 100%,3.1,6,2093.97,1046.99,523.49,261.75,130.87\n"           # line 6
    "EfficientNet-S 100%,4.7,5.4,3481.48,1740.74,870.37,435.18,217.59\n"      # line 7
    "MLP 50%,0.00582,2.91,8,4,2,1,0.5\n"                                      # line 8
)
ACC, REQ = "cnn_topologies_accuracy.csv", "cnn_topologies_compute_memory_requirements.csv"

TOPOLOGY_COLUMNS = ["topology", "pruning_pct", "datatype", "gop_per_inference", "params_m",
                    "top1_pct", "top5_pct", "intensity_reported_opb", "source"]

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


def original_topologies(tmp_path: Path, vocab, accuracy: str = ACCURACY,
                        requirements: str = REQUIREMENTS) -> pd.DataFrame:
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
    requirements = REQUIREMENTS.replace("ResNet-50 80%,6.5,23.7,1086.59,543.3,271.65,135.82,67.91\n",
                                        "")
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
    "CNV,12.50%,W2A2,,0.097712,73.64,,FINN paper\n"              # line 2
    "resnet50,30,int8,2.45,10.1,68.83,90.16,QuTiBench\n"          # line 3
    "GoogLeNet V1,100,FP16,,5.98,66.93,87.83,model zoo\n"         # line 4
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
    path = write(tmp_path, "topologies.csv",
                 TIDY_TOPOLOGIES + "GoogLeNetv1,100%,fp16,,5.98,66.9,,again\n")  # line 5
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


# ------------------------------------------------------------------------ power traces

TRACE = (
    "goo_volt,fast_goo_amp,fast_mob_volt,fast_mob_amp,Idle,fast_r15_volt,fast_r15_amp\n"
    "5.00,0.200,4.00,0.250,0.79442,5.10,0.100\n"    # line 2, sample 0
    "5.00,0.300,,,0.80,5.20,0.050\n"                # line 3, sample 1
    ",,,,,5.00,0.010\n"                             # line 4, sample 2 (only r15 left)
)

#: power = volt x amp, by hand; Idle is already a power
TRACE_EXPECTED = [
    # series, sample, time_s, voltage_v, current_a, power_w, source_line
    ["GoogLeNetv1", 0, 0.0, 5.00, 0.200, 1.00, 2],     # 5.00 x 0.200
    ["GoogLeNetv1", 1, 1.0, 5.00, 0.300, 1.50, 3],     # 5.00 x 0.300
    ["MobileNetv1", 0, 0.0, 4.00, 0.250, 1.00, 2],     # 4.00 x 0.250
    ["ResNet-50v15", 0, 0.0, 5.10, 0.100, 0.51, 2],    # 5.10 x 0.100
    ["ResNet-50v15", 1, 1.0, 5.20, 0.050, 0.26, 3],    # 5.20 x 0.050
    ["ResNet-50v15", 2, 2.0, 5.00, 0.010, 0.05, 4],    # 5.00 x 0.010
    ["idle", 0, 0.0, None, None, 0.79442, 2],
    ["idle", 1, 1.0, None, None, 0.80, 3],
]


def test_ragged_power_trace_long_table(tmp_path, vocab):
    path = write(tmp_path, "power/power_measur_fast.csv", TRACE)
    table = read_power_trace(path, "power/power_measur_fast.csv", vocab, platform="EdgeTPU")
    got = records(table, ["series", "sample", "time_s", "voltage_v", "current_a", "power_w",
                          "source_line"])
    assert len(got) == len(TRACE_EXPECTED)
    for g, e in zip(got, TRACE_EXPECTED):
        assert g[:3] == e[:3] and g[6] == e[6]
        assert all(nan_equal(a, b) for a, b in zip(g[3:6], e[3:6])), (g, e)
    assert set(table["platform"]) == {"EdgeTPU"}
    assert set(table["op_mode"]) == {"fast"}
    assert set(table["source_file"]) == {"power/power_measur_fast.csv"}


def test_power_trace_series_names_are_canonical(tmp_path, vocab):
    path = write(tmp_path, "power_measur_fast.csv", TRACE)
    table = read_power_trace(path, "power_measur_fast.csv", vocab, platform="EdgeTPU")
    assert list(dict.fromkeys(table["series"])) == ["GoogLeNetv1", "MobileNetv1",
                                                    "ResNet-50v15", "idle"]
    counts = table.groupby("series").size().to_dict()
    assert counts == {"GoogLeNetv1": 2, "MobileNetv1": 1, "ResNet-50v15": 3, "idle": 2}


def test_power_trace_slow_mode(tmp_path, vocab):
    text = "goo_volt,slow_goo_amp,Idle\n5.0,0.1,0.7\n"
    path = write(tmp_path, "power_measur_slow.csv", text)
    table = read_power_trace(path, "power_measur_slow.csv", vocab, platform="EdgeTPU")
    assert set(table["op_mode"]) == {"slow"}
    assert table["power_w"].tolist() == pytest.approx([0.5, 0.7])  # 5.0 x 0.1; idle 0.7


def test_power_trace_two_mode_prefixes_is_an_error(tmp_path, vocab):
    text = "fast_goo_volt,slow_goo_amp\n5.0,0.1\n"
    path = write(tmp_path, "trace.csv", text)
    with pytest.raises(InputError) as info:
        read_power_trace(path, "trace.csv", vocab, platform="EdgeTPU")
    [p] = info.value.problems
    assert (p.line, p.value) == (1, "fast,slow")
    assert "exactly one op-mode prefix" in p.message


def test_power_trace_unknown_network_is_an_error(tmp_path, vocab):
    text = "goo_volt,fast_goo_amp,fast_xyz_volt,fast_xyz_amp\n5.0,0.1,5.0,0.2\n"
    path = write(tmp_path, "trace.csv", text)
    with pytest.raises(InputError) as info:
        read_power_trace(path, "trace.csv", vocab, platform="EdgeTPU")
    [p] = info.value.problems
    assert (p.file, p.line, p.column, p.value) == ("trace.csv", 1, "xyz_volt/amp", "xyz")


def test_power_trace_unknown_mode_prefix_is_an_error(tmp_path, vocab):
    text = "goo_volt,turbo_goo_amp\n5.0,0.1\n"
    path = write(tmp_path, "trace.csv", text)
    with pytest.raises(InputError):
        read_power_trace(path, "trace.csv", vocab, platform="EdgeTPU")


def test_power_trace_voltage_without_current_is_an_error(tmp_path, vocab):
    text = "goo_volt,fast_goo_amp\n5.0,0.1\n5.0,\n"  # line 3: a voltage with no current
    path = write(tmp_path, "trace.csv", text)
    with pytest.raises(InputError) as info:
        read_power_trace(path, "trace.csv", vocab, platform="EdgeTPU")
    assert [p.line for p in info.value.problems] == [3]


# ----------------------------------------------------------------- measurement files

MASTER_HEADER = ("NN_Topology,HWType,Datatype,Op mode,batch/thread/stream,lat-sys,lat-comp,"
                 "fps-system,fps-comp,tp-system,tp-comp,top1 [%],top5 [%],Base_Pwr_W,"
                 "Idle_Pwr_W,Full_Pwr_W,GOPS,PruningFactor, level,hw_peak_perf,hw_bandwidth,"
                 "nn_total_operations\n")
MASTER = MASTER_HEADER + (
    # line 2: a full EdgeTPU row
    "EfficientNet-S,EdgeTPU,INT8,fast,1,49.99852,4.9963,20.001,200.148,83.40417,834.61716,"
    "77.622837,93.766004,0.8096,0.8096,1.99899,4.7,100%,l3,4,25.6,4.7\n"
    # line 3: a placeholder with a thousands separator in lat-sys
    'ResNet-50,TX2,FP16,maxn,2,"1,234.82",,,,,,,,,,,,30.00%,l3,1.33,59.7,2.5\n'
    # line 4: no op mode, pruning 12.50%
    "CNV,NCS2,FP16,,8,,3.5,,2285.7,,,,,,,,,12.50%,l3,0.5,12.8,0.01\n"
)

MASTER_EXPECTED = {
    "topology": ["EfficientNet-S", "ResNet-50", "CNV"],
    "platform": ["EdgeTPU", "TX2", "NCS2"],
    "op_mode": ["fast", "maxn", ""],
    "datatype": ["INT8", "FP16", "FP16"],
    "pruning": ["100%", "30.00%", "12.50%"],
    "batch": ["1", "2", "8"],
    "latency_system_ms": ["49.99852", "1,234.82", ""],
    "latency_compute_ms": ["4.9963", "", "3.5"],
    "throughput_system_fps": ["20.001", "", ""],
    "throughput_compute_fps": ["200.148", "", "2285.7"],
    "top1_pct": ["77.622837", "", ""],
    "top5_pct": ["93.766004", "", ""],
    "power_base_w": ["0.8096", "", ""],
    "power_idle_w": ["0.8096", "", ""],
    "power_full_w": ["1.99899", "", ""],
    "gop_per_batch_reported": ["4.7", "", ""],
    "top1_source": ["", "", ""],
    LINE: [2, 3, 4],
}


def test_master_table_text_cells_under_library_names(tmp_path):
    path = write(tmp_path, "measurements/backup.csv", MASTER)
    frame, notes = read_measurements(path, "measurements/backup.csv")
    assert list(frame.columns) == TEXT_COLUMNS + [LINE]
    assert {c: frame[c].tolist() for c in frame.columns} == MASTER_EXPECTED
    # " level" (leading space), tp-* and the three hardware/ops columns are read past quietly
    assert notes == []


@pytest.mark.parametrize("chunk_rows", [1, 2, 3])
def test_master_table_in_chunks_gives_the_same_rows_and_lines(tmp_path, chunk_rows):
    if not hasattr(measurements, "iter_measurement_file"):
        pytest.skip("no chunked measurement reader")
    text = ("NN_Topology,HWType,Datatype,Op mode,batch/thread/stream,lat-sys,lat-comp,"
            "PruningFactor, level\n"
            "CNV,TX2,FP16,maxn,1,1.0,0.5,25%,l3\n"             # line 2
            "\n"                                               # line 3: blank
            'CNV,TX2,FP16,maxn,2,"1,234.82",0.6,25%,l3\n'      # line 4
            'MLP,TX2,FP32,maxq,4,"2\n000.5",0.7,50%,l3\n'     # lines 5-6: quoted line break
            "MLP,TX2,FP32,maxq,8,,0.8,50%,l3\n"                # line 7
            "MLP,NCS2,FP16,,16,,0.9,100%,l3\n")                # line 8
    path = write(tmp_path, "m.csv", text)
    whole, _ = read_measurements(path, "m.csv")
    chunked = read_in_chunks(path, "m.csv", chunk_rows)
    for frame in (whole, chunked):
        assert frame[LINE].tolist() == [2, 4, 5, 7, 8]
        assert frame["batch"].tolist() == ["1", "2", "4", "8", "16"]
        assert frame["latency_system_ms"].tolist() == ["1.0", "1,234.82", "2\n000.5", "", ""]
    assert chunked.equals(whole)


def test_master_table_labels_are_the_files_own_headers(tmp_path):
    path = write(tmp_path, "measurements/backup.csv", MASTER)
    frame, _ = read_measurements(path, "measurements/backup.csv")
    labels = frame.attrs["labels"]
    assert (labels["latency_compute_ms"], labels["pruning"], labels["top1_pct"],
            labels["gop_per_batch_reported"], labels["op_mode"]) == (
        "lat-comp", "PruningFactor", "top1 [%]", "GOPS", "Op mode")


def test_master_table_unknown_column_is_noted_not_read(tmp_path):
    text = MASTER.replace("nn_total_operations\n", "nn_total_operations,comment\n", 1)
    path = write(tmp_path, "m.csv", text)
    frame, notes = read_measurements(path, "m.csv")
    assert notes == ["m.csv: column 'comment' is not part of the layout and was not read"]
    assert len(frame) == 3


def test_community_template_names_map_to_the_same_columns(tmp_path):
    text = ("NN_Topology,HWType,Precision,Op mode,batch/thread/stream,lat-comp,top1,"
            "BasePWR [W],IdlePWR [W],FullPwr [W],PruningFactor\n"
            "MLP,TX2,FP32,maxq,16,0.9,97.3,1.1,1.2,3.4,25%\n")
    path = write(tmp_path, "template.csv", text)
    frame, notes = read_measurements(path, "template.csv")
    r = frame.iloc[0]
    assert (r["datatype"], r["top1_pct"], r["power_base_w"], r["power_idle_w"],
            r["power_full_w"], r["pruning"]) == ("FP32", "97.3", "1.1", "1.2", "3.4", "25%")
    assert notes == []


RUN_LOG = (
    "config,lat-system,lat-comp,fps-system,fps-comp,tp-system,tp-comp,chip,model,net,"
    "pruning,batch_size,quantization\n"
    '"maxn,FP16,b4",1.43038,0.445125,2737.97,10473.3,30.4708,116.558,GPU,TX2,cnv,s0.25,4,FP16\n'
    '"FP16,b1",3.50242,1.95433,285.517,511.684,12.2038,21.8709,GPU,MYRIAD,cnv,s0.5,1,FP16\n'
)


def test_per_run_log_config_cell_gives_op_mode_and_batch(tmp_path):
    path = write(tmp_path, "measurements/l3_GPU_perf_cnv.csv", RUN_LOG)
    frame, notes = read_measurements(path, "measurements/l3_GPU_perf_cnv.csv")
    assert list(frame.columns) == TEXT_COLUMNS + [LINE]
    got = frame[["topology", "platform", "op_mode", "datatype", "pruning", "batch",
                 "latency_system_ms", "latency_compute_ms", "throughput_system_fps",
                 "throughput_compute_fps", LINE]].values.tolist()
    assert got == [
        ["cnv", "TX2", "maxn", "FP16", "s0.25", "4", "1.43038", "0.445125", "2737.97",
         "10473.3", 2],                                     # "maxn,FP16,b4"
        ["cnv", "MYRIAD", "", "FP16", "s0.5", "1", "3.50242", "1.95433", "285.517",
         "511.684", 3],                                     # "FP16,b1": no op mode
    ]
    # columns the per-run log does not have are empty text
    assert set(frame["top1_pct"]) == {""} and set(frame["gop_per_batch_reported"]) == {""}
    assert notes == []
    assert frame.attrs["labels"]["batch"] == "config"
    assert frame.attrs["labels"]["latency_compute_ms"] == "lat-comp"
    assert frame.attrs["labels"]["platform"] == "model"


def test_finn_run_log_with_bare_batch_number(tmp_path):
    text = ("config,lat-comp-per-image,lat-comp,fps-comp,tp-comp,chip,model,net,pruning,"
            "batch_size,quantization\n"
            '"W2A2,1",0.27,0.27,3703.704,,FPGA,FINN,cnv,W2A2,,W2A2\n'          # line 2
            '"W2A2,2",0.183,0.366,5449.59,,FPGA,FINN,cnv,W2A2,,W2A2\n')       # line 3
    path = write(tmp_path, "l3_FPGA_FINN_perf_cnv-W2A2.csv", text)
    frame, notes = read_measurements(path, "l3_FPGA_FINN_perf_cnv-W2A2.csv")
    got = frame[["platform", "op_mode", "datatype", "pruning", "batch", "latency_system_ms",
                 "latency_compute_ms", "throughput_compute_fps", LINE]].values.tolist()
    assert got == [["FINN", "", "W2A2", "W2A2", "1", "", "0.27", "3703.704", 2],
                   ["FINN", "", "W2A2", "W2A2", "2", "", "0.366", "5449.59", 3]]
    assert notes == []


def test_per_run_log_unknown_column_is_noted(tmp_path):
    text = RUN_LOG.replace("quantization\n", "quantization,host\n", 1)
    text = text.replace(",FP16\n", ",FP16,\n")
    path = write(tmp_path, "l3.csv", text)
    _, notes = read_measurements(path, "l3.csv")
    assert notes == ["l3.csv: column 'host' is not part of the per-run log layout and was "
                     "not read"]


def test_per_run_log_missing_required_column(tmp_path):
    text = RUN_LOG.replace("lat-comp,", "lat-kompute,", 1)
    path = write(tmp_path, "l3.csv", text)
    with pytest.raises(InputError) as info:
        read_measurements(path, "l3.csv")
    [p] = info.value.problems
    assert (p.file, p.line, p.column, p.message) == ("l3.csv", 1, "lat-comp",
                                                     "required column is missing")
