"""The conversion of the original layout into the tidy layouts, and the tidy readers.

Fixtures are hand-written lines in the original layouts (the master table, the ragged
power traces); the checks read each fixture through the pipeline's readers once as it is
and once after the conversion, and compare, and check by hand what the conversion keeps,
drops and names.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from helpers import write
from hypothesis import given, settings
from hypothesis import strategies as st
from qutiflow import clean, convert_original, io, parse, reference
from qutiflow.errors import InputError
from qutiflow.readers.measurements import ORIGIN_COLUMNS, TEXT_COLUMNS, read_measurement_file
from qutiflow.readers.power_traces import read_power_trace

REPO = Path(__file__).resolve().parents[2]

MASTER = (
    "NN_Topology,HWType,Datatype,Op mode,batch/thread/stream,lat-sys,lat-comp,fps-system,"
    "fps-comp,tp-system,tp-comp,top1 [%],top5 [%],Base_Pwr_W,Idle_Pwr_W,Full_Pwr_W,GOPS,"
    "PruningFactor, level,hw_peak_perf,hw_bandwidth,nn_total_operations\n"
    # line 2: a full EdgeTPU row with the file's own op count
    "EfficientNet-S,EdgeTPU,INT8,fast,1,49.99852,4.9963,20.001,200.148,83.40417,834.61716,"
    "77.622837,93.766004,0.8096,0.8096,1.99899,4.7,100%,l3,4,25.6,4.7\n"
    # line 3: a placeholder (keys and hardware columns only): not converted
    "ResNet-50,TX2,FP16,maxn,2,,,,,,,,,,,,,30.00%,l3,1.33,59.7,2.5\n"
    # line 4: TX2 with a thousands separator, pruning 12.50 %, mixed-case platform
    'CNV,tx2,FP16,maxq,8,"1,234.82",3.5,,2285.7,,,77.82,,,,,,12.50%,l3,0.87,59.7,0.01\n'
    # line 5: system values, no compute latency: converted (the pipeline drops it later)
    "GoogLeNetv1,ZCU104-DPU,INT8,,1,9.65,,103.355,,,,69.49,89.26,9.2,,21.4933,,100%,l3,"
    "4.6,19.2,3.1\n"
    # line 6: an MNIST row with a Bismo spelling
    "MLP,ZCU104-Bismo,INT2,,4,,0.25,,16000,,,96.85,,,,,,12.50%,l3,30.7,19.2,0.0007\n"
)

TRACE = (
    "goo_volt,fast_goo_amp,fast_mob_volt,fast_mob_amp,Idle\n"
    "5.03,0.265,5.06,0.155,0.79442\n"  # line 2: sample 0
    "5.03,0.302,,,0.79442\n"  # line 3: MobileNet has ended
    ",,,,0.5\n"  # line 4: idle only
)


@pytest.fixture(scope="module")
def tasks(vocab):
    path = REPO / "config/topologies.csv"
    return reference.topology_tasks(io.read_csv_text(path, "config/topologies.csv"), vocab)


def validated(path: str, name: str, vocab, tasks) -> pd.DataFrame:
    """What validate_measurements keeps of one file: checked, placeholders dropped, the
    source columns pointing at the origin where the file names one."""
    text, _ = read_measurement_file(path, name)
    frame, problems = clean.check_measurements(text, file=name, vocab=vocab, topology_tasks=tasks)
    assert problems == []
    frame, _ = clean.drop_placeholders(frame)
    frame["source_file"] = pd.Categorical([name] * len(frame))
    frame = clean.point_at_origin(frame)
    return frame.assign(source_file=frame["source_file"].astype(str))


def converted(tmp_path: Path, vocab, tasks) -> dict[str, str]:
    text = io.read_csv_text(write(tmp_path, "orig/cleaned_csv/backup.csv", MASTER), "cleaned_csv/backup.csv")
    rows = convert_original.measurement_rows(text, vocab=vocab, topology_tasks=tasks)
    return {
        task: convert_original.csv_text(part, convert_original.MEASUREMENT_COLUMNS)
        for task, part in convert_original.by_task(rows).items()
    }


def test_rows_with_a_measured_value_are_converted_one_file_per_task(tmp_path, vocab, tasks):
    files = converted(tmp_path, vocab, tasks)
    assert sorted(files) == ["cifar10", "imagenet", "mnist"]
    lines = {t: text.splitlines() for t, text in files.items()}
    assert lines["imagenet"][0].split(",") == convert_original.MEASUREMENT_COLUMNS
    # the placeholder of line 3 is gone; line 5 (system values only) is kept
    assert [ln.rsplit(",", 1)[1] for ln in lines["imagenet"][1:]] == ["2", "5"]
    assert lines["cifar10"][1] == (
        "CNV,12.5,TX2,maxq,FP16,8,1234.82,3.5,,2285.7,77.82,,,,,,cleaned_csv/backup.csv,4"
    )
    assert lines["mnist"][1] == (
        "MLP,12.5,ZCU104-BISMO,,INT2,4,,0.25,,16000,96.85,,,,,,cleaned_csv/backup.csv,6"
    )
    assert lines["imagenet"][1] == (
        "EfficientNet-S,100,EdgeTPU,fast,INT8,1,49.99852,4.9963,20.001,200.148,77.622837,"
        "93.766004,0.8096,0.8096,1.99899,4.7,cleaned_csv/backup.csv,2"
    )


def test_converted_rows_validate_to_the_same_rows_as_the_original(tmp_path, vocab, tasks):
    original = validated(
        write(tmp_path, "orig/cleaned_csv/backup.csv", MASTER), "cleaned_csv/backup.csv", vocab, tasks
    )
    parts = []
    for task, text in converted(tmp_path, vocab, tasks).items():
        name = f"measurements/qutibench-{task}.csv"
        parts.append(validated(write(tmp_path, f"raw/{name}", text), name, vocab, tasks))
    tidy = pd.concat(parts, ignore_index=True).sort_values("source_line", ignore_index=True)
    assert tidy["source_file"].tolist() == ["cleaned_csv/backup.csv"] * 3
    assert tidy["source_line"].tolist() == [2, 4, 6]
    pd.testing.assert_frame_equal(tidy[original.columns], original, check_categorical=False)


def test_tidy_measurement_header_is_read_under_library_names(tmp_path):
    text = (
        "topology,pruning_pct,platform,op_mode,datatype,batch,latency_compute_ms,"
        "gop_per_batch,origin_file,origin_line\n"
        "CNV,50,TX2,maxn,FP16,2,0.6,0.24,orig.csv,17\n"
    )
    frame, notes = read_measurement_file(str(write(tmp_path, "m.csv", text)), "m.csv")
    assert notes == []
    assert list(frame.columns) == TEXT_COLUMNS + ORIGIN_COLUMNS + [io.LINE]
    r = frame.iloc[0]
    assert (r["pruning"], r["gop_per_batch_reported"], r["origin_file"], r["origin_line"]) == (
        "50",
        "0.24",
        "orig.csv",
        "17",
    )
    assert frame.attrs["labels"]["gop_per_batch_reported"] == "gop_per_batch"


def test_tidy_measurement_missing_column_names_the_tidy_name(tmp_path):
    text = "topology,pruning_pct,platform,datatype,batch\nCNV,50,TX2,FP16,2\n"
    with pytest.raises(InputError) as info:
        read_measurement_file(str(write(tmp_path, "m.csv", text)), "m.csv")
    assert [(p.file, p.line, p.column) for p in info.value.problems] == [("m.csv", 1, "latency_compute_ms")]


def test_origin_half_filled_names_the_file_read_its_line_and_column(tmp_path, vocab, tasks):
    text = (
        "topology,pruning_pct,platform,op_mode,datatype,batch,latency_compute_ms,"
        "origin_file,origin_line\n"
        "CNV,50,TX2,maxn,FP16,2,0.6,orig.csv,\n"  # line 2: no origin line
        "CNV,50,TX2,maxn,FP16,4,0.7,,9\n"  # line 3: no origin file
        "CNV,50,TX2,maxn,FP16,8,0.8,orig.csv,0\n"
    )  # line 4: line 0 does not exist
    frame, _ = read_measurement_file(str(write(tmp_path, "m.csv", text)), "m.csv")
    _, problems = clean.check_measurements(frame, file="m.csv", vocab=vocab, topology_tasks=tasks)
    got = sorted((p.file, p.line, p.column, p.value) for p in problems)
    assert got == [
        ("m.csv", 2, "origin_line", "orig.csv"),
        ("m.csv", 3, "origin_file", "9"),
        ("m.csv", 4, "origin_line", "0"),
    ]


def test_converted_power_trace_reads_back_as_the_original(tmp_path, vocab):
    name = "power_measur_fast.csv"
    path = write(tmp_path, f"orig/{name}", TRACE)
    original = read_power_trace(str(path), name, vocab, platform="EdgeTPU")
    rows = convert_original.power_trace_rows(io.read_csv_text(path, name), vocab=vocab)
    text = convert_original.csv_text(rows, convert_original.POWER_TRACE_COLUMNS)
    assert text.splitlines()[:3] == [
        "op_mode,series,sample,time_s,voltage_v,current_a,power_w,origin_file,origin_line",
        "fast,GoogLeNetv1,0,0,5.03,0.265,,power_measur_fast.csv,2",
        "fast,GoogLeNetv1,1,1,5.03,0.302,,power_measur_fast.csv,3",
    ]
    assert "fast,idle,2,2,,,0.5,power_measur_fast.csv,4" in text.splitlines()
    tidy_path = write(tmp_path, "raw/power_traces/t.csv", text)
    tidy = read_power_trace(str(tidy_path), "power_traces/t.csv", vocab, platform="EdgeTPU")
    assert len(tidy) == 2 + 1 + 3  # GoogLeNet 2 samples, MobileNet 1, idle 3
    cols = list(original.columns)
    pd.testing.assert_frame_equal(tidy[cols], original[cols])


def test_tidy_power_trace_without_origin_names_itself(tmp_path, vocab):
    text = (
        "op_mode,series,sample,time_s,voltage_v,current_a,power_w\n"
        "slow,goo,0,0.5,5,0.2,\n"
        "slow,Idle,0,0.5,,,0.3\n"
    )
    tr = read_power_trace(str(write(tmp_path, "t.csv", text)), "t.csv", vocab, platform="EdgeTPU")
    assert tr["series"].tolist() == ["GoogLeNetv1", "idle"]
    assert tr["power_w"].tolist() == [5 * 0.2, 0.3]
    assert tr["source_file"].tolist() == ["t.csv", "t.csv"]
    assert tr["source_line"].tolist() == [2, 3]
    assert tr["time_s"].tolist() == [0.5, 0.5]


def test_tidy_power_trace_problems_name_line_and_column(tmp_path, vocab):
    text = (
        "op_mode,series,sample,time_s,voltage_v,current_a,power_w\n"
        "fast,goo,0,0,5,0.2,1.0\n"  # line 2: a power beside voltage and current
        "fast,goo,1,1,5,,\n"  # line 3: voltage without current
        "turbo,goo,2,2,5,0.2,\n"  # line 4: unknown op mode
        "fast,nonet,3,3,5,0.2,\n"  # line 5: unknown network
        "fast,goo,-1,4,5,0.2,\n"
    )  # line 6: negative sample index
    with pytest.raises(InputError) as info:
        read_power_trace(str(write(tmp_path, "t.csv", text)), "t.csv", vocab, platform="EdgeTPU")
    got = {(p.line, p.column) for p in info.value.problems}
    assert got == {
        (2, "voltage_v/current_a/power_w"),
        (3, "voltage_v/current_a/power_w"),
        (4, "op_mode"),
        (5, "series"),
        (6, "sample"),
    }
    assert all(p.file == "t.csv" for p in info.value.problems)


def test_tidy_power_trace_unknown_column_and_missing_column(tmp_path, vocab):
    text = "op_mode,series,sample,volts\nfast,goo,0,5\n"
    with pytest.raises(InputError) as info:
        read_power_trace(str(write(tmp_path, "t.csv", text)), "t.csv", vocab, platform="EdgeTPU")
    assert {(p.line, p.column) for p in info.value.problems} == {(1, "time_s"), (1, "volts")}


def test_original_problem_stops_the_conversion_naming_the_original(tmp_path, vocab, tasks):
    bad = MASTER.replace("4.9963", "fast", 1)  # line 2, lat-comp
    text = io.read_csv_text(write(tmp_path, "orig/cleaned_csv/backup.csv", bad), "cleaned_csv/backup.csv")
    with pytest.raises(InputError) as info:
        convert_original.measurement_rows(text, vocab=vocab, topology_tasks=tasks)
    assert [(p.file, p.line, p.column, p.value) for p in info.value.problems] == [
        ("cleaned_csv/backup.csv", 2, "lat-comp", "fast")
    ]


@settings(max_examples=300)  # one float to text and back: cheap, so more than the profile's
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=0))
def test_number_text_reads_back_as_the_same_float(value):
    text = convert_original.number_text(value)
    back, bad = parse.numbers(pd.Series([text]), parse.WATTS)
    assert not bad.iloc[0] and back.iloc[0] == value


def test_number_text_of_numpy_and_missing_values():
    assert convert_original.number_text(np.float64(1e-05)) == "1e-05"
    assert convert_original.number_text(pd.NA) == ""
    assert convert_original.number_text(np.int64(3)) == "3"
