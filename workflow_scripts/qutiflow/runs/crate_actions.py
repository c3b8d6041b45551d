"""The run and its jobs in the run's crate: the configuration as ``PropertyValue``s, one
``CreateAction`` per job tied to its rule's step by a ``ControlAction``, the run's
``CreateAction`` and Snakemake's ``OrganizeAction``."""

from __future__ import annotations

import json

from rocrate.rocrate import ROCrate

from .crate_ids import WORKFLOW, file_id, job_name, ref


def add_config(crate: ROCrate, config: dict) -> list[dict]:
    """One ``PropertyValue`` per top-level config key; returns references to them."""
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
    return config_ids


def add_jobs(crate: ROCrate, records: list[dict]) -> list[dict]:
    """One ``CreateAction`` (with its parameters) and ``ControlAction`` per record; returns
    references to the control actions."""
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
    return controls


def add_run(
    crate: ROCrate, raw: list[str], made: list[str], config_ids: list[dict], controls: list[dict]
) -> None:
    """The run's ``CreateAction`` and the engine's ``OrganizeAction``."""
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
