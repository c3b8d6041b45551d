"""Shared by the site's workflow and browser tests: the tiny fixture data plus a platform
whose name is a script tag, added through test-only copies of the reference tables."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO, TINY, snakemake

EVIL = "<script>alert(1)</script>"
QUTIBENCH_OVERLAY = "tests/config/qutibench.yaml"


def evil_inputs(folder: Path) -> tuple[Path, Path]:
    """A copy of the tiny data with one more platform, named :data:`EVIL`: an alias, a
    hardware family, a catalogue row and a measurement row (CNV 50 % INT2, as the
    ZCU104-FINN rows). Returns (raw_data folder, config overlay)."""
    raw = folder / "raw"
    shutil.copytree(TINY, raw)
    ref = folder / "reference"
    ref.mkdir()
    aliases = (REPO / "config/aliases.csv").read_text(encoding="utf-8").rstrip("\n")
    (ref / "aliases.csv").write_text(
        aliases + f"\nplatform,{EVIL},{EVIL},,test only: escaping\n", encoding="utf-8"
    )
    families = (REPO / "config/platform_families.csv").read_text(encoding="utf-8").rstrip("\n")
    (ref / "platform_families.csv").write_text(
        families + f"\n{EVIL},CPU,test only: escaping\n", encoding="utf-8"
    )
    with open(raw / "platforms.csv", "a", encoding="utf-8") as fh:
        fh.write(f"{EVIL},,INT2,1,10,1,5,test fixture (escaping)\n")
    with open(raw / "measurements/bench_master.csv", "a", encoding="utf-8") as fh:
        fh.write(f"CNV,{EVIL},INT2,,1,0.6,0.5,1666,2000,,,84.29,,,,3.5,,50%,l3,1,10,0.12\n")
    overlay = folder / "evil.yaml"
    overlay.write_text(
        "reference:\n"
        f"  aliases: {ref / 'aliases.csv'}\n"
        "  topologies: config/topologies.csv\n"
        "  op_counts: config/op_counts.csv\n"
        f"  platform_families: {ref / 'platform_families.csv'}\n",
        encoding="utf-8",
    )
    return raw, overlay


def build(raw: Path, results: Path, *overlays: str | Path, target: str = "build_site"):
    """Run the pipeline up to the site (and the figures it needs) into ``results``."""
    return snakemake(
        target, "--configfile", *map(str, overlays), "--config", f"raw_data={raw}", f"results={results}"
    )
