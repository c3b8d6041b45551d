"""An edit to one library module reruns exactly the jobs whose scripts import it (each
rule's code input is its script's imports: qutiflow.codedeps, rules/common.smk)."""

from __future__ import annotations

import pytest
from conftest import REPO, planned_jobs

pytestmark = pytest.mark.workflow
LIBRARY = REPO / "workflow_scripts" / "qutiflow"


def test_editing_a_module_reruns_exactly_its_importers(tiny_run, restoring):
    """site/escape.py is imported by every figure job (figures.save escapes the pages) and
    the site job; runs/crate.py by the crate job alone. A change to either plans those jobs
    and no other (the crate job follows every other: it lists the run)."""
    escape = restoring(LIBRARY / "site" / "escape.py")  # given back after
    escape.write_text(escape.read_text() + "\n# an edit\n")  # its bytes: Snakemake compares checksums
    plan = planned_jobs(tiny_run.snakemake("-n"))
    assert set(plan) == {
        "plot_theory",
        "plot_measured",
        "plot_power_traces",
        "plot_fidelity",
        "build_site",
        "write_ro_crate",
        "all",
    }, plan


def test_editing_the_crate_code_reruns_the_crate_alone(tiny_run, restoring):
    crate = restoring(LIBRARY / "runs" / "crate.py")
    crate.write_text(crate.read_text() + "\n# an edit\n")
    assert set(planned_jobs(tiny_run.snakemake("-n"))) == {"write_ro_crate", "all"}
