"""The Workflow Run RO-Crate of a run (Provenance Run Crate profile 0.5), built from the
provenance records the jobs wrote (no second bookkeeping).

* the run: a ``CreateAction`` (``#run``) whose instrument is the workflow (the Snakefile, a
  ``ComputationalWorkflow``), object the raw inputs and the configuration used, result every
  file the jobs made; an ``OrganizeAction`` (``#run/engine``) whose instrument is Snakemake;
* one ``CreateAction`` per job (``#job/<record name>``): instrument its rule (a
  ``SoftwareApplication``, ``#rule/<rule>``, whose parts are the code files with their
  sha256), object its input files and parameters, result its outputs; a ``ControlAction``
  ties it to the rule's ``HowToStep`` (``#step/<rule>``);
* every file with ``contentSize`` and ``sha256``. Files under the results folder (the crate
  root) have their relative path as id; raw inputs, configuration tables and code live
  outside it and get a local id ``#`` + their logical path (``#raw_data/platforms.csv``);
* the versions of Python and the key packages, the git commit, and the licence of input
  files that :func:`read_licences` declares.

Nothing without a true value is written: no start or end times (the records keep none), no
author, no git commit where git could not tell. ``datePublished`` (required by RO-Crate)
is the ``SOURCE_DATE_EPOCH`` of the run when set, else the commit time of the code: the
same inputs and code give a byte-identical crate.

:func:`build` puts the parts together: ``crate_ids`` (how entities are named),
``crate_workflow`` (the workflow, its rules and steps, the packages), ``crate_actions`` (the
configuration, the jobs and the run), ``crate_files`` (the files and their licences).
"""

from __future__ import annotations

import datetime as dt
import json

from rocrate.rocrate import ROCrate

from .crate_actions import add_config, add_jobs, add_run
from .crate_files import add_files
from .crate_ids import WORKFLOW, job_name, ref
from .crate_workflow import add_software, add_workflow

PROFILES = (
    "https://w3id.org/ro/wfrun/process/0.5",
    "https://w3id.org/ro/wfrun/workflow/0.5",
    "https://w3id.org/ro/wfrun/provenance/0.5",
    "https://w3id.org/workflowhub/workflow-ro-crate/1.0",
)
METADATA = "ro-crate-metadata.json"


def date_published(git_commit_time: int | None, source_date_epoch: int | None) -> str | None:
    """ISO date-time (UTC) of ``SOURCE_DATE_EPOCH`` when given, else of the commit.

    >>> date_published(1764500000, None), date_published(1, 0)
    ('2025-11-30T10:53:20+00:00', '1970-01-01T00:00:00+00:00')
    """
    stamp = source_date_epoch if source_date_epoch is not None else git_commit_time
    if stamp is None:
        return None
    return dt.datetime.fromtimestamp(stamp, dt.UTC).isoformat()


def build(
    records: list[dict],
    *,
    sizes: dict[str, int],
    config: dict,
    licences: list[dict],
    published: str,
    workflow_files: dict[str, str],
) -> dict:
    """The crate's JSON-LD (a dict) from the records of one run.

    ``sizes``: logical path → size in bytes of every file the records name (those found on
    disk; a file not found gets no ``contentSize``). ``config``: the configuration the run
    used. ``published``: the root's ``datePublished``. ``workflow_files``: logical path →
    sha256 of the copy of the workflow definition in the crate (``results/workflow/…``, the
    Snakefile, its rule files and the artifact catalogue with its schema), which the main
    workflow entity describes.
    """
    records = sorted(records, key=job_name)
    crate = ROCrate(version="1.3")
    files: dict[str, str] = {}  # logical path → sha256 (the first record naming it wins)
    for r in records:
        for kind in ("inputs", "code", "outputs"):
            for entry in r[kind]:
                files.setdefault(entry["path"], entry["sha256"])
    files.update(workflow_files)
    made = sorted({o["path"] for r in records for o in r["outputs"]} | set(workflow_files))
    raw = sorted(p for p in files if p.startswith("raw_data/") and p not in made)
    versions = records[0]["versions"] if records else {}
    git = next((r["git"] for r in records if r.get("git", {}).get("commit")), {})
    is_dirty = any(r.get("git", {}).get("dirty") for r in records)

    describe_root(crate, published)
    packages = add_software(crate, versions)
    add_workflow(crate, records, packages, git, is_dirty)
    config_ids = add_config(crate, config)
    controls = add_jobs(crate, records)
    add_run(crate, raw, made, config_ids, controls)
    add_files(crate, files, sizes, licences, made)
    return crate.metadata.generate()


def describe_root(crate: ROCrate, published: str) -> None:
    """The root dataset's name, description, date and profiles, and the profiles' entities."""
    root = crate.root_dataset
    root["name"] = "qutiflow run: neural-network hardware benchmark analysis (QuTiBench)"
    root["description"] = (
        "Tables, roofline predictions, pareto fronts, figures and website "
        "made by one run of the qutiflow Snakemake pipeline, with the "
        "provenance of every job."
    )
    root["datePublished"] = published
    root["conformsTo"] = [ref(p) for p in PROFILES]
    root["mainEntity"] = ref(WORKFLOW)
    root["mentions"] = [ref("#run")]
    # RO-Crate 1.3 context and terms; the Provenance Run Crate profile 0.5 is defined on 1.1
    crate.metadata["conformsTo"] = [
        ref("https://w3id.org/ro/crate/1.1"),
        ref("https://w3id.org/ro/crate/1.3"),
    ]
    # ComputationalWorkflow as RO-Crate 1.1 and Workflow RO-Crate 1.0 name it (the 1.3
    # context says bioschemas.org/terms/…); the profile's shapes check this IRI
    crate.metadata.extra_terms["ComputationalWorkflow"] = "https://bioschemas.org/ComputationalWorkflow"
    for profile, name in zip(
        PROFILES, ("Process Run Crate", "Workflow Run Crate", "Provenance Run Crate", "Workflow RO-Crate")
    ):
        crate.add_jsonld(
            {"@id": profile, "@type": "CreativeWork", "name": name, "version": profile.rsplit("/", 1)[1]}
        )


def dumps(metadata: dict) -> str:
    """The crate as text: keys sorted, entities in the order built (deterministic)."""
    return json.dumps(metadata, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
