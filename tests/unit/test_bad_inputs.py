"""One test per class of bad input: each names the exact file, line, column and value.

Every test builds tiny CSV files in pytest's ``tmp_path`` and runs the entry script
``validate_measurements.main`` (or a catalogue reader) on them with the real reference
tables under ``config/``. Bad input must raise :class:`qutiflow.errors.InputError` whose
problems point at the file (relative to ``raw_data``), the physical line (header = 1), the
file's own column label and the offending text, with a fix a person can act on.
"""
from __future__ import annotations

import math
from pathlib import Path

import helpers
import pandas as pd
import pytest
import validate_measurements
from qutiflow import io, schemas
from qutiflow.errors import InputError, Problem
from qutiflow.readers.platforms import read_platforms
from qutiflow.readers.topologies import read_topologies

REPO = Path(__file__).resolve().parents[2]
ALIASES = REPO / "config" / "aliases.csv"
TOPOLOGIES = REPO / "config" / "topologies.csv"
OP_COUNTS = REPO / "config" / "op_counts.csv"

#: the master-table layout, as in QuTiBench's backup.csv (note the leading space in " level")
HEADER = ["NN_Topology", "HWType", "Datatype", "Op mode", "batch/thread/stream", "lat-sys",
          "lat-comp", "fps-system", "fps-comp", "tp-system", "tp-comp", "top1 [%]", "top5 [%]",
          "Base_Pwr_W", "Idle_Pwr_W", "Full_Pwr_W", "GOPS", "PruningFactor", " level",
          "hw_peak_perf", "hw_bandwidth", "nn_total_operations"]

#: a valid TX2 CNV run (the numbers of a real per-run log line); tests override cells
GOOD = {"NN_Topology": "CNV", "HWType": "TX2", "Datatype": "FP16", "Op mode": "maxn",
        "batch/thread/stream": "4", "lat-sys": "1.64865", "lat-comp": "0.595875",
        "fps-system": "2461.54", "fps-comp": "7010.72", "tp-system": "105.214",
        "tp-comp": "299.659", "PruningFactor": "25%", " level": "l3"}

RUN_LOG_HEADER = ("config,lat-system,lat-comp,fps-system,fps-comp,tp-system,tp-comp,chip,"
                  "model,net,pruning,batch_size,quantization")

NAME = "measurements/m.csv"  # the file name every message must use (relative to raw_data)


# --------------------------------------------------------------------------- helpers

def row(header: list[str] = HEADER, **cells: str) -> list[str]:
    """One data row of ``header``: GOOD with ``cells`` overridden. Keys are header labels
    or the short Python names below (``lat_comp`` for "lat-comp", ``top1`` for "top1 [%]")."""
    aliases = {"level": " level", "batch": "batch/thread/stream", "op_mode": "Op mode",
               "lat_sys": "lat-sys", "lat_comp": "lat-comp", "top1": "top1 [%]",
               "top5": "top5 [%]"}
    values = dict(GOOD)
    for k, v in cells.items():
        values[aliases.get(k, k)] = v
    return [values.get(h, "") for h in header]


def csv_text(rows: list[list[str]], header: list[str] = HEADER) -> str:
    return helpers.csv_text(header, rows)


def write(tmp_path: Path, text: str | bytes, name: str = NAME) -> Path:
    return Path(helpers.write(tmp_path, name, text))


def master(tmp_path: Path, rows: list[list[str]], name: str = NAME,
           header: list[str] = HEADER) -> Path:
    return write(tmp_path, csv_text(rows, header), name)


def validate(tmp_path: Path, *files: Path) -> Path:
    """Run the validate_measurements entry point; return the output path."""
    output = tmp_path / "out.parquet"
    validate_measurements.main(
        measurements=[str(f) for f in files], aliases=str(ALIASES), topologies=str(TOPOLOGIES),
        op_counts=str(OP_COUNTS), output=str(output), raw_data=str(tmp_path))
    return output


def problems_of(tmp_path: Path, *files: Path) -> list[Problem]:
    """The problems of a run that must fail; also checks it left no output behind."""
    with pytest.raises(InputError) as info:
        validate(tmp_path, *files)
    assert not (tmp_path / "out.parquet").exists()
    return info.value.problems


