"""Rule write_ro_crate: the run as a Workflow Run RO-Crate, {results}/ro-crate-metadata.json.

Inputs: every artifact of the run (so that every job's provenance record is written), read
through the records under {results}/provenance/; the workflow definition (Snakefile and
rules/*.smk) and the artifact catalogue with its schema, copied into the crate as workflow/…; the data folder's licence table when it
has one (inputs.licences, columns path license license_name copyright_holder notice).
Outputs: ro-crate-metadata.json (qutiflow.runs.crate: one CreateAction per job, every file
with contentSize in bytes and sha256) and workflow/Snakefile, workflow/rules/<stage>.smk,
workflow/config/artifacts.yaml and workflow/config/artifacts.schema.yaml.
Params: config (the configuration of the run, paths made logical), results, workflow_copies
(each workflow input's copy, relative to the results folder, in input order).
Deterministic: no clock is read; datePublished is SOURCE_DATE_EPOCH when set, else the
commit time of the code.
"""

import os
import shutil
import subprocess
from pathlib import Path

from qutiflow import io, logs
from qutiflow.provenance.files import REPO, Roots, logical_params, sha256_file
from qutiflow.provenance.store import load_records
from qutiflow.runs import crate
from qutiflow.runs.crate_files import read_licences


def commit_time(commit):
    """Seconds since the epoch of a commit of this repository; None when git cannot tell."""
    if not commit:
        return None
    proc = subprocess.run(
        ["git", "-C", str(REPO), "show", "-s", "--format=%ct", commit],
        capture_output=True,
        text=True,
        timeout=20,
    )
    return int(proc.stdout.strip()) if proc.returncode == 0 and proc.stdout.strip() else None


def main(*, results, raw_data, workflow, output, licences=None, config=None, log=None):
    log_ = logs.setup(log, "write_ro_crate")
    results = Path(results)
    roots = Roots(results, raw_data)
    records = [r for r in load_records(results) if r["rule"] != "write_ro_crate"]
    copies = {}
    for src, copy in workflow:
        dst = results / copy
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        copies[roots.logical(dst)] = sha256_file(dst)
    named = {e["path"] for r in records for k in ("inputs", "code", "outputs") for e in r[k]}
    sizes = {}
    for path in sorted(named | set(copies)):
        physical = roots.physical(path)
        if physical.is_file():
            sizes[path] = physical.stat().st_size
    git = next((r["git"] for r in records if r.get("git", {}).get("commit")), {})
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    published = crate.date_published(commit_time(git.get("commit")), int(epoch) if epoch else None)
    if published is None:
        raise RuntimeError(
            "no datePublished for the crate: git cannot tell the commit time "
            "of the code; set SOURCE_DATE_EPOCH (seconds since 1970) and rerun"
        )
    declared = read_licences(licences[0] if licences else None)
    metadata = crate.build(
        records,
        sizes=sizes,
        config=config or {},
        licences=declared,
        published=published,
        workflow_files=copies,
    )
    io.write_bytes(crate.dumps(metadata).encode("utf-8"), output)
    log_.info(
        "wrote %s: %d jobs, %d files, %d licence rows; datePublished %s",
        output,
        len(records),
        len(sizes),
        len(declared),
        published,
    )


if "snakemake" in globals():
    smk = snakemake  # noqa: F821
    # paths under the results and raw-data folders made logical, as in the records
    logical_config = logical_params(smk.params.config, Roots(smk.params.results, smk.params.raw_data))
    logs.run_entry(
        main,
        smk,
        results=smk.params.results,
        raw_data=smk.params.raw_data,
        workflow=list(zip(smk.input.workflow, smk.params.workflow_copies)),
        output=smk.output.crate,
        licences=list(smk.input.licences),
        config=logical_config,
        log=smk.log[0],
    )
