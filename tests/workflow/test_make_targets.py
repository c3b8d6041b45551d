"""The installation and the Makefile's targets as the README describes them: `make help`
lists every target, conda installs what `make install` does, local runs carry no Slurm
plugin, and the quick benchmarks run. (The README's other commands:
test_readme_commands.py.)"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from doc_commands import readme_command, sh


def test_local_runs_carry_no_slurm_plugin():
    """Installed, the Slurm executor plugin runs `scontrol` at every snakemake start (10 s
    where no controller answers): it belongs in requirements-cluster.txt only."""
    plugins = {"snakemake-executor-plugin-slurm", "snakemake-executor-plugin-slurm-jobstep"}

    def pinned(name: str) -> set[str]:
        return {
            re.split(r"[=<>~! ]", ln.strip())[0]
            for ln in (REPO / name).read_text().splitlines()
            if ln.strip() and not ln.lstrip().startswith("#")
        }

    assert not plugins & pinned("requirements.lock")
    assert plugins <= pinned("requirements-cluster.txt")
    declared = (REPO / "pyproject.toml").read_text()
    assert not [p for p in plugins if p in declared], "a Slurm plugin is declared in pyproject.toml"
    if (Path(sys.prefix) / "bin" / ".cluster").exists():
        return  # `make cluster` asked for them (a login node)
    for module in ("snakemake_executor_plugin_slurm", "snakemake_executor_plugin_slurm_jobstep"):
        assert importlib.util.find_spec(module) is None, (
            f"{module} is installed in {sys.prefix}: every snakemake start now calls scontrol. "
            "Uninstall it (`make install` does, unless `make cluster` asked for it); "
            "tests/cluster takes it from .cluster-plugins/ (make cluster-plugins)"
        )


def test_conda_installs_what_make_install_does():
    """environment.yml's pip section: the same lock and the package itself."""
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip == ["-r requirements.lock", "-e ."]
    recipe = (REPO / "Makefile").read_text().split("$(BIN)/.installed:", 1)[1].split("\n\n", 1)[0]
    assert recipe.startswith(" requirements.lock pyproject.toml\n"), recipe
    assert "pip install --quiet -r requirements.lock" in recipe and "--no-deps -e ." in recipe


def make_targets() -> list[str]:
    """The targets the Makefile defines by name (not files, not variables)."""
    text = (REPO / "Makefile").read_text()
    return re.findall(r"^([a-z][a-z0-9_-]*)\s*:(?!=)", text, re.M)


def test_make_help_lists_every_target_once():
    proc = sh(shlex.split(readme_command("make help")), cwd=REPO, timeout=60)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    listed = [re.match(r"^\s+make (\S+)\s+\S", ln) for ln in lines]
    assert all(listed), f"make help: lines that name no target with a description: {lines}"
    names = [m[1] for m in listed]
    targets = make_targets()
    assert sorted(names) == sorted(targets), (
        f"make help lists {names}; the Makefile defines {targets}: give each target a "
        "`## what it does` comment on its line"
    )
    assert len(set(names)) == len(names)
    # `make` alone says the same
    assert sh(["make"], cwd=REPO, timeout=60).stdout == proc.stdout


@pytest.mark.workflow
@pytest.mark.slow  # several minutes: `make test-all` and CI run it, `make test` does not
def test_make_bench_quick():
    """The README's quick benchmark, with the interpreter running these tests (its
    environment is treated as installed: a test must not reinstall it)."""
    bin_dir = os.path.dirname(sys.executable)
    proc = sh(
        [*shlex.split(readme_command("make bench QUICK=1")), f"BIN={bin_dir}", "-o", f"{bin_dir}/.installed"],
        cwd=REPO,
        timeout=1200,
    )
    assert proc.returncode == 0, (proc.stdout[-3000:], proc.stderr[-3000:])
    out = proc.stdout
    for row in ("cold run ", "nothing to do ", "platform catalogue changed ", "cold run, measurements x10"):
        assert re.search(rf"^{re.escape(row)}.*\d+\.\d\d\s+\d+$", out, re.M), (row, out)
    assert "embedded data (this project's host)" in out and "original QuTiBench" not in out
    assert re.search(r"^level1_calibrated\s+best_batch\s+\d+", out, re.M), out
    assert re.search(r"^\| imagenet \| ResNet-50 \|", out, re.M), out  # the host's efficiency
