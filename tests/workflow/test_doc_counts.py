"""The counts docs/development.md states ("Known issues of Snakemake") are those of the
embedded data: the jobs of a cold run (a dry run) and plot_theory's outputs and inputs
(Snakemake's detailed summary: of the dry run for the outputs, of the session's tiny run,
which has the same tasks, for the inputs it read)."""

from __future__ import annotations

import re

import yaml
from conftest import REPO, TINY_OVERLAY, planned_jobs, snakemake, summary_rows

DOC = REPO / "docs" / "development.md"


def stated(pattern: str) -> tuple[int, ...]:
    found = re.search(pattern, " ".join(DOC.read_text().split()))
    assert found, f"docs/development.md no longer says {pattern!r}: update this test"
    return tuple(int(g) for g in found.groups())


def test_the_known_issues_counts_are_a_cold_runs(tmp_path, tiny_run):
    proc = snakemake("-n", "--config", f"results={tmp_path}")
    jobs = planned_jobs(proc)
    (n_jobs,) = stated(r"a run of (\d+) jobs \(a cold run on the embedded data\)")
    assert sum(n for rule, n in jobs.items() if rule != "all") == n_jobs, jobs
    outputs, inputs = stated(r"`plot_theory` has (\d+) outputs and (\d+) inputs")
    cold = summary_rows(snakemake("--detailed-summary", "--config", f"results={tmp_path}"))
    assert sum(row["rule"] == "plot_theory" for row in cold) == outputs
    tasks = yaml.safe_load((REPO / "config/config.yaml").read_text())["tasks"]
    assert yaml.safe_load((REPO / TINY_OVERLAY).read_text()).get("tasks", tasks) == tasks
    made = summary_rows(tiny_run.snakemake("--detailed-summary"))
    read = {row["input-file(s)"] for row in made if row["rule"] == "plot_theory"}
    assert len(read) == 1 and len(read.pop().split(",")) == inputs
