"""Architecture facts of the platforms for the level-1 model (``config/platform_architecture.csv``).

One row per platform (facts that do not differ by op mode or datatype)::

    platform,onchip_weight_mb,onchip_kind,weight_link,weight_link_gbps,batch_reuse,
    array_rows,array_cols,source

* ``onchip_weight_mb`` [MB = 10^6 bytes]: on-chip memory that can keep weights between
  inferences (``onchip_kind`` names it: one of :data:`ONCHIP_KINDS`; ``none`` with 0 MB);
* ``weight_link``: where weights that do not fit come from (:data:`WEIGHT_LINKS`);
  ``weight_link_gbps`` [GB/s = 10^9 bytes per second] its effective bandwidth, empty for
  ``dram`` to mean the platform catalogue's ``bandwidth_gbps`` (required for a host link);
* ``batch_reuse`` (``true``/``false``): the runtime runs a batch layer by layer, reading
  each weight once per batch;
* ``array_rows`` × ``array_cols``: input × output channels the compute array processes per
  cycle (channel counts round up to them), both or neither;
* ``source``: where every value of the row comes from; an assumption says so.

:func:`platform_architecture` reads and checks the table (every problem with file, line,
column, value and fix); :func:`architecture_for` joins it onto the normalised platform rows
and applies the documented defaults (:data:`DEFAULTS`) where a value is missing, with one
note per platform and default for the log.
"""

from __future__ import annotations

import pandas as pd

from .errors import InputError, Problem, shown
from .io import LINE, CsvText
from .parse import Rule, parse_column
from .readers.catalogue import cells, duplicate_keys, missing_columns, resolve
from .schemas import PLATFORMS, Column, check_columns
from .vocabulary import Vocabulary

#: what holds weights on chip (``none``: nothing is kept between inferences)
ONCHIP_KINDS = ("bram_uram", "sram", "cmx", "l2_cache", "l3_cache", "none")
#: where weights that do not fit come from; every link but ``dram`` is a host link
WEIGHT_LINKS = ("dram", "usb2", "usb3", "pcie_gen2_x1", "pcie_gen3_x4")
BOOLEANS = {"true": True, "false": False}

COLUMNS = [
    "platform",
    "onchip_weight_mb",
    "onchip_kind",
    "weight_link",
    "weight_link_gbps",
    "batch_reuse",
    "array_rows",
    "array_cols",
    "source",
]

ONCHIP_MB = Rule("a number of MB (10^6 bytes) from 0 to 100000", minimum=0, maximum=1e5)
LINK_GBPS = Rule(
    "a positive number of GB/s (10^9 bytes per second) up to 10000", minimum=0, strict=True, maximum=1e4
)
ARRAY = Rule("a whole number of channels from 1 to 65536", minimum=1, maximum=65536, integer=True)

#: what a missing value means (applied and noted by :func:`architecture_for`)
DEFAULTS = {
    "onchip_weight_mb": "0 MB on chip: every weight streams over the weight link",
    "weight_link": "weights stream from dram",
    "weight_link_gbps": "the dram link runs at the catalogue's bandwidth_gbps",
    "batch_reuse": "batch reuse: a batch runs layer by layer",
    "array": "no array shape: no rounding",
}

#: the columns :func:`architecture_for` adds to the platform rows
JOINED = [
    Column(
        "onchip_weight_mb",
        "float",
        "MB",
        "on-chip memory that keeps weights between inferences (0 where none or not known)",
    ),
    Column("onchip_kind", "str", "", "what holds them: " + ", ".join(ONCHIP_KINDS)),
    Column("weight_link", "str", "", "where weights that do not fit come from: " + ", ".join(WEIGHT_LINKS)),
    Column("weight_link_gbps", "float", "GB/s", "effective bandwidth of the weight link"),
    Column(
        "is_host_link",
        "bool",
        "",
        "true when the weight link is a host link (USB, PCIe), not the device's DRAM",
    ),
    Column(
        "batch_reuse", "bool", "", "true when a batch runs layer by layer, each weight read once per batch"
    ),
    Column("array_rows", "int", "", "input channels the compute array processes per cycle (1: no rounding)"),
    Column("array_cols", "int", "", "output channels the compute array processes per cycle (1: no rounding)"),
    Column("architecture_source", "str", "", "where the architecture facts come from"),
]
NO_ROW = "no row in the architecture table: defaults"
#: the platform columns :func:`architecture_for` needs
NEEDED = ("platform", "op_mode", "datatype", "bandwidth_gbps")
#: header names that would make facts differ by op mode or datatype (not supported)
PER_MODE = ("op_mode", "datatype")


