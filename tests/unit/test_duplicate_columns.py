"""A header that names a column twice is an error in every reader.

Twice: the same name (after the reader's own stripping, and case folding where the reader
matches case-insensitively) or two synonyms of one library column (``Datatype`` and
``Precision``). Each error names the file, line 1, both 1-based positions and both names
as written, and says to keep one of the two columns. Readers without synonyms (the per-run
log, the tidy catalogues, the original wide tables and the reference tables map every
library column from one name only) are tested for repeated names.
"""

from __future__ import annotations

from pathlib import Path

import helpers
import pytest
import validate_measurements
from qutiflow import io, reference
from qutiflow.errors import InputError
from qutiflow.readers.measurements import read_measurement_file
from qutiflow.readers.platforms import read_platforms
from qutiflow.readers.power_traces import read_power_trace
from qutiflow.readers.topologies import read_topologies

from .measurement_files import HEADER

REPO = Path(__file__).resolve().parents[2]
ALIASES = REPO / "config" / "aliases.csv"

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


def write(tmp_path: Path, name: str, header: list[str], *rows: list[str]) -> str:
    return helpers.write(tmp_path, name, helpers.csv_text(header, list(rows)))


def master_row(header: list[str]) -> list[str]:
    return [CELLS.get(h, "") for h in header]


def raises(call, *args, **kwargs) -> InputError:
    with pytest.raises(InputError) as info:
        call(*args, **kwargs)
    return info.value


def assert_twice(
    err: InputError,
    file: str,
    first: tuple[int, str],
    second: tuple[int, str],
    synonym: bool = False,
    of: int = 1,
) -> None:
    """``err`` holds ``of`` problems, the one about column ``second`` saying that line 1
    of ``file`` names a column twice, in columns ``first`` and ``second``."""
    assert len(err.problems) == of, err.problems
    [p] = [p for p in err.problems if f"column {second[0]} " in p.message]
    assert (p.file, p.line) == (file, 1)
    (i, a), (j, b) = first, second
    assert f"column {i} {a!r}" in p.message and f"column {j} {b!r}" in p.message
    kind = "are two names for the same column" if synonym else "have the same name"
    assert kind in p.message
    assert p.fix.startswith("keep one of the two columns")
    assert a in p.fix and b in p.fix
    text = str(err)
    assert f"{file}: column {i} {a!r} and column {j} {b!r}" in text and "line 1" in text


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


# ------------------------------------------------------------------------ catalogues

PLATFORMS = [
    "platform",
    "op_mode",
    "datatype",
    "peak_tops",
    "bandwidth_gbps",
    "memory_gb",
    "power_w",
    "source",
]


def test_tidy_platforms_repeated_name(tmp_path, vocab):
    header = PLATFORMS + ["peak_tops"]
    path = write(
        tmp_path,
        "platforms.csv",
        header,
        ["ZCU104-DPU", "", "INT8", "4.6", "19.2", "4", "", "datasheet", "0.46"],
    )
    assert_twice(
        raises(read_platforms, path, "platforms.csv", vocab),
        "platforms.csv",
        (4, "peak_tops"),
        (9, "peak_tops"),
    )


def test_tidy_platforms_trailing_comma_is_accepted(tmp_path, vocab):
    path = write(
        tmp_path,
        "platforms.csv",
        PLATFORMS + [""],
        ["ZCU104-DPU", "", "INT8", "4.6", "19.2", "4", "", "datasheet", ""],
    )
    assert read_platforms(path, "platforms.csv", vocab)["peak_tops"].tolist() == [4.6]


HARDWARE = [
    "Hardware Platforms",
    "INT2",
    "INT4",
    "INT8",
    "FP16",
    "FP32",
    "Memory Bandwidth",
    "Memory Capacity",
    "Power",
]


def test_original_platform_table_repeated_name(tmp_path, vocab):
    header = HARDWARE + ["INT8 "]
    units = [""] + ["[TOP/sec]"] * 5 + ["[GBps]", "[GB]", "[Watt]", "[TOP/sec]"]
    path = write(
        tmp_path,
        "hardware_platforms.csv",
        header,
        units,
        ["Ultra96-DPU", "na", "na", "0.96", "na", "na", "4.26", "2", "na", "9.6"],
    )
    assert_twice(
        raises(read_platforms, path, "hardware_platforms.csv", vocab),
        "hardware_platforms.csv",
        (4, "INT8"),
        (10, "INT8 "),
    )