def the_problem(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


# --------------------------------------------------------------- measurement files

def test_missing_required_column_is_named_with_its_header_label(tmp_path):
    header = [h for h in HEADER if h != "lat-comp"]
    path = master(tmp_path, [row(header)], header=header)
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == (NAME, 1, "lat-comp", None)
    assert p.message == "required column is missing"
    assert "'lat-comp'" in p.fix and "header" in p.fix


def test_line_with_more_fields_than_the_header(tmp_path):
    lines = csv_text([row(), row(), row()]).splitlines()
    lines[2] += ",surplus"  # physical line 3
    path = write(tmp_path, "\n".join(lines) + "\n")
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == (NAME, 3, None, None)
    assert "more fields than the header (22)" in p.message
    assert "extra commas" in p.fix and "quote" in p.fix
    assert p.where() == f"{NAME}:3"


def test_extra_fields_on_the_first_data_line_are_reported(tmp_path):
    lines = csv_text([row(), row()]).splitlines()
    lines[1] += ",surplus"  # physical line 2, one field too many
    path = write(tmp_path, "\n".join(lines) + "\n")
    problems = problems_of(tmp_path, path)
    assert [(p.file, p.line, p.message) for p in problems] == [
        (NAME, 2, "line has more fields than the header (22)")]


def test_a_trailing_empty_field_is_accepted(tmp_path):
    lines = csv_text([row(), row()]).splitlines()
    lines[1] += ","  # a trailing comma adds an empty field and loses nothing
    path = write(tmp_path, "\n".join(lines) + "\n")
    out = tmp_path / "out.parquet"
    validate_measurements.main(measurements=[str(path)], aliases=str(ALIASES),
                               topologies=str(TOPOLOGIES), op_counts=str(OP_COUNTS),
                               output=str(out), raw_data=str(tmp_path))
    assert len(io.read_parquet(out)) == 2


def test_extra_fields_line_counts_quoted_line_breaks(tmp_path):
    header = HEADER + ["comment"]
    text = csv_text([row(header, comment="first\nsecond"), row(header)], header=header)
    lines = text.splitlines()  # the first data row spans physical lines 2 and 3
    lines[3] += ",surplus"  # physical line 4
    path = write(tmp_path, "\n".join(lines) + "\n")
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line) == (NAME, 4)


def test_quoted_line_break_keeps_physical_lines_of_later_cells(tmp_path):
    header = HEADER + ["comment"]
    path = master(tmp_path, [row(header, comment="first\nsecond"), row(header, lat_comp="x")],
                  header=header)
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == (NAME, 4, "lat-comp", "x")


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


@pytest.mark.parametrize("content", [b"", b"\n\n  \r\n"], ids=["zero-bytes", "blank-lines"])
def test_empty_file(tmp_path, content):
    path = write(tmp_path, content)
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == (NAME, None, None, None)
    assert p.message == "file is empty"
    assert "comma-separated" in p.fix and "header" in p.fix


def test_binary_file_is_not_csv(tmp_path):
    path = write(tmp_path, b"PK\x03\x04\x00\x00\x08\x00binary\xff\xfe\x00", "measurements/m.xlsx")
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == ("measurements/m.xlsx", None, None, None)
    assert "not CSV" in p.message and "NUL" in p.message
    assert "comma-separated UTF-8 text" in p.fix


def test_non_utf8_text_is_not_csv(tmp_path):
    text = csv_text([row(NN_Topology="Réseau")]).encode("latin-1")
    p = the_problem(problems_of(tmp_path, write(tmp_path, text)))
    assert (p.file, p.line) == (NAME, None)
    assert p.message == "file is not UTF-8 text"


def test_text_file_with_no_known_column_is_not_a_measurement_file(tmp_path):
    path = write(tmp_path, "name,colour,size\napple,red,3\n", "measurements/fruit.csv")
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == (
        "measurements/fruit.csv", 1, None, "name,colour,size")
    assert "not a measurement file" in p.message
    assert "NN_Topology" in p.fix and "lat-comp" in p.fix and "per-run log" in p.fix


@pytest.mark.parametrize("sep", ["\t", ";"], ids=["tab", "semicolon"])
def test_other_separator_is_not_a_measurement_file(tmp_path, sep):
    path = write(tmp_path, csv_text([row()]).replace(",", sep))
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column) == (NAME, 1, None)
    assert p.value.startswith(f"NN_Topology{sep}HWType{sep}")
    assert "not a measurement file" in p.message


