"""Measurement files for the bad-input tests (test_bad_measurement_files.py,
test_bad_measurement_values.py, test_duplicate_columns.py): the master-table layout, a valid
row to override cell by cell, and the entry script ``validate_measurements.main`` run on
them with the real reference tables under ``config/``."""

from __future__ import annotations

from pathlib import Path

import helpers
import pytest
import validate_measurements
from qutiflow.errors import InputError, Problem

REPO = Path(__file__).resolve().parents[2]
ALIASES = REPO / "config" / "aliases.csv"
TOPOLOGIES = REPO / "config" / "topologies.csv"
OP_COUNTS = REPO / "config" / "op_counts.csv"

#: the master-table layout, as in QuTiBench's backup.csv (note the leading space in " level")
HEADER = [
    "NN_Topology",
    "HWType",
    "Datatype",
    "Op mode",
    "batch/thread/stream",
    "lat-sys",
    "lat-comp",
    "fps-system",
    "fps-comp",
    "tp-system",
    "tp-comp",
    "top1 [%]",
    "top5 [%]",
    "Base_Pwr_W",
    "Idle_Pwr_W",
    "Full_Pwr_W",
    "GOPS",
    "PruningFactor",
    " level",
    "hw_peak_perf",
    "hw_bandwidth",
    "nn_total_operations",
]

#: a valid TX2 CNV run (the numbers of a real per-run log line); tests override cells
GOOD = {
    "NN_Topology": "CNV",
    "HWType": "TX2",
    "Datatype": "FP16",
    "Op mode": "maxn",
    "batch/thread/stream": "4",
    "lat-sys": "1.64865",
    "lat-comp": "0.595875",
    "fps-system": "2461.54",
    "fps-comp": "7010.72",
    "tp-system": "105.214",
    "tp-comp": "299.659",
    "PruningFactor": "25%",
    " level": "l3",
}

RUN_LOG_HEADER = (
    "config,lat-system,lat-comp,fps-system,fps-comp,tp-system,tp-comp,chip,"
    "model,net,pruning,batch_size,quantization"
)

NAME = "measurements/m.csv"  # the file name every message must use (relative to raw_data)


def row(header: list[str] = HEADER, **cells: str) -> list[str]:
    """One data row of ``header``: GOOD with ``cells`` overridden. Keys are header labels
    or the short Python names below (``lat_comp`` for "lat-comp", ``top1`` for "top1 [%]")."""
    aliases = {
        "level": " level",
        "batch": "batch/thread/stream",
        "op_mode": "Op mode",
        "lat_sys": "lat-sys",
        "lat_comp": "lat-comp",
        "top1": "top1 [%]",
        "top5": "top5 [%]",
    }
    values = dict(GOOD)
    for k, v in cells.items():
        values[aliases.get(k, k)] = v
    return [values.get(h, "") for h in header]


def csv_text(rows: list[list[str]], header: list[str] = HEADER) -> str:
    return helpers.csv_text(header, rows)


def write(tmp_path: Path, text: str | bytes, name: str = NAME) -> Path:
    return Path(helpers.write(tmp_path, name, text))


def master(tmp_path: Path, rows: list[list[str]], name: str = NAME, header: list[str] = HEADER) -> Path:
    return write(tmp_path, csv_text(rows, header), name)


def validate(tmp_path: Path, *files: Path) -> Path:
    """Run the validate_measurements entry point; return the output path."""
    output = tmp_path / "out.parquet"
    validate_measurements.main(
        measurements=[str(f) for f in files],
        aliases=str(ALIASES),
        topologies=str(TOPOLOGIES),
        op_counts=str(OP_COUNTS),
        output=str(output),
        raw_data=str(tmp_path),
    )
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