def platform_architecture(text: CsvText, vocab: Vocabulary) -> pd.DataFrame:
    """Read and check the architecture table; one row per canonical platform.

    Missing values stay missing (NaN / <NA>): :func:`architecture_for` applies the defaults.
    Raises :class:`~qutiflow.errors.InputError` with every problem of the file.

    Returns
    -------
    DataFrame
        ``platform, onchip_weight_mb, onchip_kind, weight_link, weight_link_gbps,
        batch_reuse, array_rows, array_cols, source`` (str, float, str, str, float,
        boolean, Int64, Int64, str).
    """
    problems = missing_columns(text, COLUMNS)
    header = [h.strip() for h in text.header[0]]
    problems += [
        Problem(
            text.name,
            1,
            c,
            None,
            "facts per op mode or datatype are not supported: the table has one row per platform",
            f"delete the column {c!r} and keep one row per platform",
        )
        for c in PER_MODE
        if c in header
    ]
    if problems:
        raise InputError(problems)
    name, lines = text.name, text.rows[LINE]
    col = {c: cells(text, c).fillna("") for c in COLUMNS}

    plat = resolve(vocab, "platform", col["platform"], text, "platform", problems)
    moded = plat.op_mode.notna()
    for value, ln, mode in zip(col["platform"][moded], lines[moded], plat.op_mode[moded]):
        problems.append(
            Problem(
                name,
                int(ln),
                "platform",
                value,
                f"the name carries the op mode {shown(mode)}; the table has "
                "one row per platform for all its op modes",
                "write the platform's name without its op mode",
            )
        )

    onchip, p = parse_column(col["onchip_weight_mb"], lines, ONCHIP_MB, file=name, column="onchip_weight_mb")
    problems += p
    kind = _choice(col["onchip_kind"], lines, ONCHIP_KINDS, name, "onchip_kind", problems)
    link = _choice(col["weight_link"], lines, WEIGHT_LINKS, name, "weight_link", problems)
    gbps, p = parse_column(col["weight_link_gbps"], lines, LINK_GBPS, file=name, column="weight_link_gbps")
    problems += p
    reuse = _boolean(col["batch_reuse"], lines, name, "batch_reuse", problems)
    rows, p = parse_column(col["array_rows"], lines, ARRAY, file=name, column="array_rows")
    problems += p
    cols, p = parse_column(col["array_cols"], lines, ARRAY, file=name, column="array_cols")
    problems += p

    given = col["onchip_weight_mb"] != ""
    _pair(
        problems,
        name,
        lines,
        (given & (col["onchip_kind"] == "")) | (~given & kind.notna()),
        "onchip_kind",
        col["onchip_kind"],
        "onchip_weight_mb and onchip_kind go together",
        "fill both (0 and none where nothing stays on chip) or leave both empty",
    )
    _pair(
        problems,
        name,
        lines,
        (kind == "none").fillna(False) & (onchip > 0).fillna(False),
        "onchip_kind",
        col["onchip_kind"],
        "kind none with a positive onchip_weight_mb",
        "write 0 MB for none, or name the memory that holds the weights",
    )
    _pair(
        problems,
        name,
        lines,
        (kind != "none").fillna(False) & (onchip == 0).fillna(False),
        "onchip_kind",
        col["onchip_kind"],
        "a memory kind with 0 MB",
        "write its size in MB, or none where nothing stays on chip",
    )
    host_link = (link.notna() & (link != "dram")).fillna(False)
    _pair(
        problems,
        name,
        lines,
        host_link & (col["weight_link_gbps"] == ""),
        "weight_link_gbps",
        col["weight_link_gbps"],
        "a host link needs its bandwidth (only dram falls back to the catalogue)",
        "write the link's effective bandwidth in GB/s",
    )
    _pair(
        problems,
        name,
        lines,
        (col["weight_link"] == "") & (col["weight_link_gbps"] != ""),
        "weight_link",
        col["weight_link"],
        "a bandwidth without its link",
        "name the link the bandwidth belongs to (dram, usb3, ...)",
    )
    _pair(
        problems,
        name,
        lines,
        (col["array_rows"] == "") != (col["array_cols"] == ""),
        "array_cols",
        col["array_cols"],
        "array_rows and array_cols go together",
        "fill both (input × output channels per cycle) or leave both empty",
    )
    _pair(
        problems,
        name,
        lines,
        col["source"] == "",
        "source",
        col["source"],
        "source is empty",
        "name where the row's values come from (document, page or URL; 'assumption: …' for an assumption)",
    )

    frame = pd.DataFrame(
        {
            "platform": plat.canonical,
            "onchip_weight_mb": onchip,
            "onchip_kind": kind,
            "weight_link": link,
            "weight_link_gbps": gbps,
            "batch_reuse": reuse,
            "array_rows": rows.astype("Int64"),
            "array_cols": cols.astype("Int64"),
            "source": col["source"].astype("string"),
            "_file": name,
            "_line": lines,
        }
    )
    problems += duplicate_keys(frame, ["platform"], file_col="_file", line_col="_line", what="platform")
    if problems:
        raise InputError(problems)
    return frame.drop(columns=["_file", "_line"]).reset_index(drop=True)


