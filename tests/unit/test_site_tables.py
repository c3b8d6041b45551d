"""qutiflow.site.html_tables and qutiflow.site.downloads: tables on a page (escaped) and
as CSV downloads (read back as the same table)."""

from __future__ import annotations

import io

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
from hypothesis import given, settings
from hypothesis import strategies as st
from qutiflow.site import downloads, html_tables
from site_fixtures import EVIL


def test_table_escapes_cells_and_headers():
    frame = pd.DataFrame({EVIL: [EVIL], "fps": [1234.5678], "ok": [True], "n": [3]})
    out = html_tables.table(frame)
    assert "<script" not in out and out.count("&lt;script&gt;") == 2
    assert '<td class="num">1234.57</td>' in out and "<td>yes</td>" in out
    assert '<td class="num">3</td>' in out


def test_empty_table_is_a_note():
    assert html_tables.table(pd.DataFrame({"a": []}), empty="nothing") == '<p class="empty">nothing</p>'


finite = st.floats(allow_nan=False, allow_infinity=False)


@settings(max_examples=100)  # writes and reads back a whole CSV file per example
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.text(max_size=12)),
            st.one_of(st.none(), finite),
            st.one_of(st.none(), st.integers(-(2**62), 2**62)),
            st.one_of(st.none(), st.booleans()),
        ),
        max_size=20,
    )
)
def test_csv_reads_back_as_the_same_table(rows):
    table = pa.table(
        {
            "name": pa.array([r[0] for r in rows], pa.string()),
            "fps": pa.array([r[1] for r in rows], pa.float64()),
            "batch": pa.array([r[2] for r in rows], pa.int64()),
            "is_ok": pa.array([r[3] for r in rows], pa.bool_()),
        }
    )
    data = downloads.csv_bytes(table)
    back = pacsv.read_csv(
        io.BytesIO(data),
        convert_options=pacsv.ConvertOptions(
            column_types=table.schema, strings_can_be_null=True, quoted_strings_can_be_null=False
        ),
        read_options=pacsv.ReadOptions(use_threads=False),
    )
    assert back.equals(table)


def test_csv_keeps_column_names_unquoted_and_drops_metadata():
    field = pa.field("latency_ms", pa.float64(), metadata={"unit": "ms"})
    t = pa.table([pa.array([1.0])], schema=pa.schema([field]))
    assert downloads.csv_bytes(t) == b"latency_ms\n1\n"


def test_streamed_csv_file_equals_the_csv_bytes(tmp_path):
    # more rows than one batch, a dictionary column and missing values
    n = 70_000
    table = pa.table(
        {
            "platform": pa.array(["TX2", "NCS2"] * (n // 2)).dictionary_encode(),
            "fps": [float(i) / 3 if i % 7 else None for i in range(n)],
        }
    )
    downloads.write_csv(table, tmp_path / "data/x.csv")
    assert (tmp_path / "data/x.csv").read_bytes() == downloads.csv_bytes(table)
    assert [p.name for p in (tmp_path / "data").iterdir()] == ["x.csv"]  # no temporary left
