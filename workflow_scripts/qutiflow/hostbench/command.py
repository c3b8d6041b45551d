"""``python -m qutiflow.hostbench``: measure this machine and write it as a contribution.

The one code path of measuring the host: the command line (:func:`main`) and the opt-in
rule ``snakemake measure_host`` (``workflow_scripts/measure_host.py``) both build a
:class:`Request` and call :func:`measure`. It checks, before anything is measured, that
the platform id and the op modes are names of the alias table and that no file it would
write exists or is tracked by git (unless ``force``); then it runs the sweep and writes,
under the data folder, the measurements (tidy measurement layout), the host's platform
catalogue rows (tidy catalogue layout) and a description of the machine. Nothing is
written unless the whole sweep succeeded.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import logging
import subprocess
from pathlib import Path

from .. import io, reference
from ..errors import InputError, Problem, csv_line
from ..readers.topologies import read_topologies
from . import contribution, host, sweep

#: the files written, relative to the data folder (config key ``measure_host``)
DEFAULT_FILES = {
    "measurements": "measurements/host-cpu.csv",
    "platforms": "host_platforms.csv",
    "description": "host.md",
}
DEFAULT_PLATFORM = "Host-CPU"
#: what each file holds, for the description's list of files
WHAT = {
    "measurements": "measurements in the tidy measurement layout (one row per timing)",
    "platforms": "the measured roofline as platform-catalogue rows (tidy catalogue layout)",
    "description": "this description",
}


@dataclasses.dataclass(frozen=True)
class Request:
    """What to measure and where to write it.

    ``files`` maps ``measurements``, ``platforms`` and ``description`` to paths relative
    to ``raw_data``; ``topologies`` are the topology catalogue files (the reference
    accuracy of each model); ``threads`` replaces the preset's thread counts when given;
    ``force`` allows replacing existing and git-tracked files; ``receipt``, when given, is
    a JSON file naming every file written with its sha256."""

    raw_data: Path
    aliases: Path
    topologies: tuple[Path, ...]
    platform: str = DEFAULT_PLATFORM
    files: dict[str, str] = dataclasses.field(default_factory=lambda: dict(DEFAULT_FILES))
    quick: bool = False
    threads: tuple[int, ...] | None = None
    force: bool = False
    receipt: Path | None = None
    progress: bool = True

    def plan(self) -> sweep.Plan:
        plan = sweep.preset("quick" if self.quick else "default")
        return dataclasses.replace(plan, threads=self.threads) if self.threads else plan


def git_tracked(folder: Path, name: str) -> bool:
    """Whether git tracks ``folder/name`` (committed or staged), deleted or not. False
    outside a git work tree or without git."""
    try:
        proc = subprocess.run(
            ["git", "-C", str(folder), "ls-files", "--error-unmatch", "--", name],
            capture_output=True,
            check=False,
        )
    except OSError:
        return False
    return proc.returncode == 0


def refusals(raw_data: Path, names: list[str], *, force: bool) -> list[Problem]:
    """One problem per file that would be replaced: tracked by git, or existing. None
    with ``force``."""
    if force:
        return []
    problems = []
    for name in names:
        path = raw_data / name
        if git_tracked(raw_data, name):
            what = "is tracked by git (committed data)"
        elif path.exists() or path.is_symlink():
            what = "exists"
        else:
            continue
        problems.append(
            Problem(
                str(path),
                None,
                None,
                None,
                f"{what}: measuring this machine would replace it",
                "pass --force to replace it (snakemake: --config measure_force=true), or "
                "write elsewhere (--raw-data DIR, or the file options)",
            )
        )
    return problems


def name_problems(vocab, platform: str, plan: sweep.Plan, aliases: str) -> list[Problem]:
    """The platform id and the op modes of the plan's thread counts must be canonical
    names of the alias table, checked before minutes of measuring, not after."""
    problems = []
    if platform not in vocab.canonical_ids("platform"):
        line = csv_line("platform", platform, platform, "", "<description>")
        problems.append(
            Problem(
                "config/config.yaml",
                None,
                "measure_host.platform (the command's --platform)",
                platform,
                "not a canonical platform id of the alias table",
                f"add a line '{line}' to {aliases} (and the platform's family to config/platform_families.csv)",
            )
        )
    for threads in plan.threads:
        mode = contribution.op_mode(threads)
        if mode not in vocab.canonical_ids("op_mode"):
            line = csv_line("op_mode", mode, mode, "", f"onnxruntime with {threads} intra-op threads")
            problems.append(
                Problem(
                    aliases,
                    None,
                    "op_mode",
                    mode,
                    "the op mode of this thread count is not in the alias table",
                    f"add a line '{line}' to {aliases}",
                )
            )
    return problems


def _texts(request: Request, result: sweep.SweepResult, accuracy, machine: dict[str, str]) -> dict[str, str]:
    """Relative path → text of every file to write."""
    date = datetime.date.today().isoformat()
    memory = contribution.memory_gb()
    files, platform = request.files, request.platform
    described = {files[k]: WHAT[k] for k in ("measurements", "platforms", "description")}
    return {
        files["measurements"]: contribution.measurements_csv(result, platform, accuracy),
        files["platforms"]: contribution.platforms_csv(result, platform, machine, memory, date),
        files["description"]: contribution.description_md(result, platform, machine, memory, date, described),
    }


def measure(request: Request, log: logging.Logger) -> dict:
    """Check, measure, write; return the receipt (also written to ``request.receipt``).

    Raises :class:`InputError` (before anything is measured) for a name not in the alias
    table, a bad topology catalogue or a file it would replace without ``force``."""
    names = [request.files[k] for k in ("measurements", "platforms", "description")]
    plan = request.plan()
    vocab = reference.vocabulary(io.read_csv_text(request.aliases, str(request.aliases)))
    problems = refusals(request.raw_data, names, force=request.force)
    problems += name_problems(vocab, request.platform, plan, str(request.aliases))
    if problems:
        raise InputError(problems)
    catalogue = read_topologies([(str(p), str(p)) for p in request.topologies], vocab)
    accuracy = contribution.reference_accuracy(catalogue)
    machine = host.describe()
    log.info(
        "measuring %s (%s logical cores), onnxruntime %s",
        machine["cpu_model"],
        machine["logical_cores"],
        machine.get("onnxruntime", "missing"),
    )
    result = sweep.run(plan, log, progress=request.progress)
    texts = _texts(request, result, accuracy, machine)
    late = refusals(request.raw_data, names, force=request.force)  # written meanwhile?
    if late:
        raise InputError(late)
    written = {}
    for name, text in texts.items():
        data = text.encode("utf-8")
        io.write_bytes(data, request.raw_data / name)
        written[name] = hashlib.sha256(data).hexdigest()
        log.info("wrote %s", request.raw_data / name)
    record = {
        "platform": request.platform,
        "preset": plan.name,
        "threads": list(plan.threads),
        "date": datetime.date.today().isoformat(),
        "machine": machine,
        "timings": len(result.points),
        "seconds": round(result.seconds, 1),
        "raw_data": str(request.raw_data),
        "files_sha256": written,
    }
    if request.receipt is not None:
        io.write_bytes((json.dumps(record, indent=2, sort_keys=True) + "\n").encode(), request.receipt)
    return record
