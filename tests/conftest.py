"""Shared by every test: repository paths, the Hypothesis profile, Snakemake and audit
runners, session fixtures (the repository's vocabulary, the figures' JavaScript bundle,
shared pipeline runs). Plain helpers of the unit tests are in helpers.py."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parent.parent
TINY = REPO / "tests" / "data" / "tiny"
QUTIBENCH = (REPO.parent / "shared" / "qutibench").resolve()

# One Hypothesis profile for every property test: the same examples on every run (derandomize,
# no example database), no per-example deadline (a shared machine's pauses are no failure),
# and as many examples as the cheap properties afford; an expensive test lowers
# max_examples in its own @settings and says why.
settings.register_profile("qutiflow", deadline=None, derandomize=True, database=None, max_examples=200)
settings.load_profile("qutiflow")


def snakemake(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run Snakemake from the repository root; bounded to 5 minutes."""
    cmd = [sys.executable, "-m", "snakemake", "--cores", "2", *args]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)
    if check and proc.returncode != 0:
        raise AssertionError(f"snakemake failed ({proc.returncode}):\n{proc.stderr[-6000:]}")
    return proc


def planned_jobs(proc: subprocess.CompletedProcess) -> dict[str, int]:
    """Rule → job count of a dry run (empty when nothing to do), from the lines of the
    project's console plugin (``Would run jobid: N (Rule: name, ...)``, one per job: the
    fields of Snakemake's logger-plugin events, not Snakemake's own console text)."""
    jobs: dict[str, int] = {}
    for m in re.finditer(r"^Would run jobid: \d+ \(Rule: (\w+)[,)]", proc.stdout + proc.stderr, re.M):
        jobs[m[1]] = jobs.get(m[1], 0) + 1
    return jobs


def summary_rows(proc: subprocess.CompletedProcess) -> list[dict[str, str]]:
    """The rows of ``snakemake --detailed-summary`` (Snakemake's documented tab-separated
    table: one row per output file with its rule, log and input files, status and plan)."""
    return list(csv.DictReader(io.StringIO(proc.stdout), delimiter="\t"))


@pytest.fixture
def tiny_raw(tmp_path: Path) -> Path:
    """A writable copy of the tiny fixture data."""
    dest = tmp_path / "raw"
    shutil.copytree(TINY, dest)
    return dest


@pytest.fixture(scope="session")
def vocab():
    """The vocabulary of the repository's config/aliases.csv (read only)."""
    from helpers import config_vocabulary

    return config_vocabulary()


@pytest.fixture(scope="session")
def bundle() -> str:
    """The Vega JavaScript bundle that figures embed (read once)."""
    from qutiflow.figures.save import javascript_bundle

    return javascript_bundle()


@pytest.fixture(scope="session")
def qutibench_dir() -> Path:
    """The original data; required in CI, skipped with a reason elsewhere."""
    if not QUTIBENCH.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the original data is missing at {QUTIBENCH}")
        pytest.skip(f"original QuTiBench data not found at {QUTIBENCH} (required when CI=true)")
    return QUTIBENCH


# --- shared pipeline runs -------------------------------------------------------------------
# A full run costs tens of CPU-seconds even on the tiny fixtures, so tests that only read a
# run's results share one per session; tests that change inputs either edit the shared run
# and get the bytes and times back afterwards (`restoring`), or work on a copy (`clone_run`).

TINY_OVERLAY = "tests/config/tiny.yaml"


def tiny(
    raw: Path | str, results: Path, *extra: str, overlays: tuple[str | Path, ...] = (), check: bool = True
) -> subprocess.CompletedProcess:
    """Snakemake on ``raw`` into ``results`` with the tiny overlay and then ``overlays`` (all
    after one --configfile: Snakemake keeps only the last of several flags). ``extra``
    (targets, flags) comes first, so that a target is never read as a config value."""
    return snakemake(
        *extra,
        "--configfile",
        TINY_OVERLAY,
        *map(str, overlays),
        "--config",
        f"raw_data={raw}",
        f"results={results}",
        check=check,
    )