def test_bom_and_crlf_keep_physical_line_numbers(tmp_path):
    text = csv_text([row(), row(), row(lat_comp="abc")]).replace("\n", "\r\n")
    path = write(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8"))
    p = the_problem(problems_of(tmp_path, path))
    assert (p.file, p.line, p.column, p.value) == (NAME, 4, "lat-comp", "abc")


def test_several_problems_in_one_file_are_reported_together(tmp_path):
    path = master(tmp_path, [
        row(),                                   # line 2: fine
        row(lat_comp="abc"),                     # line 3
        row(HWType="ZCU106-DPU", op_mode=""),    # line 4
        row(batch="2.5"),                        # line 5
        row(top1="101"),                         # line 6
        row(lat_sys="-3"),                       # line 7
        row(lat_comp="n/a", batch="0"),          # line 8: two problems on one line
    ])
    with pytest.raises(InputError) as info:
        validate(tmp_path, path)
    err = info.value
    got = {(p.line, p.column, p.value) for p in err.problems}
    assert got == {(3, "lat-comp", "abc"), (4, "HWType", "ZCU106-DPU"),
                   (5, "batch/thread/stream", "2.5"), (6, "top1 [%]", "101"),
                   (7, "lat-sys", "-3"), (8, "lat-comp", "n/a"),
                   (8, "batch/thread/stream", "0")}
    assert len(err.problems) == 7
    assert all(p.file == NAME for p in err.problems)
    text = str(err)
    assert text.startswith("7 input problems:")
    for line in (3, 4, 5, 6, 7, 8):
        assert f"line {line}: " in text
    for value in ("'abc'", "'ZCU106-DPU'", "'2.5'", "'101'", "'-3'", "'n/a'", "'0'"):
        assert value in text
    assert "line 2" not in text


def test_problems_in_several_files_are_reported_together(tmp_path):
    a = master(tmp_path, [row(lat_comp="abc")], "measurements/a.csv")
    b = master(tmp_path, [row(), row(top1="101")], "measurements/b.csv")
    problems = problems_of(tmp_path, a, b)
    assert [(p.file, p.line, p.column) for p in problems] == [
        ("measurements/a.csv", 2, "lat-comp"), ("measurements/b.csv", 3, "top1 [%]")]


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


def test_no_output_is_left_behind_after_a_failure(tmp_path):
    path = master(tmp_path, [row(), row(lat_comp="abc")])
    with pytest.raises(InputError):
        validate(tmp_path, path)
    assert not (tmp_path / "out.parquet").exists()
    assert list(tmp_path.glob(".out.parquet.*")) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["measurements"]


def test_no_output_is_left_behind_when_writing_fails(tmp_path, monkeypatch):
    """A failure half-way through writing leaves neither the output nor its temporary."""
    def broken_write(table, where, **kwargs):
        Path(where).write_bytes(b"PAR1 half a file")
        raise OSError("disk full")

    monkeypatch.setattr(io.pq, "write_table", broken_write)
    path = master(tmp_path, [row()])
    with pytest.raises(OSError, match="disk full"):
        validate(tmp_path, path)
    assert not (tmp_path / "out.parquet").exists()
    assert list(tmp_path.glob(".out.parquet.*")) == []


def test_empty_measurement_set_writes_zero_rows_with_every_column(tmp_path):
    output = validate(tmp_path)
    table = io.read_parquet(output)
    assert len(table) == 0
    assert list(table.columns) == [c.name for c in schemas.VALIDATED_MEASUREMENTS]
    units = io.parquet_units(output)
    assert units["latency_compute_ms"] == "ms" and units["pruning_pct"] == "%"
    assert list(tmp_path.glob(".out.parquet.*")) == []


def test_header_only_file_gives_zero_rows(tmp_path):
    path = master(tmp_path, [])
    table = io.read_parquet(validate(tmp_path, path))
    assert len(table) == 0
    assert list(table.columns) == [c.name for c in schemas.VALIDATED_MEASUREMENTS]


def test_valid_small_file_row_by_row(tmp_path):
    path = master(tmp_path, [
        # line 2: TX2 + Op mode maxn; quoted thousands separator; pruning with a % sign
        row(lat_sys="1,234.82", PruningFactor="12.50%", top1="80.5", top5="98.25%",
            Base_Pwr_W="3", Idle_Pwr_W="2.5", Full_Pwr_W="7.25"),
        # line 3: op mode carried by the platform name, Op mode empty
        row(HWType="TX2-maxq", op_mode="", batch="1", PruningFactor="100%"),
        # line 4: an old spelling of the same stick; no op mode at all
        row(HWType="NCS", op_mode="", batch="2", PruningFactor="50"),
        # line 5: case-insensitive platform; FINN datatype spelling; own GOPS; no fps
        row(HWType="ZCU104-Bismo", op_mode="", Datatype="W2A2", batch="8",
            lat_sys="", lat_comp="0.3", **{"fps-system": "", "fps-comp": ""},
            GOPS="0.9", PruningFactor="50%"),
        # line 6: a placeholder (no compute latency): checked, then dropped
        row(HWType="NCS2", op_mode="", lat_sys="", lat_comp="", **{"fps-system": "",
            "fps-comp": ""}),
        # line 7: white space around cells; a blank line follows, then line 9
        row(NN_Topology=" cnv ", HWType=" TX2 ", op_mode=" maxp ", batch=" 16 ",
            lat_comp=" 2.5 ", PruningFactor=" 25 % "),
    ])
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

    for (_, r), (plat, mode, dtype, batch, prun, lat_sys, lat_comp, line) in zip(
            table.iterrows(), expected):
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
    text = (RUN_LOG_HEADER + "\n"
            '"maxn,FP16,b4",1.64865,0.595875,2461.54,7010.72,105.214,299.659,'
            "GPU,TX2,cnv,s0.5,4,FP16\n")
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
    text = (RUN_LOG_HEADER + "\n"
            '"maxn,FP16,b4",1.64865,0.595875,2461.54,7010.72,105.214,299.659,'
            "GPU,TX2,cnv,s0.5,4,FP16\n"
            '"maxn,FP16,b2.5",1.64865,-1,2461.54,7010.72,105.214,299.659,'
            "GPU,TX3,cnv,s0.5,4,FP16\n")
    path = write(tmp_path, text, "logs/run.csv")
    problems = problems_of(tmp_path, path)
    assert {(p.file, p.line, p.column, p.value) for p in problems} == {
        ("logs/run.csv", 3, "config", "2.5"), ("logs/run.csv", 3, "lat-comp", "-1"),
        ("logs/run.csv", 3, "model", "TX3")}


# ------------------------------------------------------------------------ catalogues

PLATFORM_HEADER = "platform,op_mode,datatype,peak_tops,bandwidth_gbps,memory_gb,power_w,source\n"
PLATFORM_ROWS = [
    "ZCU104-DPU,,INT8,4.6,19.2,4,,datasheet",          # line 2
    "TX2,maxn,FP16,1.33,59.7,8,15,datasheet",          # line 3
    "TX2-maxq,,FP16,0.87,59.7,8,7.5,datasheet",        # line 4
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


@pytest.mark.parametrize("bad, column, value, message, fix", [
    ("ZCU102-DPU,,INT8,6.71,-19.2,4,,datasheet", "bandwidth_gbps", "-19.2",
     "out of range: must be above 0", "write a positive number of GB/s"),
    ("ZCU102-DPU,,INT3,6.71,19.2,4,,datasheet", "datatype", "INT3",
     "unknown datatype name", "nearest known: "),
    ("ZCU102-DPU,,INT8,6.71,19.2,4,,", "source", "",
     "source is empty", "cite where the facts come from"),
    ("ZCU104-DPU,,INT8,4.6,19.2,4,,a second datasheet", "platform", "ZCU104-DPU  INT8",
     "a second row for the same platform, op mode and datatype",
     "keep one row per platform, op mode and datatype"),
    ("TX2-maxn,,FP16,1.33,59.7,8,15,spelt differently", "platform", "TX2 maxn FP16",
     "a second row for the same platform, op mode and datatype", "keep one row per"),
], ids=["negative-bandwidth", "unknown-datatype", "empty-source", "duplicate",
        "duplicate-by-alias"])
def test_tidy_platform_problem(tmp_path, bad, column, value, message, fix):
    p = the_problem(platform_problems(tmp_path, PLATFORM_ROWS + [bad]))
    assert (p.file, p.line, p.column, p.value) == ("platforms.csv", 5, column, value)
    assert p.message == message
    assert p.fix.startswith(fix)


def test_tidy_platform_problems_reported_together(tmp_path):
    problems = platform_problems(tmp_path, [
        "ZCU102-DPU,,INT8,6.71,-19.2,4,,datasheet",   # line 2
        "ZCU102-DPU,,INT3,6.71,19.2,4,,datasheet",    # line 3
        "ZCU104-DPU,,INT8,4.6,19.2,4,,",              # line 4
        "ZCU102-DPU,,INT8,6.71,19.2,4,,again",        # line 5: repeats line 2
    ])
    assert sorted((p.line, p.column) for p in problems) == [
        (2, "bandwidth_gbps"), (3, "datatype"), (4, "source"), (5, "platform")]


def test_two_unknown_platforms_are_not_duplicates(tmp_path):
    problems = platform_problems(tmp_path, [
        "FooBoard,,INT8,1,2,,,datasheet",  # line 2
        "BarBoard,,INT8,1,2,,,datasheet",  # line 3
    ])
    assert [(p.line, p.value, p.message) for p in problems] == [
        (2, "FooBoard", "unknown platform name"), (3, "BarBoard", "unknown platform name")]


TOPOLOGY_HEADER = ("topology,pruning_pct,datatype,gop_per_inference,params_m,top1_pct,"
                   "top5_pct,source\n")


def test_tidy_topology_accuracy_above_100(tmp_path):
    path = write(tmp_path, TOPOLOGY_HEADER
                 + "CNV,50,INT2,,1.5,79.2,,FINN\n"          # line 2
                 + "CNV,100,INT2,,6,120,,FINN\n",           # line 3
                 "topologies.csv")
    with pytest.raises(InputError) as info:
        read_topologies([(str(path), "topologies.csv")], helpers.config_vocabulary())
    p = the_problem(info.value.problems)
    assert (p.file, p.line, p.column, p.value) == ("topologies.csv", 3, "top1_pct", "120")
    assert "must be at most 100" in p.message
    assert p.fix == "write a percentage from 0 to 100"


ACCURACY = (" ,INT2,INT4,INT8,FP16,FP32\n"
            "  ,top1 (top5) [%],top1 (top5) [%],top1 (top5) [%],top1 (top5) [%],top1 (top5) [%]\n"
            "GoogLeNetv1 100,nm,nm,69.24 (88.45),66.93 (87.83),66.96 (87.84)\n"   # line 3
            "MobileNetv1 100,nm,nm,{cell},nm,nm\n")                                 # line 4
REQUIREMENTS = (" ,Total OPs,Total Model Size,OI (INT2),OI (INT4),OI (INT8),OI (FP16),OI (FP32)\n"
                "  ,GOPs,[ME],[Ops/Byte],[Ops/Byte],[Ops/Byte],[Ops/Byte],[Ops/Byte]\n"
                "GoogLeNetv1 100%,3.1,6,2093.97,1046.99,523.49,261.75,130.87\n"
                "MobileNetv1 100%,1.1,4.2,1075.47,537.74,268.87,134.43,67.22\n")


def original_topologies(tmp_path: Path, cell: str):
    acc = write(tmp_path, ACCURACY.format(cell=cell), "cnn_topologies_accuracy.csv")
    req = write(tmp_path, REQUIREMENTS, "cnn_topologies_compute_memory_requirements.csv")
    return read_topologies([(str(acc), "cnn_topologies_accuracy.csv"),
                            (str(req), "cnn_topologies_compute_memory_requirements.csv")],
                           helpers.config_vocabulary())


def test_original_accuracy_table_valid(tmp_path):
    table = original_topologies(tmp_path, "69.57 (87.71)")
    assert table[["topology", "datatype", "top1_pct", "top5_pct"]].values.tolist() == [
        ["GoogLeNetv1", "INT8", 69.24, 88.45], ["GoogLeNetv1", "FP16", 66.93, 87.83],
        ["GoogLeNetv1", "FP32", 66.96, 87.84], ["MobileNetv1", "INT8", 69.57, 87.71]]


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
    assert (p.file, p.line, p.column, p.value) == ("cnn_topologies_accuracy.csv", 4, "INT8",
                                                   "187.71")
    assert "at most 100" in p.message
