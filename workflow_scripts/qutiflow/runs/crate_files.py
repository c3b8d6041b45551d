"""The files of the run's crate: each with ``contentSize`` and ``sha256``, raw inputs with the
licence their data folder declares (:func:`read_licences`), the results' licence."""

from __future__ import annotations

import csv
import fnmatch
import re
from pathlib import Path

from rocrate.rocrate import ROCrate

from .crate_ids import WORKFLOW, file_id, ref

#: the root's licence when no input declares one (RO-Crate requires a licence on the root)
UNDECLARED = "#licence/undeclared"
LICENCE_COLUMNS = ("path", "license", "license_name", "copyright_holder", "notice")


def read_licences(path: Path | None) -> list[dict]:
    """Rows of a licence table (columns :data:`LICENCE_COLUMNS`; ``path`` is a glob relative to
    the raw-data folder). An absent table declares nothing."""
    if path is None or not Path(path).is_file():
        return []
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    missing = [c for c in LICENCE_COLUMNS if rows and c not in rows[0]]
    if missing:
        raise ValueError(
            f"{path}: column(s) {', '.join(missing)} missing; the table needs {', '.join(LICENCE_COLUMNS)}"
        )
    return rows


def licence_of(logical: str, licences: list[dict]) -> dict | None:
    """The first licence row whose glob matches a raw input (``raw_data/…``)."""
    if not logical.startswith("raw_data/"):
        return None
    rel = logical.removeprefix("raw_data/")
    return next((row for row in licences if fnmatch.fnmatch(rel, row["path"])), None)


def add_files(
    crate: ROCrate, files: dict[str, str], sizes: dict[str, int], licences: list[dict], made: list[str]
) -> None:
    """Every file (logical path → sha256), the root's parts (``made``) and the licences."""
    root = crate.root_dataset
    holders = {}
    for logical in sorted(files):
        entity = {"@id": file_id(logical), "@type": "File", "name": logical, "sha256": files[logical]}
        if logical in sizes:
            entity["contentSize"] = str(sizes[logical])
        if entity["@id"] == WORKFLOW:  # described above as the main workflow
            del entity["@id"], entity["@type"], entity["name"]
            crate.get(WORKFLOW).properties().update(entity)
            continue
        row = licence_of(logical, licences)
        if row:
            entity["license"] = ref(row["license"])
            holder = "#organization/" + re.sub(r"[^A-Za-z0-9]+", "-", row["copyright_holder"]).strip("-")
            holders[holder] = row
            entity["copyrightHolder"] = ref(holder)
            entity["copyrightNotice"] = row["notice"]
        crate.add_jsonld(entity)
    root["hasPart"] = [ref(file_id(p)) for p in made]
    declared = {r["license"]: r for r in holders.values()}
    for row in declared.values():
        crate.add_jsonld({"@id": row["license"], "@type": "CreativeWork", "name": row["license_name"]})
    root["license"] = ref(UNDECLARED)
    crate.add_jsonld(
        {
            "@id": UNDECLARED,
            "@type": "CreativeWork",
            "name": "no licence declared for the results",
            "description": "The pipeline declares no licence for what it made. Input "
            "files carry their own licence where their data folder declares one "
            + (
                f"(here: {', '.join(r['license_name'] for r in declared.values())}, "
                "property license of each file)."
                if declared
                else "(here: none declared)."
            ),
        }
    )
    for holder, row in sorted(holders.items()):
        crate.add_jsonld({"@id": holder, "@type": "Organization", "name": row["copyright_holder"]})
