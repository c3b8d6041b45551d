"""How the run's crate names its entities: files by logical path, jobs by record."""

from __future__ import annotations

WORKFLOW = "workflow/Snakefile"


def ref(entity_id: str) -> dict:
    return {"@id": entity_id}


def file_id(logical: str) -> str:
    """Crate id of a file named by its logical path.

    >>> file_id("results/imagenet/figures/roofline.svg"), file_id("raw_data/platforms.csv")
    ('imagenet/figures/roofline.svg', '#raw_data/platforms.csv')
    """
    return logical.removeprefix("results/") if logical.startswith("results/") else f"#{logical}"


def job_name(record: dict) -> str:
    """``<rule>[-<wildcard values>]``, the record's file name without ``.json``."""
    values = [str(record["wildcards"][k]) for k in sorted(record["wildcards"])]
    return "-".join([record["rule"], *values])