def _choice(
    values: pd.Series,
    lines: pd.Series,
    allowed: tuple[str, ...],
    file: str,
    column: str,
    problems: list[Problem],
) -> pd.Series:
    """Cells that must be one of ``allowed`` (case-insensitive); empty → <NA>."""
    low = values.str.lower()
    bad = (low != "") & ~low.isin(allowed)
    for value, ln in zip(values[bad], lines[bad]):
        problems.append(
            Problem(file, int(ln), column, value, f"unknown {column}", f"use one of {', '.join(allowed)}")
        )
    return low.where((low != "") & ~bad).astype("string")


def _boolean(
    values: pd.Series, lines: pd.Series, file: str, column: str, problems: list[Problem]
) -> pd.Series:
    """``true``/``false`` cells (case-insensitive); empty → <NA>."""
    low = values.str.lower()
    bad = (low != "") & ~low.isin(list(BOOLEANS))
    for value, ln in zip(values[bad], lines[bad]):
        problems.append(
            Problem(
                file,
                int(ln),
                column,
                value,
                "is not true or false",
                "write true or false (empty: the default, true)",
            )
        )
    return low.map(BOOLEANS).astype("boolean")


def _pair(
    problems: list[Problem],
    file: str,
    lines: pd.Series,
    mask: pd.Series,
    column: str,
    values: pd.Series,
    message: str,
    fix: str,
) -> None:
    for value, ln in zip(values[mask], lines[mask]):
        problems.append(Problem(file, int(ln), column, value, message, fix))


