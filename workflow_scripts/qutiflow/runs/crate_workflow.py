"""The workflow in the run's crate: the Snakefile (a ``ComputationalWorkflow``), one
``SoftwareApplication`` and ``HowToStep`` per rule, the key packages and their versions."""

from __future__ import annotations

from rocrate.rocrate import ROCrate

from .crate_ids import WORKFLOW, file_id, ref

SNAKEMAKE_LANGUAGE = "https://w3id.org/workflowhub/workflow-ro-crate#snakemake"


def add_software(crate: ROCrate, versions: dict[str, str]) -> list[dict]:
    """One ``SoftwareApplication`` per package with its version, and Snakemake as the
    workflow's language; returns references to the packages."""
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

    return packages


def add_workflow(
    crate: ROCrate, records: list[dict], packages: list[dict], git: dict, is_dirty: bool
) -> None:
    """The main workflow entity, and its rules and steps (the rules the records name)."""
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