def audit(*args: str) -> subprocess.CompletedProcess:
    """``python -m qutiflow.audit`` as the README runs it: from the checkout, with no
    PYTHONPATH (qutiflow is installed in the venv)."""
    return subprocess.run(
        [sys.executable, "-m", "qutiflow.audit", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin"},
    )


class Run:
    """One pipeline run: its raw-data folder, its results folder and its process."""

    def __init__(self, raw: Path, results: Path, proc: subprocess.CompletedProcess | None):
        self.raw, self.results, self.proc = raw, results, proc

    def __iter__(self):  # `raw, results = run`
        return iter((self.raw, self.results))

    def snakemake(self, *extra: str, check: bool = True) -> subprocess.CompletedProcess:
        """Snakemake on this run's folders with the tiny overlay."""
        return tiny(self.raw, self.results, *extra, check=check)


@pytest.fixture(scope="session")
def tiny_run(tmp_path_factory) -> Run:
    """The whole pipeline once on a copy of the tiny fixtures; tests must leave it as they
    found it (edit through `restoring`, change a copy from `clone_run`)."""
    base = tmp_path_factory.mktemp("tiny-run")
    run = Run(base / "raw", base / "results", None)
    shutil.copytree(TINY, run.raw)
    run.proc = run.snakemake()
    return run


@pytest.fixture(scope="session")
def tiny_rerun(tiny_run, tmp_path_factory) -> Run:
    """A second, independent run of the same inputs into another results folder, started
    from another (empty) directory as the README shows (`snakemake -s <checkout>/Snakefile
    -d <checkout>`): what a run makes must not depend on where it was started. `cwd` is
    that directory."""
    base = tmp_path_factory.mktemp("tiny-rerun")
    run = Run(tiny_run.raw, base / "results", None)
    run.cwd = base / "cwd"
    run.cwd.mkdir()
    snakemake_bin = Path(sys.executable).parent / "snakemake"  # the environment's command
    cmd = [
        str(snakemake_bin),
        "-s",
        str(REPO / "Snakefile"),
        "-d",
        str(REPO),
        "--cores",
        "2",
        "--configfile",
        str(REPO / TINY_OVERLAY),
        "--config",
        f"raw_data={run.raw}",
        f"results={run.results}",
    ]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    run.proc = subprocess.run(cmd, cwd=run.cwd, env=env, capture_output=True, text=True, timeout=300)
    if run.proc.returncode:
        raise AssertionError(
            f"snakemake failed ({run.proc.returncode}):\n{(run.proc.stdout + run.proc.stderr)[-6000:]}"
        )
    return run


def clone_run(run: Run, dest: Path) -> Run:
    """A copy of a run's raw data and results with their time stamps, so that Snakemake
    finds it up to date. Snakemake's own records of the jobs (params, checksums) stay with
    the original: a test that needs them (a change under an old time stamp, checkpoint
    checksums) makes its own run."""
    shutil.copytree(run.raw, dest / "raw")
    shutil.copytree(run.results, dest / "results")
    return Run(dest / "raw", dest / "results", None)


@pytest.fixture
def tiny_clone(tiny_run, tmp_path) -> Run:
    """A changeable copy of the shared tiny run."""
    return clone_run(tiny_run, tmp_path / "clone")


@pytest.fixture
def restoring():
    """`restoring(path)` before changing a file of a shared run: the file's bytes and time
    stamps (or its absence) come back when the test ends, pass or fail."""
    saved: list[tuple[Path, bytes | None, tuple[int, int] | None]] = []

    def keep(path: Path) -> Path:
        if path.exists():
            st = path.stat()
            saved.append((path, path.read_bytes(), (st.st_atime_ns, st.st_mtime_ns)))
        else:
            saved.append((path, None, None))
        return path

    yield keep
    for path, data, times in reversed(saved):
        if data is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(data)
            os.utime(path, ns=times)


@pytest.fixture(scope="session")
def evil_site_run(tmp_path_factory) -> tuple[Path, Path, Path]:
    """The site on the tiny fixtures plus a platform named like a script tag
    (tests/site_fixtures.py): (raw data, config overlay, results). Read only."""
    from site_fixtures import build, evil_inputs

    folder = tmp_path_factory.mktemp("evil-site")
    raw, overlay = evil_inputs(folder)
    build(raw, folder / "results", TINY_OVERLAY, overlay)
    return raw, overlay, folder / "results"


@pytest.fixture(scope="session")
def qutibench_run(qutibench_dir, tmp_path_factory) -> Path:
    """The whole pipeline on the original QuTiBench data (the README's relative form of the
    path); its results folder. Read only."""
    results = tmp_path_factory.mktemp("qutibench-run") / "results"
    snakemake(
        "--configfile",
        "tests/config/qutibench.yaml",
        "--config",
        f"raw_data={os.path.relpath(qutibench_dir, REPO)}",
        f"results={results}",
    )
    return results


@pytest.fixture(scope="module")
def site(qutibench_run):
    """The session's run on the original data (``qutibench_run``) under the name the QuTiBench
    tests read it by (test_qutibench.py, test_qutibench_measured.py): its results folder."""
    return qutibench_run
