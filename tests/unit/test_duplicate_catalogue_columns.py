"""A header that names a column twice is an error in the catalogue readers (the tidy
catalogues and the original wide tables) and in the reference tables of config/.

These readers map every library column from one name only, so they are tested for repeated
names; what the error must say is checked by assert_twice (duplicate_columns.py).
"""

from __future__ import annotations

import pytest
from qutiflow import io, reference
from qutiflow.readers.platforms import read_platforms
from qutiflow.readers.topologies import read_topologies

from .duplicate_columns import ALIASES, assert_twice, raises, write

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
