"""The pipeline on a real Slurm cluster through the workflow profile profiles/slurm.

A run through Slurm must write exactly what a local run writes: the same files under the
results folder, byte for byte, provenance records included (logs/ is not compared: it
holds Snakemake's and the scripts' chatter). Needs a cluster whose partition is the
profile's (tests/cluster/slurm_up.sh starts a one-node cluster on this machine) and the
Slurm executor plugins (requirements-cluster.txt). The plugins are not in the main venv: they
call `scontrol` at every Snakemake start, 10 s where no controller answers. `make
cluster-plugins` installs them into .cluster-plugins/, which these tests put on the
PYTHONPATH of the Snakemake they start (Snakemake finds executor plugins by scanning
sys.path for `snakemake_executor_plugin_*` packages; `sbatch --export=ALL` hands the path
on to the jobs). A venv that has them itself (`make cluster`) serves too. Skipped with the
reason when the cluster or the plugins are missing, required when CI=true.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import QUTIBENCH, REPO, TINY

PROFILE = REPO / "profiles" / "slurm"
PLUGINS = REPO / ".cluster-plugins"  # make cluster-plugins
PLUGIN_PACKAGES = ("snakemake_executor_plugin_slurm", "snakemake_executor_plugin_slurm_jobstep")
SETTINGS = yaml.safe_load((PROFILE / "config.yaml").read_text())
PARTITION = SETTINGS["default-resources"]["slurm_partition"]
DAEMON_LOGS = [
    Path("/var/log/slurm/slurmctld.log"),
    Path("/var/log/slurm/slurmd.log"),
    Path("/var/log/munge/munged.log"),
]
NOT_COMPARED = {"logs"}  # top-level folders of the results that may differ
SLURM_TIMEOUT_S = 900  # one whole run through Slurm (about 2.5 minutes here)
LOCAL_TIMEOUT_S = 300
# a full run: one job for the table rules, one for the figure rules and the site
FULL_RUN_SUBMISSIONS = 2


def _sinfo(*args: str) -> str:
    proc = subprocess.run(["sinfo", "-h", *args], capture_output=True, text=True, timeout=30)
    return proc.stdout if proc.returncode == 0 else ""


def plugins_missing() -> str | None:
    """Why Snakemake would not find the Slurm executor plugins, or None."""
    if all((PLUGINS / name / "__init__.py").is_file() for name in PLUGIN_PACKAGES):
        return None
    if all(importlib.util.find_spec(name) for name in PLUGIN_PACKAGES):
        return None  # `make cluster` put them into this environment
    return (
        f"the Slurm executor plugins ({', '.join(PLUGIN_PACKAGES)}) are neither in "
        f"{PLUGINS} nor in this Python environment: run `make cluster-plugins`"
    )


def with_plugins() -> dict[str, str]:
    """The environment for a Snakemake that must find the plugins: .cluster-plugins first
    on PYTHONPATH."""
    path = [str(PLUGINS), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(path)}


def require(reason: str | None, how: str) -> None:
    """Skip with ``reason`` (and how to fix it), or fail when CI=true."""
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}; {how}")
        pytest.skip(f"{reason}; {how} (required when CI=true)")


@pytest.fixture(scope="module")
def plugins():
    require(plugins_missing(), "the cluster test needs them (requirements-cluster.txt)")


def slurm_missing() -> str | None:
    """Why the cluster test cannot run here, or None."""
    if shutil.which("sinfo") is None or shutil.which("sbatch") is None:
        return "no Slurm client (sinfo, sbatch) on this machine"
    try:
        nodes = _sinfo("-p", PARTITION, "-t", "idle,mix", "-o", "%N").split()
    except subprocess.TimeoutExpired:
        return "sinfo did not answer within 30 s (is slurmctld running?)"
    if not nodes:
        return (
            f"no idle node in the Slurm partition {PARTITION!r} that profiles/slurm asks "
            f"for (sinfo: {_sinfo('-o', '%P %t %N').strip() or 'no answer'})"
        )
    return None


@pytest.fixture(scope="module")
def slurm(plugins):
    require(slurm_missing(), "tests/cluster/slurm_up.sh starts a one-node cluster")


def _tail(path: Path, lines: int = 40) -> str:
    try:
        text = path.read_text(errors="replace").splitlines()
    except OSError as err:
        return f"({err})"
    return "\n".join(text[-lines:])


def diagnostics(stderr: str, slurm_logs: Path) -> str:
    """Snakemake's stderr tail, the Slurm job logs of this run, the queue and the
    daemons' logs: what a failed cluster run needs to be understood."""
    parts = [f"--- snakemake stderr (tail) ---\n{stderr[-6000:]}"]
    for log in sorted(slurm_logs.rglob("*.log")) if slurm_logs.is_dir() else []:
        parts.append(f"--- Slurm job log {log.relative_to(slurm_logs)} (tail) ---\n{_tail(log)}")
    try:
        queue = subprocess.run(
            ["squeue", "--states=all", "-o", "%i %j %T %M %R"], capture_output=True, text=True, timeout=30
        ).stdout
    except (OSError, subprocess.TimeoutExpired) as err:
        queue = str(err)
    parts.append(f"--- squeue --states=all ---\n{queue}")
    for log in DAEMON_LOGS:
        parts.append(f"--- {log} (tail) ---\n{_tail(log)}")
    return "\n".join(parts)


