"""Messages and pages built from input text stay readable, valid and inert.

A huge cell is cut in every message (its full text stays in the input file, at the line
and column the message names); a suggested alias line is valid CSV for any name; a
figure's standalone HTML page escapes its embedded spec as the site's pages do.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import altair as alt
import pandas as pd
import pytest
import validate_measurements
from helpers import csv_text, write
from qutiflow.errors import InputError
from qutiflow.figures.save import offline_html, save_chart
from qutiflow.readers.measurements import read_measurement_file

REPO = Path(__file__).resolve().parents[2]
ALIASES = REPO / "config" / "aliases.csv"
HEADER = [
    "NN_Topology",
    "HWType",
    "Datatype",
    "Op mode",
    "batch/thread/stream",
    "lat-sys",
    "lat-comp",
    "PruningFactor",
]
ROW = {
    "NN_Topology": "CNV",
    "HWType": "TX2",
    "Datatype": "FP16",
    "Op mode": "maxn",
    "batch/thread/stream": "4",
    "lat-sys": "1.6",
    "lat-comp": "0.59",
    "PruningFactor": "25%",
}
HUGE = 10_000_000
#: a bound on a message or log about one huge cell: far below the cell, room for the text
BOUND = 4_000


def write_master(tmp_path: Path, header: list[str], row: dict[str, str]) -> str:
    return write(tmp_path, "measurements/m.csv", csv_text(header, [[row.get(h, "") for h in header]]))


def validate(tmp_path: Path, path: str) -> InputError:
    with pytest.raises(InputError) as info:
        validate_measurements.main(
            measurements=[path],
            aliases=str(ALIASES),
            topologies=str(REPO / "config" / "topologies.csv"),
            op_counts=str(REPO / "config" / "op_counts.csv"),
            output=str(tmp_path / "out.parquet"),
            raw_data=str(tmp_path),
            log=str(tmp_path / "validate.log"),
        )
    return info.value


# ------------------------------------------------------------------ huge values


@pytest.mark.parametrize(
    "column, message", [("NN_Topology", "unknown topology name"), ("lat-comp", "is not a number")]
)
def test_a_10_mb_cell_gives_a_short_message(tmp_path, column, message):
    path = write_master(tmp_path, HEADER, {**ROW, column: "x" * HUGE})
    err = validate(tmp_path, path)
    text = str(err)
    assert len(text) < BOUND
    assert f"measurements/m.csv, column '{column}': {message}" in text
    assert f"  line 2: '{'x' * 80}'… ({HUGE} characters)" in text
    assert len([p for p in err.problems if p.value == "x" * HUGE]) == 1  # kept for callers


def test_a_10_mb_header_cell_gives_a_short_log(tmp_path):
    """An unknown column is noted in the log; a repeated one is an error: both cut."""
    name = "y" * HUGE
    path = write_master(tmp_path, HEADER + [name, name], ROW)
    err = validate(tmp_path, path)
    assert len(str(err)) < BOUND
    assert f"column 9 '{'y' * 80}'… ({HUGE} characters) and column 10" in str(err)
    path = write_master(tmp_path, HEADER + [name], ROW)
    _, notes = read_measurement_file(path, "measurements/m.csv")
    assert len(notes) == 1 and len(notes[0]) < 300 and f"({HUGE} characters)" in notes[0]


def test_a_10_mb_first_line_that_is_no_header_gives_a_short_message(tmp_path):
    path = tmp_path / "measurements" / "m.csv"
    path.parent.mkdir(parents=True)
    path.write_text("z" * HUGE + "\n1\n", encoding="utf-8")
    err = validate(tmp_path, str(path))
    assert len(str(err)) < BOUND and "not a measurement file" in str(err)


def test_a_10_mb_cell_beside_a_malformed_line_is_reported_not_a_crash(tmp_path):
    """Physical line numbers are then counted with the csv module, whose default cell
    limit (128 KiB) used to end the run with a traceback."""
    path = write_master(tmp_path, HEADER, {**ROW, "NN_Topology": "x" * HUGE})
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("CNV,TX2,FP16,maxn,4,1.6,0.59,25%,extra\n")  # line 3
    err = validate(tmp_path, path)
    assert len(str(err)) < BOUND
    assert {(p.line, p.message) for p in err.problems} == {
        (2, "unknown topology name"),
        (3, "line has more fields than the header (8)"),
    }


def test_a_10_mb_unknown_name_is_not_suggested_as_an_alias(vocab):
    [p] = vocab.unknown_problems(
        "topology",
        pd.Series(["x" * HUGE]),
        pd.Series([True]),
        pd.Series([5]),
        file="m.csv",
        column="NN_Topology",
    )
    assert len(p.fix) < 300
    assert "'topology,<the name on line 5>,<canonical id>,,'" in p.fix


# ------------------------------------------------------------ suggested alias line


@pytest.mark.parametrize("name", ['Res"Net, 50', "a,b", '"quoted"', "it's", " padded ", "two\nlines"])
def test_suggested_alias_line_is_valid_csv(vocab, name):
    [p] = vocab.unknown_problems(
        "topology", pd.Series([name]), pd.Series([True]), pd.Series([3]), file="m.csv", column="NN_Topology"
    )
    line = re.fullmatch(r".*add a line '(.*)' to config/aliases\.csv", p.fix, re.S).group(1)
    [row] = list(csv.reader([line] if "\n" not in line else line.splitlines(keepends=True)))
    assert row == ["topology", name, "<canonical id>", "", ""]


# ------------------------------------------------------------ standalone pages

DANGEROUS = ["</script>", "<!--", "\u2028", "&"]


def embedded_spec(page: str) -> str:
    """The JSON text that the page passes to vegaEmbed."""
    return re.search(r'vegaEmbed\("#vega-chart", (.*), \{"renderer": "svg"\}\)', page, re.S).group(1)


def assert_inert(script: str) -> None:
    for bad in DANGEROUS + ["</", "<", ">", "\u2029"]:
        assert bad not in script, bad


def test_standalone_page_escapes_the_spec_fully():
    spec = {
        "title": "a </script><script>alert(1)</script> <!-- b \u2028 c \u2029 & d",
        "data": {"values": [{"name": "x & <y>"}]},
    }
    text = json.dumps(spec, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    page = offline_html(text, bundle="", title=spec["title"])
    script = embedded_spec(page)
    assert_inert(script)
    assert json.loads(script) == spec
    assert page.count("</script>") == 2  # the bundle's and the spec's, nothing else
    assert "<!--" not in page


def test_saved_chart_page_escapes_the_spec_fully(tmp_path):
    title = "T </script> <!-- \u2028 &"
    chart = (
        alt.Chart(pd.DataFrame({"x": [1, 2], "label": ["<b>", "&amp;"]}), title=title)
        .mark_point()
        .encode(x="x:Q", tooltip="label:N")
    )
    save_chart(chart, tmp_path / "c", bundle="", record_id="test")
    page = (tmp_path / "c.html").read_text(encoding="utf-8")
    script = embedded_spec(page)
    assert_inert(script)
    spec = json.loads(script)
    assert spec == json.loads((tmp_path / "c.vl.json").read_text(encoding="utf-8"))
    assert spec["title"] == title
