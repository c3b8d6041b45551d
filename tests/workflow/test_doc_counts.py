"""The counts docs/development.md states ("Known issues of Snakemake") are those of a dry
run on the embedded data: the jobs of a cold run and plot_theory's outputs and inputs."""

from __future__ import annotations

import re

from conftest import REPO, planned_jobs, snakemake

DOC = REPO / "docs" / "development.md"


def stated(pattern: str) -> tuple[int, ...]:
    found = re.search(pattern, " ".join(DOC.read_text().split()))
    assert found, f"docs/development.md no longer says {pattern!r}: update this test"
    return tuple(int(g) for g in found.groups())


def test_the_known_issues_counts_are_a_cold_runs(tmp_path):
    proc = snakemake("-n", "--workflow-profile", "none", "--quiet", "host", "--config", f"results={tmp_path}")
    jobs = planned_jobs(proc)
    (n_jobs,) = stated(r"a run of (\d+) jobs \(a cold run on the embedded data\)")
    assert sum(n for rule, n in jobs.items() if rule != "all") == n_jobs, jobs
    outputs, inputs = stated(r"`plot_theory` has (\d+) outputs and (\d+) inputs")
    block = proc.stdout.split("rule plot_theory:", 1)[1].split("\n\n", 1)[0]
    files = {k: len(re.search(rf"^\s+{k}: (.*)$", block, re.M)[1].split(", ")) for k in ("input", "output")}
    assert files == {"input": inputs, "output": outputs}, block
