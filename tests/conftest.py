"""Shared test helpers: repository paths and a Snakemake runner."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TINY = REPO / "tests" / "data" / "tiny"
QUTIBENCH = (REPO.parent / "shared" / "qutibench").resolve()


def snakemake(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run Snakemake from the repository root; bounded to 5 minutes."""
    cmd = [sys.executable, "-m", "snakemake", "--cores", "2", *args]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)
    if check and proc.returncode != 0:
        raise AssertionError(f"snakemake failed ({proc.returncode}):\n{proc.stderr[-6000:]}")
    return proc


def planned_jobs(proc: subprocess.CompletedProcess) -> dict[str, int]:
    """Rule → job count from a dry run's 'Job stats' table (empty when nothing to do)."""
    out = proc.stdout + proc.stderr
    if "Job stats:" not in out:
        return {}
    table = out.split("Job stats:", 1)[1]
    jobs = {}
    for line in table.splitlines()[3:]:
        m = re.match(r"^(\w+)\s+(\d+)$", line.strip())
        if not m:
            break
        if m[1] != "total":
            jobs[m[1]] = int(m[2])
    return jobs


@pytest.fixture
def tiny_raw(tmp_path: Path) -> Path:
    """A writable copy of the tiny fixture data."""
    dest = tmp_path / "raw"
    shutil.copytree(TINY, dest)
    return dest


@pytest.fixture(scope="session")
def qutibench_dir() -> Path:
    """The original data; required in CI, skipped with a reason elsewhere."""
    if not QUTIBENCH.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the original data is missing at {QUTIBENCH}")
        pytest.skip(f"original QuTiBench data not found at {QUTIBENCH} (required when CI=true)")
    return QUTIBENCH