def architecture_for(platforms: pd.DataFrame, table: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The platform rows (platform × op mode × datatype) with their architecture facts.

    Missing facts get the documented defaults (:data:`DEFAULTS`): 0 MB on chip (kind
    ``none``), weights over ``dram`` at the row's own ``bandwidth_gbps``, batch reuse, no
    array rounding (1 × 1). Inputs are not changed; rows keep their order.

    Parameters
    ----------
    platforms
        Normalised platform rows (``schemas.PLATFORMS``: at least ``platform, op_mode,
        datatype, bandwidth_gbps``).
    table
        The table as :func:`platform_architecture` returns it.

    Returns
    -------
    (DataFrame, list of str)
        ``platforms`` plus the columns of :data:`JOINED`, and one note per platform and
        default applied, e.g. ``"ZCU104-FINN: no array shape: no rounding"``.

    Examples
    --------
    >>> plats = pd.DataFrame({"platform": ["X"], "op_mode": [None], "datatype": ["INT8"],
    ...                       "bandwidth_gbps": [10.0]})
    >>> table = pd.DataFrame({"platform": ["X"], "onchip_weight_mb": [2.0],
    ...     "onchip_kind": ["sram"], "weight_link": [pd.NA], "weight_link_gbps": [float("nan")],
    ...     "batch_reuse": [pd.NA], "array_rows": [pd.NA], "array_cols": [pd.NA],
    ...     "source": ["a datasheet"]})
    >>> frame, notes = architecture_for(plats, table)
    >>> print(frame[["weight_link", "weight_link_gbps", "batch_reuse", "array_rows"]]
    ...       .to_string(index=False))
    weight_link  weight_link_gbps  batch_reuse  array_rows
           dram              10.0         True           1
    >>> for n in notes: print(n)
    X: weights stream from dram
    X: the dram link runs at the catalogue's bandwidth_gbps (10 GB/s)
    X: batch reuse: a batch runs layer by layer
    X: no array shape: no rounding
    """
    check_columns(platforms, [c for c in PLATFORMS if c.name in NEEDED], what="architecture_for")
    facts = table.set_index("platform")
    known = platforms["platform"].isin(facts.index)
    at = facts.reindex(platforms["platform"].astype(object).to_numpy())
    at.index = platforms.index

    onchip = at["onchip_weight_mb"].astype("float64")
    kind = at["onchip_kind"].astype("string")
    link = at["weight_link"].astype("string")
    gbps = at["weight_link_gbps"].astype("float64")
    reuse = at["batch_reuse"].astype("boolean")
    rows, cols = at["array_rows"].astype("Int64"), at["array_cols"].astype("Int64")

    notes: list[str] = []
    for platform, idx in platforms.groupby("platform", sort=False).groups.items():
        first = idx[0]
        if not known[first]:
            notes.append(f"{platform}: {NO_ROW}")
        if pd.isna(onchip[first]):
            notes.append(f"{platform}: {DEFAULTS['onchip_weight_mb']}")
        if pd.isna(link[first]):
            notes.append(f"{platform}: {DEFAULTS['weight_link']}")
        if pd.isna(gbps[first]) and (pd.isna(link[first]) or link[first] == "dram"):
            bw = ", ".join(f"{b:g}" for b in pd.unique(platforms.loc[idx, "bandwidth_gbps"]))
            notes.append(f"{platform}: {DEFAULTS['weight_link_gbps']} ({bw} GB/s)")
        if pd.isna(reuse[first]):
            notes.append(f"{platform}: {DEFAULTS['batch_reuse']}")
        if pd.isna(rows[first]):
            notes.append(f"{platform}: {DEFAULTS['array']}")

    link = link.fillna("dram")
    out = platforms.copy()
    out["onchip_weight_mb"] = onchip.fillna(0.0)
    out["onchip_kind"] = kind.fillna("none")
    out["weight_link"] = link
    out["weight_link_gbps"] = gbps.fillna(platforms["bandwidth_gbps"].astype("float64"))
    out["is_host_link"] = (link != "dram").astype(bool)
    out["batch_reuse"] = reuse.fillna(True).astype(bool)
    out["array_rows"] = rows.fillna(1).astype("int64")
    out["array_cols"] = cols.fillna(1).astype("int64")
    out["architecture_source"] = at["source"].astype("string").where(known, NO_ROW)
    return out, notes
