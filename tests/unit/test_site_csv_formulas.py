"""qutiflow.site.downloads: a text cell of a CSV download that a spreadsheet would run as a
formula (first character ``=``, ``+``, ``-``, ``@``, tab or carriage return) is written
with a leading ``'``; numbers, and the Parquet download, keep their values. Every expected
line is written out by hand."""

from __future__ import annotations

import csv
import io

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from qutiflow.site import downloads


def cells(data: bytes) -> list[list[str]]:
    """The CSV read back as the cells a spreadsheet sees."""
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


@pytest.mark.parametrize(
    ("value", "line"),
    [
        ("=1+2", b'"\'=1+2"'),
        ('=HYPERLINK("http://x","click")', b'"\'=HYPERLINK(""http://x"",""click"")"'),
        ("+cmd|' /C calc'!A0", b"\"'+cmd|' /C calc'!A0\""),
        ("-2+3", b'"\'-2+3"'),
        ("@SUM(1)", b'"\'@SUM(1)"'),
        ("-5", b'"\'-5"'),  # text that looks like a number is still text: quoted
        ("=", b'"\'="'),
    ],
)
def test_a_formula_prefix_gets_a_quote(value, line):
    assert downloads.csv_bytes(pa.table({"source": [value]})) == b"source\n" + line + b"\n"


@pytest.mark.parametrize(("value", "shown"), [("\tcalc", "'\tcalc"), ("\rcalc", "'\rcalc")])
def test_a_leading_tab_or_carriage_return_gets_a_quote(value, shown):
    assert cells(downloads.csv_bytes(pa.table({"source": [value]}))) == [["source"], [shown]]


def test_the_character_anywhere_but_first_leaves_the_value_alone():
    values = ["a=b", "1-2", "x@y.org", "a+b", " =1", "'=1", "a\tb"]
    assert cells(downloads.csv_bytes(pa.table({"source": values}))) == [["source"], *([v] for v in values)]


def test_missing_and_empty_text_stay_as_they_were():
    table = pa.table({"source": ["=x", None, ""]})
    assert downloads.csv_bytes(table) == b'source\n"\'=x"\n\n""\n'


def test_numbers_are_never_quoted():
    table = pa.table(
        {
            "fps": pa.array([-1.5, 2.0, None], pa.float64()),
            "batch": pa.array([-5, 3, None], pa.int64()),
            "ok": [True, None, False],
        }
    )
    assert downloads.csv_bytes(table) == b"fps,batch,ok\n-1.5,-5,true\n2,3,\n,,false\n"


def test_dictionary_and_large_text_columns_are_neutralised():
    table = pa.table(
        {
            "platform": pa.array(["=cmd", "TX2", "=cmd", None]).dictionary_encode(),
            "origin_file": pa.array(["@SUM(1)", "a.csv", "-2+3", "b.csv"], pa.large_string()),
        }
    )
    assert downloads.csv_bytes(table) == (
        b'platform,origin_file\n"\'=cmd","\'@SUM(1)"\n"TX2","a.csv"\n"\'=cmd","\'-2+3"\n,"b.csv"\n'
    )


def test_a_column_name_is_neutralised_too():
    assert downloads.csv_bytes(pa.table({"=cmd": [1], "-x": ["a"]})) == b"'=cmd,'-x\n1,\"a\"\n"


def test_every_batch_is_neutralised(tmp_path):
    n = 70_000  # more rows than one batch
    table = pa.table({"source": ["ok"] * (n - 1) + ["=last"]})
    data = downloads.csv_bytes(table)
    assert data.endswith(b'\n"ok"\n"\'=last"\n') and data.count(b"'") == 1
    downloads.write_csv(table, tmp_path / "x.csv")
    assert (tmp_path / "x.csv").read_bytes() == data


def test_the_site_build_writes_a_neutralised_csv_and_the_parquet_byte_for_byte(tmp_path):
    table = pa.table(
        {
            "platform": pa.array(["TX2", "NCS2"]).dictionary_encode(),
            "source": ['=HYPERLINK("http://x","click")', "datasheet p. 3"],
            "fps": [-1.5, 20.0],
        }
    )
    source = tmp_path / "results/normalised/platforms.parquet"
    source.parent.mkdir(parents=True)
    pq.write_table(table, source)
    site = tmp_path / "results/site"
    written = downloads.publish(source, site, "platforms")
    assert written.equals(pq.read_table(source))  # the table as it is, for the pages
    assert (site / "data/platforms.parquet").read_bytes() == source.read_bytes()
    assert pq.read_table(site / "data/platforms.parquet").column("source")[0].as_py() == (
        '=HYPERLINK("http://x","click")'
    )
    assert (site / "data/platforms.csv").read_bytes() == (
        b"platform,source,fps\n"
        b'"TX2","\'=HYPERLINK(""http://x"",""click"")",-1.5\n'
        b'"NCS2","datasheet p. 3",20\n'
    )
