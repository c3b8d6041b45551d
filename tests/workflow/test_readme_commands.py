"""The commands of the documentation work as written.

Every shell command in a code block of README.md, docs/*.md, config/README.md and
profiles/slurm/README.md is listed in COMMANDS, either with the test that runs it or with
`not run: <why>` (a command that is illustrative or cannot run here: a Slurm schedule, a
crontab entry, a minutes-long sweep), so a command added to a document without either
fails `test_every_readme_command_is_run_or_excused`, wherever it moves among them. The
other tests run the documents' commands themselves, as written, in the environment the
README assumes (the venv's bin first on PATH, no PYTHONPATH), with a temporary results
folder and the tiny fixtures in place of results/ and raw_data/.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, TINY
from doc_commands import readme_command, readme_commands, said, sh, venv_env

OVERLAY = REPO / "tests" / "config" / "tiny.yaml"
#: the placeholder the documents write for the repository's path
CHECKOUT = "/path/to/qutiflow"

THIS = "tests/workflow/test_readme_commands.py"
SLURM = "tests/cluster/test_slurm.py"
MAKE = "tests/workflow/test_make_targets.py"
#: command as a document writes it (comments dropped, continuation lines joined, spaces
#: collapsed) → "path::test" that runs it, or "not run: <why>"
COMMANDS = {
    # README.md: Two commands, and from another directory
    "make run": "not run: it writes the checkout's own results/, which tests never touch; "
    "it is `snakemake --cores 2` in the venv (see below)",
    "make test": "not run: it is this test suite",
    "make test-all": "not run: it is this test suite, with every marker",
    "make help": f"{MAKE}::test_make_help_lists_every_target_once",
    "snakemake -s /path/to/qutiflow/Snakefile -d /path/to/qutiflow --cores 2": f"{THIS}::test_a_run_from_another_directory",
    # docs/contributing.md: Other data folders and layouts
    "snakemake --cores 2 --configfile tests/config/qutibench.yaml --config "
    "raw_data=../shared/qutibench results=out/qutibench": "tests/workflow/test_qutibench.py::test_row_counts",
    "snakemake --cores 2 --configfile tests/config/qutibench_with_logs.yaml --config "
    "raw_data=../shared/qutibench results=out/qutibench_logs": "tests/workflow/test_qutibench.py::test_overlay_with_per_run_logs",
    # docs/contributing.md: Measure your machine
    "python -m qutiflow.hostbench --help": "tests/unit/test_hostbench_command.py::test_help_explains_every_option",
    "python -m qutiflow.hostbench --force": "not run: the default sweep measures for minutes; the "
    "quick preset runs the same code",
    "python -m qutiflow.hostbench --quick --force": "tests/workflow/test_measure_host.py::test_quick_sweep_writes_the_tidy_layout",
    "snakemake measure_host --cores 1 --config measure_force=true": "not run: the default sweep measures "
    "for minutes; the quick preset runs the same code",
    "snakemake measure_host --cores 1 --config measure_quick=true measure_force=true": "tests/workflow/test_measure_host.py::test_the_snakemake_target_runs_the_same_code",
    "snakemake --cores 2": "tests/workflow/test_tiny_pipeline.py::test_every_output_exists_with_units",
    # docs/provenance.md
    "python -m qutiflow.audit results/imagenet/figures/efficiency.svg": f"{THIS}::test_audit_from_the_root_and_from_elsewhere",
    "python -m qutiflow.audit --all --results results": f"{THIS}::test_audit_from_the_root_and_from_elsewhere",
    "snakemake audit --cores 1": f"{THIS}::test_audit_from_the_root_and_from_elsewhere",
    "python -m qutiflow.runs.validate results/ro-crate-metadata.json": "tests/workflow/test_run_crate.py::test_crate_validates_offline_against_the_provenance_run_crate_profile",
    "python -m qutiflow.audit diff results.old results": "tests/workflow/test_run_crate.py::test_diff_of_one_measurement_row",
    "snakemake --report results/report.html": f"{THIS}::test_report_without_cores",
    # docs/cluster.md
    "make cluster": "not run: it puts the Slurm plugins into the venv, which would make every "
    "later snakemake start wait for scontrol; tests/cluster installs the same "
    "requirements-cluster.txt with `make cluster-plugins`",
    ".venv/bin/snakemake --workflow-profile profiles/slurm": f"{SLURM}::test_tiny_fixtures_on_slurm_equal_a_local_run",
    ".venv/bin/python cluster/regenerate.py --source /data/qutibench-raw --work "
    "/scratch/$USER/qutiflow --publish /srv/www/qutiflow --profile profiles/slurm": "tests/workflow/test_regenerate.py::test_two_cycles_publish_the_expected_figures",
    'REGEN_ARGS="--source /data/qutibench-raw --work /scratch/$USER/qutiflow --publish '
    '/srv/www/qutiflow" sbatch --export=ALL cluster/regenerate.sbatch': "not run: it queues a Slurm job that queues itself again a day later; the cycle it "
    "runs is cluster/regenerate.py (tests/workflow/test_regenerate.py)",
    "scancel --name qutiflow-regenerate": "not run: stops the schedule above",
    "15 2 * * * cd /path/to/qutiflow && .venv/bin/python cluster/regenerate.py --source "
    "/data/qutibench-raw --work /scratch/me/qutiflow --publish /srv/www/qutiflow --profile "
    "profiles/slurm": "not run: a crontab entry; the command it runs is "
    "cluster/regenerate.py (tests/workflow/test_regenerate.py)",
    # docs/benchmarks.md
    "make bench": "not run: the full benchmarks take many minutes on ../shared/qutibench; "
    "QUICK=1 runs the same three scripts",
    "make bench QUICK=1": f"{MAKE}::test_make_bench_quick",
    ".venv/bin/python benchmarks/bench_pipeline.py --scale 0": "not run: minutes of runs on "
    "../shared/qutibench; --quick runs the same rows on the tiny fixtures",
    ".venv/bin/python benchmarks/bench_pipeline.py --quick": f"{MAKE}::test_make_bench_quick",
    ".venv/bin/python benchmarks/bench_fidelity.py": "not run: two pipeline runs on "
    "../shared/qutibench and raw_data; --quick runs the same scoring on raw_data",
    ".venv/bin/python benchmarks/bench_fidelity.py --quick": f"{MAKE}::test_make_bench_quick",
    ".venv/bin/python benchmarks/bench_host_efficiency.py": f"{MAKE}::test_make_bench_quick",
    ".venv/bin/python benchmarks/bench_figures.py results": f"{THIS}::test_bench_figures_on_a_finished_run",
    # profiles/slurm/README.md
    "snakemake --workflow-profile profiles/slurm": f"{SLURM}::test_tiny_fixtures_on_slurm_equal_a_local_run",
    "snakemake --workflow-profile profiles/slurm --configfile tests/config/qutibench.yaml "
    "--config raw_data=../shared/qutibench results=out/qutibench": f"{SLURM}::test_qutibench_on_slurm_equals_a_local_run",
    "snakemake measure_host --workflow-profile profiles/slurm --config measure_force=true": "not run: it measures a compute node for minutes; profiles/slurm/README.md records "
    "a measured run",
    "sudo tests/cluster/slurm_up.sh": "not run by a test: .ci/run runs it before the suite "
    "(root; it installs and starts Slurm's daemons)",
    "make cluster-plugins": f"{SLURM}::test_snakemake_finds_the_plugins_on_its_pythonpath",
    ".venv/bin/python -m pytest -q tests/cluster -p no:cacheprovider": "not run: it is part of this test suite",
    "sudo tests/cluster/slurm_down.sh": "not run by a test: .ci/run runs it after the suite",
}


TINY_RELATIVE = os.path.relpath(TINY, REPO)


def tiny(results: Path, raw: Path | str = TINY_RELATIVE) -> list[str]:
    """The tiny fixtures (or a copy at ``raw``) and a results folder instead of raw_data/
    and results/."""
    return ["--configfile", str(OVERLAY), "--config", f"raw_data={raw}", f"results={results}"]


def test_every_readme_command_is_run_or_excused():
    commands = readme_commands()
    missing = [f"{name} line {line}: {cmd}" for name, line, cmd in commands if cmd not in COMMANDS]
    assert not missing, (
        "README commands that no test runs and no reason excuses; add each to COMMANDS in "
        f"{THIS} with the test that runs it, or 'not run: <why>':\n" + "\n".join(missing)
    )
    stale = sorted(set(COMMANDS) - {cmd for _, _, cmd in commands})
    assert not stale, f"COMMANDS lists commands no README has any more: {stale}"
    for cmd, how in COMMANDS.items():
        if how.startswith("not run"):
            continue
        path, test = how.split("::")
        assert re.search(rf"^def {test}\(", (REPO / path).read_text(), re.M), f"{cmd!r}: {how} does not exist"


@pytest.fixture(scope="module")
def elsewhere(tiny_rerun):
    """The README's run from another directory, on the tiny fixtures: the session's second
    tiny run (tests/conftest.py) is started just so; (its process, the directory it ran
    in, the results, the raw data)."""
    cmd = readme_command("snakemake -s").replace(CHECKOUT, str(REPO))
    assert shlex.split(cmd) == [
        "snakemake",
        "-s",
        str(REPO / "Snakefile"),
        "-d",
        str(REPO),
        "--cores",
        "2",
    ], f"the README's command changed: {cmd}"
    return tiny_rerun.proc, tiny_rerun.cwd, tiny_rerun.results, tiny_rerun.raw


@pytest.mark.workflow
def test_a_run_from_another_directory(elsewhere):
    proc, cwd, results, _ = elsewhere
    assert proc.returncode == 0, said(proc)[-4000:]
    assert (results / "site" / "index.html").is_file()
    assert (results / "provenance" / "plot_measured-imagenet.json").is_file()
    assert list(cwd.iterdir()) == [], "the run wrote into the directory it was started from"


def test_d_or_s_alone_fail_as_the_readme_says(tmp_path):
    """The README explains why both -s and -d are needed; check that it is still true."""
    d_only = sh([*shlex.split("snakemake -n --cores 1 -d"), str(REPO)], cwd=tmp_path, timeout=120)
    assert d_only.returncode != 0 and "No Snakefile found" in said(d_only), said(d_only)[-2000:]
    s_only = sh(
        [*shlex.split("snakemake -n --cores 1 -s"), str(REPO / "Snakefile")], cwd=tmp_path, timeout=120
    )
    assert s_only.returncode != 0 and "config/config.yaml" in said(s_only), said(s_only)[-2000:]


def test_a_missing_data_folder_is_reported_as_the_readme_says(tmp_path):
    text = (REPO / "README.md").read_text()
    quoted = re.search(r"^```text\n(the data folder '([^']+)' does not exist .*)\n```", text, re.M)
    assert quoted, "README.md quotes no missing-data-folder message in a text block"
    message, example = quoted[1], quoted[2]
    missing = "../no-such-data-folder"
    assert not (REPO / missing).exists()
    proc = sh(
        [
            *shlex.split(readme_command("snakemake -s").replace(CHECKOUT, str(REPO))),
            "-n",
            "--config",
            f"raw_data={missing}",
            f"results={tmp_path / 'results'}",
        ],
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode != 0
    expected = message.replace(example, missing).replace(CHECKOUT, str(REPO))
    assert expected in said(proc), said(proc)[-2000:]
    assert not (tmp_path / "results").exists()


@pytest.mark.workflow
def test_report_without_cores(elsewhere, tmp_path):
    """`snakemake --report` gives no --cores: no rule may need workflow.cores to be parsed."""
    _, _, results, raw = elsewhere
    report = tmp_path / "report.html"
    cmd = readme_command("snakemake --report").replace("results/report.html", str(report))
    proc = sh([*shlex.split(cmd), *tiny(results, raw)], cwd=REPO)
    assert proc.returncode == 0, said(proc)[-4000:]
    assert report.stat().st_size > 100_000
    # docutils reports a caption's markup errors on stderr and renders them into the page
    assert not re.search(r"\((ERROR|WARNING|SEVERE)/\d\)", said(proc)), said(proc)[-4000:]


def test_measure_host_still_takes_every_core(tmp_path):
    """The rule's threads follow --cores (the sweep times 1 ... all threads): the console's
    line for the job (the project's logger plugin) names them."""
    proc = sh(
        [*shlex.split("snakemake measure_host -n --cores 2"), *tiny(tmp_path / "r")],
        cwd=REPO,
        timeout=120,
    )
    assert proc.returncode == 0, said(proc)[-3000:]
    assert re.search(r"^Would run jobid: \d+ \(Rule: measure_host, threads=2\)$", said(proc), re.M), said(
        proc
    )


@pytest.mark.workflow
def test_audit_from_the_root_and_from_elsewhere(elsewhere, tmp_path, restoring):
    """`python -m qutiflow.audit` needs no PYTHONPATH: the package is installed."""
    _, _, results, raw = elsewhere
    one = readme_command("python -m qutiflow.audit results/").replace("results/", f"{results}/")
    proc = sh(shlex.split(one), cwd=REPO, timeout=120)
    assert proc.returncode == 0, said(proc)[-3000:]
    assert "measurements/bench_master.csv" in proc.stdout  # the lineage down to a raw file
    every = readme_command("python -m qutiflow.audit --all").replace(
        "--results results", f"--results {results}"
    )
    for cwd in (REPO, tmp_path):  # from the root, and from another directory
        proc = sh(shlex.split(every), cwd=cwd, timeout=300)
        assert proc.returncode == 0, said(proc)[-3000:]
    target = sh([*shlex.split(readme_command("snakemake audit")), *tiny(results, raw)], cwd=REPO, timeout=300)
    assert target.returncode == 0, said(target)[-3000:]
    # and the audit can fail: an edited artifact
    svg = restoring(results / "imagenet" / "figures" / "efficiency.svg")  # given back after
    svg.write_bytes(svg.read_bytes() + b"\n")
    assert sh(shlex.split(one), cwd=tmp_path, timeout=120).returncode == 1


def test_snakemake_refuses_another_checkouts_library(tmp_path):
    """The jobs import qutiflow from the environment: one that is not this checkout's stops
    the run at once, naming both."""
    fake = tmp_path / "qutiflow"
    fake.mkdir()
    (fake / "__init__.py").write_text("")
    env = {**venv_env(), "PYTHONPATH": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "snakemake", "-n", "--cores", "1", *tiny(tmp_path / "results")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode != 0
    own = REPO / "workflow_scripts" / "qutiflow"
    assert f"is {fake}, not this workflow's {own}" in said(proc), said(proc)[-2000:]


@pytest.mark.workflow
def test_bench_figures_on_a_finished_run(elsewhere):
    """docs/benchmarks.md's bench_figures.py on the results of a finished (tiny) run, one
    job: it prints the job's CPU time and its phases."""
    _, _, results, _ = elsewhere
    cmd = readme_command(".venv/bin/python benchmarks/bench_figures.py")
    argv = shlex.split(cmd)
    assert argv[1:] == ["benchmarks/bench_figures.py", "results"], f"the command changed: {cmd}"
    proc = sh([sys.executable, argv[1], str(results), "--jobs", "plot_fidelity"], cwd=REPO, timeout=300)
    assert proc.returncode == 0, said(proc)[-3000:]
    assert re.search(r"^plot_fidelity\s+\d+\.\d\d\s+\d+\.\d\d(\s+\d+\.\d\d){5}$", proc.stdout, re.M), (
        proc.stdout
    )
    assert re.search(r"^total\s+\d+\.\d\d$", proc.stdout, re.M), proc.stdout
