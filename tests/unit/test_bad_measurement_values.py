"""Bad values in measurement files: numbers, ranges, names, op counts, op modes, per-run
logs; and a valid file read row by row.

Every test builds tiny CSV files in pytest's ``tmp_path`` and runs the entry script
``validate_measurements.main`` on them with the real reference tables under ``config/``
(tests/unit/measurement_files.py). Bad input must raise :class:`qutiflow.errors.InputError`
whose problems point at the file (relative to ``raw_data``), the physical line (header = 1),
the file's own column label and the offending text, with a fix a person can act on.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from qutiflow import io, schemas
from qutiflow.errors import InputError

from .measurement_files import NAME, RUN_LOG_HEADER, master, problems_of, row, the_problem, validate, write


def test_non_numeric_value(tmp_path):
    path = master(tmp_path, [row(), row(lat_comp="abc")])
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == (NAME, 3, "lat-comp", "abc")
    assert p.message == "is not a number"
    assert p.fix == "write a positive number of milliseconds"


@pytest.mark.parametrize("value", ["-1.5", "0"])
def test_negative_or_zero_latency(tmp_path, value):
    path = master(tmp_path, [row(lat_sys=value)])
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == (NAME, 2, "lat-sys", value)
    assert p.message == "out of range: must be above 0"
    assert "positive number of milliseconds" in p.fix


def test_percentage_above_100(tmp_path):
    path = master(tmp_path, [row(), row(), row(top1="101", top5="99.5")])
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == (NAME, 4, "top1 [%]", "101")
    assert "must be at most 100" in p.message
    assert p.fix == "write a percentage from 0 to 100"


def test_fractional_batch(tmp_path):
    path = master(tmp_path, [row(batch="2.5")])
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == (NAME, 2, "batch/thread/stream", "2.5")
    assert "whole number" in p.message
    assert p.fix == "write a whole number of at least 1"


def test_unknown_platform_lists_the_nearest_known_names(tmp_path):
    path = master(tmp_path, [row(), row(HWType="ZCU106-DPU", Datatype="INT8", op_mode="")])
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == (NAME, 3, "HWType", "ZCU106-DPU")
    assert p.message == "unknown platform name"
    nearest = p.fix.split("nearest known: ")[1].split(";")[0].split(", ")
    assert "ZCU104-DPU" in nearest and "ZCU102-DPU" in nearest
    assert "platform,ZCU106-DPU,<canonical id>" in p.fix and "aliases.csv" in p.fix


def test_several_problems_in_one_file_are_reported_together(tmp_path):
    path = master(
        tmp_path,
        [
            row(),  # line 2: fine
            row(lat_comp="abc"),  # line 3
            row(HWType="ZCU106-DPU", op_mode=""),  # line 4
            row(batch="2.5"),  # line 5
            row(top1="101"),  # line 6
            row(lat_sys="-3"),  # line 7
            row(lat_comp="n/a", batch="0"),  # line 8: two problems on one line
        ],
    )
    with pytest.raises(InputError) as info:
        validate(tmp_path, path)
    err = info.value
    got = {(p.line, p.column, p.value) for p in err.problems}
    assert got == {
        (3, "lat-comp", "abc"),
        (4, "HWType", "ZCU106-DPU"),
        (5, "batch/thread/stream", "2.5"),
        (6, "top1 [%]", "101"),
        (7, "lat-sys", "-3"),
        (8, "lat-comp", "n/a"),
        (8, "batch/thread/stream", "0"),
    }
    assert len(err.problems) == 7
    assert all(p.file == NAME for p in err.problems)
    text = str(err)
    assert text.startswith("7 input problems:")
    for line in (3, 4, 5, 6, 7, 8):
        assert f"line {line}: " in text
    for value in ("'abc'", "'ZCU106-DPU'", "'2.5'", "'101'", "'-3'", "'n/a'", "'0'"):
        assert value in text
    assert "line 2" not in text


def test_topology_and_pruning_without_op_count(tmp_path):
    path = master(tmp_path, [row(), row(PruningFactor="37.5%"), row(PruningFactor="37.5")])
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.value) == (NAME, 3, "CNV at 37.5 %")
    assert "no operation count" in p.message
    assert "config/op_counts.csv" in p.fix
    assert "'CNV,37.5,<GOP per inference>,<source>'" in p.fix


def test_reported_gops_make_the_op_count_unnecessary(tmp_path):
    path = master(tmp_path, [row(PruningFactor="37.5%", GOPS="0.27")])
    table = io.read_parquet(validate(tmp_path, path))
    assert table["pruning_pct"].tolist() == [37.5]
    assert table["gop_per_batch_reported"].tolist() == [0.27]


def test_missing_op_count_names_the_files_own_column(tmp_path):
    path = master(tmp_path, [row(PruningFactor="37.5%")])
    p = the_problem(problems_of(tmp_path, path))
    assert p.column == "NN_Topology"


def test_valid_small_file_row_by_row(tmp_path):
    path = master(
        tmp_path,
        [
            # line 2: TX2 + Op mode maxn; quoted thousands separator; pruning with a % sign
            row(
                lat_sys="1,234.82",
                PruningFactor="12.50%",
                top1="80.5",
                top5="98.25%",
                Base_Pwr_W="3",
                Idle_Pwr_W="2.5",
                Full_Pwr_W="7.25",
            ),
            # line 3: op mode carried by the platform name, Op mode empty
            row(HWType="TX2-maxq", op_mode="", batch="1", PruningFactor="100%"),
            # line 4: an old spelling of the same stick; no op mode at all
            row(HWType="NCS", op_mode="", batch="2", PruningFactor="50"),
            # line 5: case-insensitive platform; FINN datatype spelling; own GOPS; no fps
            row(
                HWType="ZCU104-Bismo",
                op_mode="",
                Datatype="W2A2",
                batch="8",
                lat_sys="",
                lat_comp="0.3",
                **{"fps-system": "", "fps-comp": ""},
                GOPS="0.9",
                PruningFactor="50%",
            ),
            # line 6: a placeholder (no compute latency): checked, then dropped
            row(HWType="NCS2", op_mode="", lat_sys="", lat_comp="", **{"fps-system": "", "fps-comp": ""}),
            # line 7: white space around cells; a blank line follows, then line 9
            row(
                NN_Topology=" cnv ",
                HWType=" TX2 ",
                op_mode=" maxp ",
                batch=" 16 ",
                lat_comp=" 2.5 ",
                PruningFactor=" 25 % ",
            ),
        ],
    )
    text = path.read_text()
    lines = text.splitlines()
    lines.insert(7, "")  # physical line 8 is blank
    lines.append(",".join(row(HWType="Jetson TX2", op_mode="maxn", batch="1")))  # line 9
    path.write_text("\n".join(lines) + "\n")

    table = io.read_parquet(validate(tmp_path, path))
    assert list(table.columns) == [c.name for c in schemas.VALIDATED_MEASUREMENTS]
    expected = [
        # platform, op_mode, batch, pruning, lat-sys, lat-comp, line
        ("TX2", "maxn", "FP16", 4, 12.5, 1234.82, 0.595875, 2),
        ("TX2", "maxq", "FP16", 1, 100.0, 1.64865, 0.595875, 3),
        ("NCS2", None, "FP16", 2, 50.0, 1.64865, 0.595875, 4),
        ("ZCU104-BISMO", None, "INT2", 8, 50.0, None, 0.3, 5),
        ("TX2", "maxp", "FP16", 16, 25.0, 1.64865, 2.5, 7),
        ("TX2", "maxn", "FP16", 1, 25.0, 1.64865, 0.595875, 9),
    ]
    assert len(table) == len(expected)

    def opt(v):
        return None if pd.isna(v) else v

    for (_, r), (plat, mode, dtype, batch, prun, lat_sys, lat_comp, line) in zip(table.iterrows(), expected):
        assert r["topology"] == "CNV" and r["task"] == "cifar10"
        assert r["platform"] == plat
        assert opt(r["op_mode"]) == mode
        assert r["datatype"] == dtype
        assert r["batch"] == batch
        assert r["pruning_pct"] == prun
        assert opt(r["latency_system_ms"]) == lat_sys
        assert opt(r["latency_compute_ms"]) == lat_comp
        assert r["source_file"] == NAME
        assert r["source_line"] == line

    first = table.iloc[0]
    assert (first["top1_pct"], first["top5_pct"]) == (80.5, 98.25)
    assert (first["power_base_w"], first["power_idle_w"], first["power_full_w"]) == (3.0, 2.5, 7.25)
    assert (first["throughput_system_fps"], first["throughput_compute_fps"]) == (2461.54, 7010.72)
    assert math.isnan(first["gop_per_batch_reported"])
    assert table.iloc[3]["gop_per_batch_reported"] == 0.9
    assert math.isnan(table.iloc[3]["throughput_compute_fps"])
    assert table["top1_pct"].isna().sum() == 5


def test_contradicting_op_modes(tmp_path):
    path = master(tmp_path, [row(), row(HWType="TX2-maxn", op_mode="maxq")])
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == (NAME, 3, "Op mode", "maxq")
    assert "contradicts" in p.message and "'TX2-maxn'" in p.message
    assert "leave the op mode empty or make the two agree" == p.fix


def test_agreeing_op_modes_are_fine(tmp_path):
    path = master(tmp_path, [row(HWType="TX2-maxq", op_mode="MAXQ")])
    table = io.read_parquet(validate(tmp_path, path))
    assert (table.at[0, "platform"], table.at[0, "op_mode"]) == ("TX2", "maxq")


def test_per_run_log(tmp_path):
    text = (
        RUN_LOG_HEADER + "\n"
        '"maxn,FP16,b4",1.64865,0.595875,2461.54,7010.72,105.214,299.659,'
        "GPU,TX2,cnv,s0.5,4,FP16\n"
    )
    path = write(tmp_path, text, "logs/l3_GPU_TX2_perf_cnv-s0.5.csv")
    table = io.read_parquet(validate(tmp_path, path))
    assert len(table) == 1
    r = table.iloc[0]
    assert (r["platform"], r["op_mode"], r["batch"]) == ("TX2", "maxn", 4)
    assert (r["pruning_pct"], r["topology"], r["datatype"]) == (25.0, "CNV", "FP16")
    assert r["latency_compute_ms"] == 0.595875
    assert r["latency_system_ms"] == 1.64865
    assert r["throughput_compute_fps"] == 7010.72
    assert (r["source_file"], r["source_line"]) == ("logs/l3_GPU_TX2_perf_cnv-s0.5.csv", 2)


def test_per_run_log_problem_names_its_own_column(tmp_path):
    text = (
        RUN_LOG_HEADER + "\n"
        '"maxn,FP16,b4",1.64865,0.595875,2461.54,7010.72,105.214,299.659,'
        "GPU,TX2,cnv,s0.5,4,FP16\n"
        '"maxn,FP16,b2.5",1.64865,-1,2461.54,7010.72,105.214,299.659,'
        "GPU,TX3,cnv,s0.5,4,FP16\n"
    )
    path = write(tmp_path, text, "logs/run.csv")
    problems = problems_of(tmp_path, path)
    assert {(p.file, p.line, p.column, p.value) for p in problems} == {
        ("logs/run.csv", 3, "config", "2.5"),
        ("logs/run.csv", 3, "lat-comp", "-1"),
        ("logs/run.csv", 3, "model", "TX3"),
    }
