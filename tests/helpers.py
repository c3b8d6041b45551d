"""Small helpers shared by the unit tests: writing an input file, a vocabulary (the
repository's or a hand-made one), columns with their missing values made comparable, the
elements of an HTML page, the marks and data rows of a Vega-Lite spec, frames with text
columns typed as the pipeline types them."""

from __future__ import annotations

import csv
import hashlib
import io as stdio
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
from qutiflow import io, reference
from qutiflow.vocabulary import Vocabulary

CONFIG = Path(__file__).resolve().parent.parent / "config"
#: the repository's aliases (the vocabulary every run uses)
ALIASES_CSV = CONFIG / "aliases.csv"

#: a hand-made aliases table; the comments give each line's number (for messages)
ALIASES = (
    "kind,spelling,canonical,op_mode,note\n"
    "platform,ZCU104-DPU,ZCU104-DPU,,\n"  # line 2
    "platform,ZCU102-DPU,ZCU102-DPU,,\n"  # line 3
    "platform,ZCU104-BISMO,ZCU104-BISMO,,\n"  # line 4
    "platform,TX2 maxn,TX2,maxn,\n"  # line 5
    "platform,TX2,TX2,,\n"  # line 6
    "platform,tx2,TX2,,same line again in other case: not a conflict\n"  # line 7
    "op_mode,maxn,maxn,,\n"  # line 8
    "op_mode,maxq,maxq,,\n"  # line 9
    "topology,ResNet-50,ResNet-50,,\n"  # line 10
    "topology,RN50,ResNet-50,,\n"  # line 11
    "topology,GoogLeNetv1,GoogLeNetv1,,\n"  # line 12
    "topology,CNV,CNV,,\n"  # line 13
    "topology,MLP,MLP,,\n"  # line 14
    "task,imagenet,imagenet,,\n"
    "task,cifar10,cifar10,,\n"
    "task,mnist,mnist,,\n"
)


#: the measured figures of a task, written out by hand: what the workflow tests expect
MEASURED_FIGURES = [
    "design_pareto",
    "overlapped_pareto",
    "efficiency",
    "latency_throughput",
    "boxplot_latency",
    "boxplot_throughput",
    "boxplot_power",
    "power_bars",
    "energy_per_inference",
    "fps_per_watt",
]


def sha(data: bytes) -> str:
    """The sha256 of bytes, in hex (the digest provenance records carry)."""
    return hashlib.sha256(data).hexdigest()


def write(folder: Path, name: str, text: str | bytes) -> str:
    """``text`` (UTF-8) or bytes into ``folder/name``, its folders made as needed; the path
    as text, as the readers take it."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """A CSV table as the csv module writes it (quoted where needed, "\\n" line ends)."""
    buf = stdio.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def config_vocabulary() -> Vocabulary:
    """The vocabulary of the repository's config/aliases.csv (also the `vocab` fixture)."""
    return reference.vocabulary(io.read_csv_text(ALIASES_CSV, "config/aliases.csv"))


def vocab_from(tmp_path: Path, text: str = ALIASES) -> Vocabulary:
    """The vocabulary of a hand-made aliases table (default :data:`ALIASES`), read as
    config/aliases.csv."""
    return reference.vocabulary(io.read_csv_text(write(tmp_path, "aliases.csv", text), "config/aliases.csv"))


def nan_list(series: pd.Series) -> list:
    """Values with every kind of missing value as None (for exact comparisons)."""
    return [None if pd.isna(v) else v for v in series.tolist()]


def records(frame: pd.DataFrame, columns: list[str]) -> list[list]:
    """Rows of ``columns``, every kind of missing value as None (for exact comparisons)."""
    return [[None if pd.isna(v) else v for v in r] for r in frame[columns].values.tolist()]


class Elements(HTMLParser):
    """Every start tag with its attributes, the text inside each script element, and the
    text outside scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._in_script: dict | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        else:
            self.text.append(data)


def parse_html(html: str) -> Elements:
    """The :class:`Elements` of one page's text."""
    p = Elements()
    p.feed(html)
    p.close()
    return p


def mark(unit: dict) -> str:
    """The mark type of a Vega-Lite unit (written as a name or as an object)."""
    return unit["mark"]["type"] if isinstance(unit["mark"], dict) else unit["mark"]


def spec_rows(spec: dict, unit: dict | None = None) -> list[dict]:
    """The data rows of a layer (or of the whole chart when the layers share data)."""
    for part in (unit or {}, spec):
        if "data" in part:
            return spec["datasets"][part["data"]["name"]]
    raise AssertionError("no data")


def with_strings(frame: pd.DataFrame, *cols: str) -> pd.DataFrame:
    """``frame`` with the text columns ``cols`` as the pipeline gives them (pandas 'string')."""
    return frame.astype({c: "string" for c in cols})