TOPOLOGIES = [
    "topology",
    "pruning_pct",
    "datatype",
    "gop_per_inference",
    "params_m",
    "top1_pct",
    "top5_pct",
    "source",
]


def test_tidy_topologies_repeated_name(tmp_path, vocab):
    header = TOPOLOGIES[:6] + ["top1_pct"] + TOPOLOGIES[6:]
    path = write(
        tmp_path, "topologies.csv", header, ["CNV", "50", "INT2", "", "1.5", "79.2", "97.2", "", "FINN"]
    )
    assert_twice(
        raises(read_topologies, [(path, "topologies.csv")], vocab),
        "topologies.csv",
        (6, "top1_pct"),
        (7, "top1_pct"),
    )


ACCURACY = [" ", "INT2", "INT4", "INT8", "FP16", "FP32"]
REQUIREMENTS = [
    " ",
    "Total OPs",
    "Total Model Size",
    "OI (INT2)",
    "OI (INT4)",
    "OI (INT8)",
    "OI (FP16)",
    "OI (FP32)",
]


def original_topologies(tmp_path, vocab, accuracy, requirements):
    acc = write(
        tmp_path,
        "acc.csv",
        accuracy,
        [""] + ["top1 (top5) [%]"] * (len(accuracy) - 1),
        ["GoogLeNetv1 100", "nm", "nm", "69.24 (88.45)", "nm", "nm", "nm"][: len(accuracy)],
    )
    req = write(
        tmp_path,
        "req.csv",
        requirements,
        [""] * len(requirements),
        ["GoogLeNetv1 100%", "3.1", "6", "", "", "523.49", "", "", "9"][: len(requirements)],
    )
    return read_topologies([(acc, "acc.csv"), (req, "req.csv")], vocab)


def test_original_accuracy_table_repeated_name(tmp_path, vocab):
    err = raises(original_topologies, tmp_path, vocab, ACCURACY + ["INT8"], REQUIREMENTS)
    assert_twice(err, "acc.csv", (4, "INT8"), (7, "INT8"))


def test_original_requirements_table_repeated_name(tmp_path, vocab):
    err = raises(original_topologies, tmp_path, vocab, ACCURACY, REQUIREMENTS + ["Total OPs"])
    assert_twice(err, "req.csv", (2, "Total OPs"), (9, "Total OPs"))


def test_original_topology_tables_empty_first_cells_are_accepted(tmp_path, vocab):
    table = original_topologies(tmp_path, vocab, ACCURACY, REQUIREMENTS)
    assert table["top1_pct"].tolist() == [69.24]


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


# ------------------------------------------------------------------ reference tables


@pytest.mark.parametrize(
    "read, header, first, second",
    [
        (
            lambda t: reference.vocabulary(t),
            ["kind", "spelling", "canonical", "op_mode", "spelling"],
            (2, "spelling"),
            (5, "spelling"),
        ),
        (
            lambda t: reference.topology_tasks(t, VOCAB),
            ["topology", "task", "description", " task"],
            (2, "task"),
            (4, " task"),
        ),
        (
            lambda t: reference.op_counts(t, VOCAB),
            ["topology", "pruning_pct", "gop_per_inference", "source", "gop_per_inference"],
            (3, "gop_per_inference"),
            (5, "gop_per_inference"),
        ),
        (
            lambda t: reference.platform_families(t),
            ["platform", "family", "family"],
            (2, "family"),
            (3, "family"),
        ),
    ],
    ids=["aliases", "topologies", "op_counts", "platform_families"],
)
def test_reference_table_repeated_name(tmp_path, read, header, first, second):
    path = write(tmp_path, "config/table.csv", header, [""] * len(header))
    err = raises(read, io.read_csv_text(path, "config/table.csv"))
    assert_twice(err, "config/table.csv", first, second)


VOCAB = reference.vocabulary(io.read_csv_text(ALIASES, "config/aliases.csv"))


def test_reference_table_trailing_comma_is_accepted(tmp_path):
    path = write(tmp_path, "families.csv", ["platform", "family", ""], ["TX2", "GPU", ""])
    assert reference.platform_families(io.read_csv_text(path, "families.csv")) == {"TX2": "GPU"}