class Run:
    """One Snakemake run in the background, its output in files (a full run writes more
    than a pipe holds)."""

    def __init__(
        self, what: str, args: list[str], out: Path, slurm_logs: Path, env: dict[str, str] | None = None
    ):
        self.what, self.slurm_logs = what, slurm_logs
        out.mkdir(parents=True, exist_ok=True)
        self.stderr_path = out / "snakemake.stderr"
        with open(out / "snakemake.stdout", "w") as stdout, open(self.stderr_path, "w") as stderr:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "snakemake", *args],
                cwd=REPO,
                stdout=stdout,
                stderr=stderr,
                text=True,
                env=env,
            )

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")

    def stop(self) -> None:
        """Interrupt (Snakemake then cancels its Slurm jobs), then kill."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def finish(self, timeout: float) -> str:
        """Wait for the run; fail with the diagnostics when it fails or takes longer than
        ``timeout`` seconds. Returns its stderr."""
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.stop()
            pytest.fail(
                f"{self.what} did not finish within {timeout} s\n{diagnostics(self.stderr, self.slurm_logs)}"
            )
        if self.proc.returncode != 0:
            pytest.fail(
                f"{self.what} failed ({self.proc.returncode})\n{diagnostics(self.stderr, self.slurm_logs)}"
            )
        return self.stderr


def files(root: Path) -> dict[str, str]:
    """Relative path → sha256 of every file under a results folder, but logs/."""
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if rel.parts[0] in NOT_COMPARED or not path.is_file():
            continue
        found[rel.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def describe_difference(a: Path, b: Path, rel: str) -> str:
    """How one file differs between the two results folders: a short diff for text."""
    left, right = (a / rel).read_bytes(), (b / rel).read_bytes()
    head = f"{rel}: {len(left)} bytes (slurm) vs {len(right)} bytes (local)"
    try:
        lines = difflib.unified_diff(
            left.decode().splitlines(), right.decode().splitlines(), "slurm", "local", n=1, lineterm=""
        )
    except UnicodeDecodeError:
        return head + " (binary)"
    return head + "\n" + "\n".join(list(lines)[:30])


def assert_identical(slurm_results: Path, local_results: Path) -> int:
    ours, theirs = files(slurm_results), files(local_results)
    only_slurm = sorted(set(ours) - set(theirs))
    only_local = sorted(set(theirs) - set(ours))
    differ = sorted(p for p in set(ours) & set(theirs) if ours[p] != theirs[p])
    if only_slurm or only_local or differ:
        report = [
            f"only in the Slurm run: {only_slurm}",
            f"only in the local run: {only_local}",
            f"{len(differ)} files differ: {differ}",
        ]
        report += [describe_difference(slurm_results, local_results, p) for p in differ[:5]]
        pytest.fail("\n".join(report))
    return len(ours)


def on_slurm(base: Path, config: list[str]) -> Run:
    """The pipeline through Slurm with the workflow profile, into base/slurm."""
    return Run(
        "the run through Slurm",
        [
            "--workflow-profile",
            "profiles/slurm",
            "--slurm-logdir",
            str(base / "slurm_logs"),
            *config,
            f"results={base / 'slurm'}",
        ],
        base / "slurm_run",
        base / "slurm_logs",
        env=with_plugins(),
    )


def locally(base: Path, config: list[str]) -> Run:
    """The same locally on 2 cores, into base/local."""
    return Run(
        "the local run",
        ["--cores", "2", *config, f"results={base / 'local'}"],
        base / "local_run",
        base / "slurm_logs",
    )


TINY_CONFIG = [
    "--configfile",
    "tests/config/tiny.yaml",
    "--config",
    f"raw_data={os.path.relpath(TINY, REPO)}",
]
# the README's form: ../shared/qutibench
QUTIBENCH_CONFIG = [
    "--configfile",
    "tests/config/qutibench.yaml",
    "--config",
    f"raw_data={os.path.relpath(QUTIBENCH, REPO)}",
]


@pytest.fixture(scope="module")
def runs(slurm, tmp_path_factory):
    """For each data set, the run through Slurm and its local twin's results folder. The
    Slurm runs start at once (they mostly wait for the queue) and so does the local tiny
    run; the local run of the original data is the session's (tests/conftest.py, the same
    configuration), made here if no earlier test made it. Stopped at the end, in case a
    test failed before waiting for them."""
    started = {}
    for name, config, present in [
        ("tiny", TINY_CONFIG, True),
        ("qutibench", QUTIBENCH_CONFIG, QUTIBENCH.is_dir()),
    ]:
        if present:
            base = tmp_path_factory.mktemp(name)
            local = locally(base, config) if name == "tiny" else None
            started[name] = (on_slurm(base, config), local, base)
    yield started
    for slurm_run, local, _ in started.values():
        for run in (slurm_run, local):
            if run is not None:
                run.stop()


def submissions(stderr: str) -> int:
    return stderr.count("has been submitted with SLURM jobid")


def compare(on_slurm: Run, local: Run | None, base: Path, local_results: Path | None = None) -> None:
    """The Slurm run against the local run started beside it (base/local), or against the
    results of a local run made elsewhere."""
    if local is not None:
        local.finish(LOCAL_TIMEOUT_S)
    stderr = on_slurm.finish(SLURM_TIMEOUT_S)
    assert submissions(stderr) == FULL_RUN_SUBMISSIONS, (
        "a full run should submit one Slurm job per group of profiles/slurm: is a rule "
        "missing from its groups?\n" + stderr[-3000:]
    )
    assert (base / "slurm" / "provenance" / "plot_measured-imagenet.json").is_file()
    assert assert_identical(base / "slurm", local_results or base / "local") > 100


@pytest.mark.slurm
def test_tiny_fixtures_on_slurm_equal_a_local_run(runs):
    compare(*runs["tiny"])


@pytest.mark.slurm
@pytest.mark.qutibench
def test_qutibench_on_slurm_equals_a_local_run(qutibench_dir, runs, qutibench_run):
    compare(*runs["qutibench"], local_results=qutibench_run)


def test_snakemake_finds_the_plugins_on_its_pythonpath(plugins):
    """The executor and its options come from .cluster-plugins/ (or the venv after `make
    cluster`): what the runs through Slurm rely on, checked without a cluster."""
    proc = subprocess.run(
        [sys.executable, "-m", "snakemake", "--help"],
        cwd=REPO,
        env=with_plugins(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    for option in (
        "--slurm-status-command",
        "--slurm-init-seconds-before-status-checks",
        "--slurm-no-account",
    ):  # set by profiles/slurm/config.yaml
        assert option in proc.stdout, f"snakemake --help lacks {option}: plugin not found"


def test_profile_names_only_rules_of_the_workflow():
    """Snakemake ignores a rule name in `groups` or `set-resources` that no rule has, so a
    renamed rule would silently fall out of its group or lose its resources."""
    proc = subprocess.run(
        [sys.executable, "-m", "snakemake", "--list-rules"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    rules = set(proc.stdout.split())
    named = set(SETTINGS["groups"]) | set(SETTINGS["set-resources"])
    assert named <= rules, f"profiles/slurm names rules the workflow lacks: {named - rules}"
    assert set(SETTINGS["group-components"]) == set(SETTINGS["groups"].values())
