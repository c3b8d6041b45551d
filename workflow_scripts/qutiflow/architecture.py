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

:func:`qutiflow.readers.architecture.platform_architecture` reads and checks the table
(every problem with file, line, column, value and fix); :func:`architecture_for` joins it
onto the normalised platform rows and applies the documented defaults (:data:`DEFAULTS`)
where a value is missing, with one note per platform and default for the log.
"""

from __future__ import annotations

import pandas as pd

from .schemas import PLATFORMS, Column, check_columns

#: what holds weights on chip (``none``: nothing is kept between inferences)
ONCHIP_KINDS = ("bram_uram", "sram", "cmx", "l2_cache", "l3_cache", "none")
#: where weights that do not fit come from; every link but ``dram`` is a host link
WEIGHT_LINKS = ("dram", "usb2", "usb3", "pcie_gen2_x1", "pcie_gen3_x4")

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
        The table as :func:`qutiflow.readers.architecture.platform_architecture` returns it.

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
    known, facts = _facts(platforms, table)
    return _with_defaults(platforms, known, facts), _default_notes(platforms, known, facts)


def _facts(platforms: pd.DataFrame, table: pd.DataFrame) -> tuple[pd.Series, dict[str, pd.Series]]:
    """Whether each platform row has a row in ``table``, and the table's facts per
    platform row, typed (missing where the table has no row or no value)."""
    facts = table.set_index("platform")
    known = platforms["platform"].isin(facts.index)
    at = facts.reindex(platforms["platform"].astype(object).to_numpy())
    at.index = platforms.index
    return known, {
        "onchip_weight_mb": at["onchip_weight_mb"].astype("float64"),
        "onchip_kind": at["onchip_kind"].astype("string"),
        "weight_link": at["weight_link"].astype("string"),
        "weight_link_gbps": at["weight_link_gbps"].astype("float64"),
        "batch_reuse": at["batch_reuse"].astype("boolean"),
        "array_rows": at["array_rows"].astype("Int64"),
        "array_cols": at["array_cols"].astype("Int64"),
        "source": at["source"].astype("string"),
    }


def _default_notes(platforms: pd.DataFrame, known: pd.Series, facts: dict[str, pd.Series]) -> list[str]:
    """One note per platform and default applied (:data:`DEFAULTS`), platforms in order."""
    onchip, link, gbps = facts["onchip_weight_mb"], facts["weight_link"], facts["weight_link_gbps"]
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
        if pd.isna(facts["batch_reuse"][first]):
            notes.append(f"{platform}: {DEFAULTS['batch_reuse']}")
        if pd.isna(facts["array_rows"][first]):
            notes.append(f"{platform}: {DEFAULTS['array']}")
    return notes


def _with_defaults(platforms: pd.DataFrame, known: pd.Series, facts: dict[str, pd.Series]) -> pd.DataFrame:
    """``platforms`` plus the columns of :data:`JOINED`: the facts, defaults where missing."""
    link = facts["weight_link"].fillna("dram")
    out = platforms.copy()
    out["onchip_weight_mb"] = facts["onchip_weight_mb"].fillna(0.0)
    out["onchip_kind"] = facts["onchip_kind"].fillna("none")
    out["weight_link"] = link
    out["weight_link_gbps"] = facts["weight_link_gbps"].fillna(platforms["bandwidth_gbps"].astype("float64"))
    out["is_host_link"] = (link != "dram").astype(bool)
    out["batch_reuse"] = facts["batch_reuse"].fillna(True).astype(bool)
    out["array_rows"] = facts["array_rows"].fillna(1).astype("int64")
    out["array_cols"] = facts["array_cols"].fillna(1).astype("int64")
    out["architecture_source"] = facts["source"].where(known, NO_ROW)
    return out
