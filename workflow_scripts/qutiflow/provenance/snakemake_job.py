"""A Snakemake job's record: :mod:`.record`'s arguments read from the job's ``snakemake``
object (rule, wildcards, params, inputs, code, the roots of its logical paths).

    begun = snakemake_job.begin(snakemake)   # before the job's work; begun["id"]
    ...
    snakemake_job.finish(snakemake, begun)   # after it succeeded
"""

from __future__ import annotations

from pathlib import Path

from . import record
from .files import Roots


def roots(smk) -> tuple[Roots, str]:
    """The roots of the job's logical paths and its raw_data folder as configured."""
    raw = smk.config.get("raw_data", "raw_data")
    return Roots(smk.config.get("results", "results"), raw), raw


def arguments(smk) -> dict:
    """The keyword arguments of :func:`.record.begin` for the job. Its ``code`` parameter
    and its script (``<scriptdir>/<rule>.py``, when that file exists) are its code; every
    input is an input but the records of other jobs it reads (its input ``records``: the
    lineage, audited as records, not as artifacts). The params ``code`` and
    ``input_sha256`` (the rerun trigger on input and code content) are left out of its
    params: they repeat the files' own hashes."""
    inputs = [f for name, files in _named_inputs(smk) if name != "records" for f in files]
    code = list(smk.params.get("code", []))
    candidate = Path(smk.scriptdir) / f"{smk.rule}.py"
    script = str(candidate) if candidate.is_file() else None
    params = {k: v for k, v in smk.params.items() if k not in ("input_sha256", "code")}
    return {
        "rule": smk.rule,
        "wildcards": dict(smk.wildcards.items()),
        "params": params,
        "inputs": inputs,
        "code": code + ([script] if script else []),
        "roots": roots(smk)[0],
    }


def begin(smk) -> dict:
    """The record of the job, begun (see :func:`.record.begin`)."""
    return record.begin(**arguments(smk))


def finish(smk, begun: dict, *, counts: list[dict] = (), warnings: list[str] = ()) -> Path:
    """Write the record :func:`begin` returned, with the job's outputs and what it counted
    and warned of, to the job's declared output ``record`` (every rule has one:
    rules/common.smk ``record_of``); the record is not among the outputs it lists."""
    job_roots, raw = roots(smk)
    path = getattr(smk.output, "record", None)
    outputs = [f for f in smk.output if f != path]
    return record.finish(
        begun,
        outputs=outputs,
        roots=job_roots,
        raw_data_root=raw,
        path=path,
        counts=counts,
        warnings=warnings,
    )


def _named_inputs(smk):
    """(name, files) per input of a job; unnamed inputs under the name ''."""
    named = set()
    out = []
    for name, value in smk.input.items():
        files = [value] if isinstance(value, str) else list(value)
        named.update(files)
        out.append((name, files))
    out.append(("", [f for f in smk.input if f not in named]))
    return out
