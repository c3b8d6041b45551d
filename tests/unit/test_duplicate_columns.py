"""A header that names a column twice is an error in every reader.

Twice: the same name (after the reader's own stripping, and case folding where the reader
matches case-insensitively) or two synonyms of one library column (``Datatype`` and
``Precision``). Each error names the file, line 1, both 1-based positions and both names
as written, and says to keep one of the two columns. Readers without synonyms (the per-run
log here; the tidy catalogues, the original wide tables and the reference tables in
test_duplicate_catalogue_columns.py) map every library column from one name only and are
tested for repeated names.
"""

from __future__ import annotations

import pytest
import validate_measurements
from qutiflow.errors import InputError
from qutiflow.readers.measurements import read_measurement_file
from qutiflow.readers.power_traces import read_power_trace

from .duplicate_columns import ALIASES, REPO, assert_twice, raises, write
from .measurement_files import HEADER

#: the master-table header of QuTiBench's backup.csv
BACKUP = HEADER
#: one valid TX2 row of that header (the numbers of a real per-run log line)
CELLS = {
    "NN_Topology": "CNV",
    "HWType": "TX2",
    "Datatype": "FP16",
    "Op mode": "maxn",
    "batch/thread/stream": "4",
    "lat-sys": "1.64865",
    "lat-comp": "0.595875",
    "fps-system": "2461.54",
    "fps-comp": "7010.72",
    "PruningFactor": "25%",
}


def master_row(header: list[str]) -> list[str]:
    return [CELLS.get(h, "") for h in header]


# --------------------------------------------------------------- measurement files


def test_lat_sys_renamed_lat_comp_stops_the_run(tmp_path):
    """The reported case: with lat-sys renamed lat-comp, the compute latency took the
    system latency and the run ended with exit 0."""
    header = ["lat-comp" if h == "lat-sys" else h for h in BACKUP]
    path = write(tmp_path, "measurements/backup.csv", header, master_row(BACKUP))
    with pytest.raises(InputError) as info:
        validate_measurements.main(
            measurements=[path],
            aliases=str(ALIASES),
            topologies=str(REPO / "config" / "topologies.csv"),
            op_counts=str(REPO / "config" / "op_counts.csv"),
            output=str(tmp_path / "out.parquet"),
            raw_data=str(tmp_path),
        )
    assert_twice(info.value, "measurements/backup.csv", (6, "lat-comp"), (7, "lat-comp"))
    assert not (tmp_path / "out.parquet").exists()


def test_master_table_repeated_name_after_stripping(tmp_path):
    header = BACKUP + ["level"]  # " level" is column 19
    path = write(tmp_path, "m.csv", header, master_row(header))
    assert_twice(raises(read_measurement_file, path, "m.csv"), "m.csv", (19, " level"), (23, "level"))


@pytest.mark.parametrize(
    "present, added",
    [
        ("Datatype", "Precision"),
        ("top1 [%]", "top1"),
        ("Base_Pwr_W", "BasePWR [W]"),
        ("Idle_Pwr_W", "IdlePWR [W]"),
        ("Full_Pwr_W", "FullPwr [W]"),
    ],
)
def test_master_table_synonyms(tmp_path, present, added):
    header = BACKUP + [added]
    path = write(tmp_path, "m.csv", header, master_row(header))
    assert_twice(
        raises(read_measurement_file, path, "m.csv"),
        "m.csv",
        (BACKUP.index(present) + 1, present),
        (23, added),
        synonym=True,
    )


def test_master_table_synonym_first(tmp_path):
    header = ["Precision"] + BACKUP
    path = write(tmp_path, "m.csv", header, master_row(header))
    assert_twice(
        raises(read_measurement_file, path, "m.csv"), "m.csv", (1, "Precision"), (4, "Datatype"), synonym=True
    )


def test_master_table_empty_header_cells_may_repeat(tmp_path):
    header = BACKUP + ["", ""]  # two trailing commas
    path = write(tmp_path, "m.csv", header, master_row(header))
    frame, _ = read_measurement_file(path, "m.csv")
    assert frame["latency_compute_ms"].tolist() == ["0.595875"]


RUN_LOG = [
    "config",
    "lat-system",
    "lat-comp",
    "fps-system",
    "fps-comp",
    "tp-system",
    "tp-comp",
    "chip",
    "model",
    "net",
    "pruning",
    "batch_size",
    "quantization",
]
RUN_ROW = [
    "maxn,FP16,b4",
    "1.64865",
    "0.595875",
    "2461.54",
    "7010.72",
    "105.214",
    "299.659",
    "GPU",
    "TX2",
    "cnv",
    "s0.5",
    "4",
    "FP16",
]


def test_per_run_log_repeated_name(tmp_path):
    header = ["lat-comp" if h == "lat-system" else h for h in RUN_LOG]
    path = write(tmp_path, "logs/run.csv", header, RUN_ROW)
    assert_twice(
        raises(read_measurement_file, path, "logs/run.csv"), "logs/run.csv", (2, "lat-comp"), (3, "lat-comp")
    )


def test_per_run_log_repeated_ignored_column(tmp_path):
    path = write(tmp_path, "logs/run.csv", RUN_LOG + [" chip"], RUN_ROW + ["GPU"])
    assert_twice(
        raises(read_measurement_file, path, "logs/run.csv"), "logs/run.csv", (8, "chip"), (14, " chip")
    )


# ------------------------------------------------------------------------ power traces


def trace(tmp_path, vocab, header):
    path = write(tmp_path, "trace.csv", header, ["5.0"] * len(header))
    return read_power_trace(path, "trace.csv", vocab, platform="EdgeTPU")


def test_power_trace_repeated_name(tmp_path, vocab):
    err = raises(trace, tmp_path, vocab, ["goo_volt", "fast_goo_amp", "fast_goo_amp"])
    assert_twice(err, "trace.csv", (2, "fast_goo_amp"), (3, "fast_goo_amp"))


def test_power_trace_repeated_name_ignores_case(tmp_path, vocab):
    """The reader matches Idle and the network names whatever their case."""
    err = raises(trace, tmp_path, vocab, ["goo_volt", "fast_goo_amp", "Idle", "IDLE"])
    assert_twice(err, "trace.csv", (3, "Idle"), (4, "IDLE"))


def test_power_trace_synonyms_with_and_without_mode(tmp_path, vocab):
    err = raises(trace, tmp_path, vocab, ["goo_volt", "fast_goo_amp", "fast_goo_volt"])
    assert_twice(err, "trace.csv", (1, "goo_volt"), (3, "fast_goo_volt"), synonym=True)


def test_power_trace_synonyms_two_spellings_of_the_network(tmp_path, vocab):
    """goo and GoogLeNetv1 are the same network: two pairs would give one series twice."""
    header = ["fast_goo_volt", "fast_goo_amp", "fast_GoogLeNetv1_volt", "fast_GoogLeNetv1_amp"]
    err = raises(trace, tmp_path, vocab, header)
    assert_twice(err, "trace.csv", (1, "fast_goo_volt"), (3, "fast_GoogLeNetv1_volt"), synonym=True, of=2)
    assert_twice(err, "trace.csv", (2, "fast_goo_amp"), (4, "fast_GoogLeNetv1_amp"), synonym=True, of=2)
