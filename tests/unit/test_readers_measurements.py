"""qutiflow.readers.measurements on tiny hand-written files in QuTiBench's formats: the
master table (the leading space of ``" level"``), the community template and the per-run
logs (quoted ``config`` cells); expected values written out by hand next to each fixture line."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import write
from qutiflow.errors import InputError
from qutiflow.io import LINE
from qutiflow.readers import measurements
from qutiflow.readers.measurements import TEXT_COLUMNS, read_measurement_file


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


MASTER_HEADER = (
    "NN_Topology,HWType,Datatype,Op mode,batch/thread/stream,lat-sys,lat-comp,"
    "fps-system,fps-comp,tp-system,tp-comp,top1 [%],top5 [%],Base_Pwr_W,"
    "Idle_Pwr_W,Full_Pwr_W,GOPS,PruningFactor, level,hw_peak_perf,hw_bandwidth,"
    "nn_total_operations\n"
)
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
    text = (
        "NN_Topology,HWType,Datatype,Op mode,batch/thread/stream,lat-sys,lat-comp,"
        "PruningFactor, level\n"
        "CNV,TX2,FP16,maxn,1,1.0,0.5,25%,l3\n"  # line 2
        "\n"  # line 3: blank
        'CNV,TX2,FP16,maxn,2,"1,234.82",0.6,25%,l3\n'  # line 4
        'MLP,TX2,FP32,maxq,4,"2\n000.5",0.7,50%,l3\n'  # lines 5-6: quoted line break
        "MLP,TX2,FP32,maxq,8,,0.8,50%,l3\n"  # line 7
        "MLP,NCS2,FP16,,16,,0.9,100%,l3\n"
    )  # line 8
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
    assert (
        labels["latency_compute_ms"],
        labels["pruning"],
        labels["top1_pct"],
        labels["gop_per_batch_reported"],
        labels["op_mode"],
    ) == ("lat-comp", "PruningFactor", "top1 [%]", "GOPS", "Op mode")


def test_master_table_unknown_column_is_noted_not_read(tmp_path):
    text = MASTER.replace("nn_total_operations\n", "nn_total_operations,comment\n", 1)
    path = write(tmp_path, "m.csv", text)
    frame, notes = read_measurements(path, "m.csv")
    assert notes == ["m.csv: column 'comment' is not part of the layout and was not read"]
    assert len(frame) == 3


def test_community_template_names_map_to_the_same_columns(tmp_path):
    text = (
        "NN_Topology,HWType,Precision,Op mode,batch/thread/stream,lat-comp,top1,"
        "BasePWR [W],IdlePWR [W],FullPwr [W],PruningFactor\n"
        "MLP,TX2,FP32,maxq,16,0.9,97.3,1.1,1.2,3.4,25%\n"
    )
    path = write(tmp_path, "template.csv", text)
    frame, notes = read_measurements(path, "template.csv")
    r = frame.iloc[0]
    assert (
        r["datatype"],
        r["top1_pct"],
        r["power_base_w"],
        r["power_idle_w"],
        r["power_full_w"],
        r["pruning"],
    ) == ("FP32", "97.3", "1.1", "1.2", "3.4", "25%")
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
    got = frame[
        [
            "topology",
            "platform",
            "op_mode",
            "datatype",
            "pruning",
            "batch",
            "latency_system_ms",
            "latency_compute_ms",
            "throughput_system_fps",
            "throughput_compute_fps",
            LINE,
        ]
    ].values.tolist()
    assert got == [
        [
            "cnv",
            "TX2",
            "maxn",
            "FP16",
            "s0.25",
            "4",
            "1.43038",
            "0.445125",
            "2737.97",
            "10473.3",
            2,
        ],  # "maxn,FP16,b4"
        [
            "cnv",
            "MYRIAD",
            "",
            "FP16",
            "s0.5",
            "1",
            "3.50242",
            "1.95433",
            "285.517",
            "511.684",
            3,
        ],  # "FP16,b1": no op mode
    ]
    # columns the per-run log does not have are empty text
    assert set(frame["top1_pct"]) == {""} and set(frame["gop_per_batch_reported"]) == {""}
    assert notes == []
    assert frame.attrs["labels"]["batch"] == "config"
    assert frame.attrs["labels"]["latency_compute_ms"] == "lat-comp"
    assert frame.attrs["labels"]["platform"] == "model"


def test_finn_run_log_with_bare_batch_number(tmp_path):
    text = (
        "config,lat-comp-per-image,lat-comp,fps-comp,tp-comp,chip,model,net,pruning,"
        "batch_size,quantization\n"
        '"W2A2,1",0.27,0.27,3703.704,,FPGA,FINN,cnv,W2A2,,W2A2\n'  # line 2
        '"W2A2,2",0.183,0.366,5449.59,,FPGA,FINN,cnv,W2A2,,W2A2\n'
    )  # line 3
    path = write(tmp_path, "l3_FPGA_FINN_perf_cnv-W2A2.csv", text)
    frame, notes = read_measurements(path, "l3_FPGA_FINN_perf_cnv-W2A2.csv")
    got = frame[
        [
            "platform",
            "op_mode",
            "datatype",
            "pruning",
            "batch",
            "latency_system_ms",
            "latency_compute_ms",
            "throughput_compute_fps",
            LINE,
        ]
    ].values.tolist()
    assert got == [
        ["FINN", "", "W2A2", "W2A2", "1", "", "0.27", "3703.704", 2],
        ["FINN", "", "W2A2", "W2A2", "2", "", "0.366", "5449.59", 3],
    ]
    assert notes == []


def test_per_run_log_unknown_column_is_noted(tmp_path):
    text = RUN_LOG.replace("quantization\n", "quantization,host\n", 1)
    text = text.replace(",FP16\n", ",FP16,\n")
    path = write(tmp_path, "l3.csv", text)
    _, notes = read_measurements(path, "l3.csv")
    assert notes == ["l3.csv: column 'host' is not part of the per-run log layout and was not read"]


def test_per_run_log_missing_required_column(tmp_path):
    text = RUN_LOG.replace("lat-comp,", "lat-kompute,", 1)
    path = write(tmp_path, "l3.csv", text)
    with pytest.raises(InputError) as info:
        read_measurements(path, "l3.csv")
    [p] = info.value.problems
    assert (p.file, p.line, p.column, p.message) == ("l3.csv", 1, "lat-comp", "required column is missing")
