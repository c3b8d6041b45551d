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
"""

from __future__ import annotations

import csv
import datetime as dt
import fnmatch
import json
import re
from pathlib import Path

from rocrate.rocrate import ROCrate

PROFILES = (
    "https://w3id.org/ro/wfrun/process/0.5",
    "https://w3id.org/ro/wfrun/workflow/0.5",
    "https://w3id.org/ro/wfrun/provenance/0.5",
    "https://w3id.org/workflowhub/workflow-ro-crate/1.0",
)
METADATA = "ro-crate-metadata.json"
WORKFLOW = "workflow/Snakefile"
#: the root's licence when no input declares one (RO-Crate requires a licence on the root)
UNDECLARED = "#licence/undeclared"
SNAKEMAKE_LANGUAGE = "https://w3id.org/workflowhub/workflow-ro-crate#snakemake"
LICENCE_COLUMNS = ("path", "license", "license_name", "copyright_holder", "notice")


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
    root = crate.root_dataset
    files: dict[str, dict] = {}  # logical path → sha256 (the first record naming it wins)
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

    packages = []
    for name, version in sorted(versions.items()):
        pid = f"#software/{name}"
        packages.append(ref(pid))
        crate.add_jsonld(
            {"@id": pid, "@type": "SoftwareApplication", "name": name, "softwareVersion": version}
        )
    crate.add_jsonld(
        {
            "@id": SNAKEMAKE_LANGUAGE,
            "@type": "ComputerLanguage",
            "name": "Snakemake",
            "url": ref("https://snakemake.readthedocs.io"),
            **({"version": versions["snakemake"]} if "snakemake" in versions else {}),
        }
    )

    rules = sorted({r["rule"] for r in records})
    workflow = {
        "@id": WORKFLOW,
        "@type": ["File", "SoftwareSourceCode", "ComputationalWorkflow", "HowTo"],
        "name": "Snakefile",
        "programmingLanguage": ref(SNAKEMAKE_LANGUAGE),
        "description": "copy of the workflow definition the run used (the Snakefile, "
        "its rule files under workflow/rules/ and the artifact "
        "catalogue under workflow/config/)",
        "hasPart": [ref(f"#rule/{rule}") for rule in rules],
        "step": [ref(f"#step/{rule}") for rule in rules],
        "softwareRequirements": packages,
    }
    if git.get("commit"):
        workflow["version"] = git["commit"]
        workflow["description"] += f"; qutiflow at git commit {git['commit']}" + (
            " with uncommitted changes" if is_dirty else ""
        )
    crate.add_jsonld(workflow)

    for rule in rules:
        code = sorted({c["path"] for r in records if r["rule"] == rule for c in r["code"]})
        crate.add_jsonld(
            {
                "@id": f"#rule/{rule}",
                "@type": "SoftwareApplication",
                "name": rule,
                "hasPart": [ref(file_id(c)) for c in code],
            }
        )
        crate.add_jsonld(
            {"@id": f"#step/{rule}", "@type": "HowToStep", "name": rule, "workExample": ref(f"#rule/{rule}")}
        )

    config_ids = []
    for key in sorted(config):
        config_ids.append(ref(f"#config/{key}"))
        crate.add_jsonld(
            {
                "@id": f"#config/{key}",
                "@type": "PropertyValue",
                "name": key,
                "value": json.dumps(config[key], sort_keys=True),
            }
        )
    controls = []
    for r in records:
        name = job_name(r)
        params = []
        for key in sorted(r["params"]):
            params.append(ref(f"#job/{name}/param/{key}"))
            crate.add_jsonld(
                {
                    "@id": f"#job/{name}/param/{key}",
                    "@type": "PropertyValue",
                    "name": key,
                    "value": json.dumps(r["params"][key], sort_keys=True),
                }
            )
        wildcards = ", ".join(f"{k}={v}" for k, v in sorted(r["wildcards"].items()))
        crate.add_jsonld(
            {
                "@id": f"#job/{name}",
                "@type": "CreateAction",
                "name": f"{r['rule']} ({wildcards})" if wildcards else r["rule"],
                "identifier": r["id"],
                "instrument": ref(f"#rule/{r['rule']}"),
                "actionStatus": ref("http://schema.org/CompletedActionStatus"),
                "object": [ref(file_id(i["path"])) for i in r["inputs"]] + params,
                "result": [ref(file_id(o["path"])) for o in r["outputs"]],
            }
        )
        crate.add_jsonld(
            {
                "@id": f"#job/{name}/control",
                "@type": "ControlAction",
                "instrument": ref(f"#step/{r['rule']}"),
                "object": ref(f"#job/{name}"),
            }
        )
        controls.append(ref(f"#job/{name}/control"))
    crate.add_jsonld(
        {
            "@id": "#run",
            "@type": "CreateAction",
            "name": "qutiflow pipeline run",
            "instrument": ref(WORKFLOW),
            "actionStatus": ref("http://schema.org/CompletedActionStatus"),
            "object": [ref(file_id(p)) for p in raw] + config_ids,
            "result": [ref(file_id(p)) for p in made],
        }
    )
    crate.add_jsonld(
        {
            "@id": "#run/engine",
            "@type": "OrganizeAction",
            "name": "Snakemake",
            "instrument": ref("#software/snakemake"),
            "result": ref("#run"),
            "object": controls,
        }
    )

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
    return crate.metadata.generate()


def dumps(metadata: dict) -> str:
    """The crate as text: keys sorted, entities in the order built (deterministic)."""
    return json.dumps(metadata, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
