"""qutiflow.io: Parquet written with units, byte for byte the same, atomically; CSV text
with its physical line numbers, whole or in chunks; every expected value by hand."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from helpers import nan_list, write
from qutiflow import io
from qutiflow.errors import InputError
from qutiflow.schemas import Column

COLUMNS = [
    Column("name", "str", "", "a name"),
    Column("lat", "float", "ms", "a latency"),
    Column("batch", "int", "", "a batch"),
    Column("flag", "bool", "", "a flag"),
]


def small_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "flag": [True, False],
            "extra": [1, 2],
            "lat": [1.5, np.nan],
            "batch": pd.array([4, 1], dtype="Int64"),
            "name": pd.array(["a", None], dtype="string"),
        }
    )


def test_write_parquet_columns_types_and_units(tmp_path):
    path = tmp_path / "out" / "t.parquet"  # the folder is created
    io.write_parquet(small_frame(), path, COLUMNS)
    schema = pq.read_schema(path)
    assert schema.names == ["name", "lat", "batch", "flag"]  # order of COLUMNS, extra dropped
    assert [str(t) for t in schema.types] == ["string", "double", "int64", "bool"]
    assert io.parquet_units(path) == {"name": "", "lat": "ms", "batch": "", "flag": ""}
    assert schema.field("lat").metadata[b"description"] == b"a latency"
    back = io.read_parquet(path)
    assert nan_list(back["name"]) == ["a", None]
    assert nan_list(back["lat"]) == [1.5, None]
    assert back["batch"].tolist() == [4, 1]
    assert back["flag"].tolist() == [True, False]


def test_write_parquet_is_byte_identical_for_identical_input(tmp_path):
    io.write_parquet(small_frame(), tmp_path / "a.parquet", COLUMNS)
    io.write_parquet(small_frame(), tmp_path / "b.parquet", COLUMNS)
    first = (tmp_path / "a.parquet").read_bytes()
    assert first == (tmp_path / "b.parquet").read_bytes()
    io.write_parquet(small_frame(), tmp_path / "a.parquet", COLUMNS)  # overwrite in place
    assert (tmp_path / "a.parquet").read_bytes() == first


@pytest.mark.parametrize("bad_column, value", [("lat", "abc"), ("lat", "1.5"), ("batch", 2.5)])
def test_write_parquet_wrong_type_leaves_the_old_file_and_no_temp(tmp_path, bad_column, value):
    path = tmp_path / "t.parquet"
    io.write_parquet(small_frame(), path, COLUMNS)
    before = path.read_bytes()
    bad = small_frame()
    bad[bad_column] = [value, value]
    with pytest.raises(TypeError, match=f"column '{bad_column}'"):
        io.write_parquet(bad, path, COLUMNS)  # never converts: text "1.5" is not a float
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.parquet"]
    assert path.read_bytes() == before


def test_write_parquet_failure_while_writing_removes_the_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "t.parquet"

    def half_write(table, where, **kwargs):
        Path(where).write_bytes(b"PAR1 half")
        raise OSError("disk full")

    monkeypatch.setattr(pq, "write_table", half_write)
    with pytest.raises(OSError, match="disk full"):
        io.write_parquet(small_frame(), path, COLUMNS)
    assert list(tmp_path.iterdir()) == []


def test_read_csv_text_lines_cells_and_blank_lines(tmp_path):
    path = write(tmp_path, "t.csv", 'a,b\n1,2\n\n"x\ny",3\n4,\n6,7,\n')
    text = io.read_csv_text(path, "t.csv")
    assert text.header == [["a", "b"]]
    # line 3 is blank; "x\ny" spans lines 4-5; a trailing comma on line 7 is accepted
    assert text.rows.values.tolist() == [["1", "2", 2], ["x\ny", "3", 4], ["4", "", 6], ["6", "7", 7]]


@pytest.mark.parametrize("chunk_rows", [None, 1, 2])
def test_chunked_csv_text_has_the_same_rows_and_lines(tmp_path, chunk_rows):
    path = write(tmp_path, "t.csv", 'a,b\n1,2\n\n"x\ny",3\n4,5\n6,7\n')
    rows = [
        r
        for chunk in io.iter_csv_text(path, "t.csv", chunk_rows=chunk_rows)
        for r in chunk.rows.values.tolist()
    ]
    assert rows == [["1", "2", 2], ["x\ny", "3", 4], ["4", "5", 6], ["6", "7", 7]]


def test_chunked_csv_text_lines_after_a_line_with_extra_fields(tmp_path):
    path = write(tmp_path, "t.csv", "a,b\n1,2\n3,4,5,6\n7,8\n")  # line 3: two extra fields
    seen = []
    with pytest.raises(InputError) as info:
        for chunk in io.iter_csv_text(path, "t.csv", chunk_rows=1):
            seen += chunk.rows.values.tolist()
    assert [p.line for p in info.value.problems] == [3]
    assert seen == [["1", "2", 2], ["7", "8", 4]]  # "7,8" is on physical line 4


def test_write_bytes_is_atomic_and_exact(tmp_path):
    io.write_bytes(b"a\nb\n", tmp_path / "sub" / "x.txt")
    assert (tmp_path / "sub" / "x.txt").read_text(encoding="utf-8") == "a\nb\n"
    assert sorted(p.name for p in (tmp_path / "sub").iterdir()) == ["x.txt"]
