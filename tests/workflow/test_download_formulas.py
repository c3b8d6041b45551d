"""Every CSV download of the site, from a run whose inputs carry spreadsheet formulas in
their text cells (a platform's and a model's source, a measurement's origin file): no text
cell starts a formula (a leading =, +, -, @, tab or carriage return gets a '), numbers stay
numbers, and the Parquet downloads keep the values as given."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import tiny as run
from qutiflow.io import read_parquet

pytestmark = pytest.mark.workflow

PLANTED = {
    "platforms": '=HYPERLINK("http://example.invalid","click")',
    "topologies": "+cmd|' /C calc'!A0",
    "measurements": "@SUM(1)x.csv",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_no_download_cell_starts_a_formula(tiny_raw: Path, tmp_path: Path):
    for name in ("platforms", "topologies"):
        path = tiny_raw / f"{name}.csv"
        lines = path.read_text().splitlines()
        assert lines[1].endswith(",test fixture")
        source = '"' + PLANTED[name].replace('"', '""') + '"'
        lines[1] = lines[1].removesuffix("test fixture") + source
        path.write_text("\n".join(lines) + "\n")
    header = (tiny_raw / "measurements/bench_master.csv").read_text().splitlines()[0]
    (tiny_raw / "measurements/z_origin.csv").write_text(
        f"{header},origin_file,origin_line\n"
        f"CNV,ZCU104-FINN,INT2,,128,,10,,12800,,,84.29,,,,12.5,,50%,l3,30.7,19.2,0.12,{PLANTED['measurements']},7\n"
    )
    results = tmp_path / "results"
    run(tiny_raw, results)
    data = results / "site/data"
    downloads = sorted(data.glob("*.csv"))
    assert len(downloads) >= 10
    found = {name: 0 for name in PLANTED}
    for path in downloads:
        with path.open(newline="", encoding="utf-8") as fh:
            for line, row in enumerate(csv.reader(fh), start=1):
                for cell in row:
                    assert not (cell.startswith(FORMULA_START) and not _is_number(cell)), (
                        path.name,
                        line,
                        cell,
                    )
                    for name, value in PLANTED.items():
                        found[name] += cell == "'" + value
    assert found["platforms"] >= 1 and found["topologies"] >= 1 and found["measurements"] >= 1, found
    # the Parquet downloads keep each value as given
    assert PLANTED["platforms"] in read_parquet(data / "platforms.parquet")["source"].tolist()
    assert PLANTED["topologies"] in read_parquet(data / "topologies.parquet")["source"].tolist()
    origins = {f for p in data.glob("*_measurements.parquet") for f in read_parquet(p)["source_file"]}
    assert PLANTED["measurements"] in origins
