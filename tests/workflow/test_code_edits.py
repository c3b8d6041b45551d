"""An edit to one library module reruns exactly the jobs whose scripts import it (each
rule's code input is its script's imports: qutiflow.codedeps, rules/common.smk)."""

from __future__ import annotations

import pytest
from conftest import REPO, planned_jobs

pytestmark = pytest.mark.workflow
LIBRARY = REPO / "workflow_scripts" / "qutiflow"


def test_editing_a_module_reruns_exactly_its_importers(tiny_run, restoring):
    """script_json.py is imported by every figure job (figures.save inlines the specs) and
    the site job; runs/crate.py by the crate job alone. A change to either plans those jobs
    and no other (the crate job follows every other: it lists the run; then the run's audit)."""
    escape = restoring(LIBRARY / "script_json.py")  # given back after
    escape.write_text(escape.read_text() + "\n# an edit\n")  # its bytes: Snakemake compares checksums
    plan = planned_jobs(tiny_run.snakemake("-n"))
    assert set(plan) == {
        "plot_theory",
        "plot_measured",
        "plot_power_traces",
        "plot_fidelity",
        "build_site",
        "write_ro_crate",
        "audit_run",
        "all",
    }, plan


def test_editing_the_crate_code_reruns_the_crate_alone(tiny_run, restoring):
    crate = restoring(LIBRARY / "runs" / "crate.py")
    crate.write_text(crate.read_text() + "\n# an edit\n")
    assert set(planned_jobs(tiny_run.snakemake("-n"))) == {"write_ro_crate", "audit_run", "all"}


@pytest.mark.parametrize(
    "edited",
    [LIBRARY / "site" / "templates" / "parts.html.j2", REPO / "report" / "captions" / "efficiency.rst"],
    ids=["template", "caption"],
)
def test_editing_a_site_template_or_a_caption_reruns_the_site_alone(tiny_run, restoring, edited):
    """No import finds the templates and the captions: the site job names them (its code
    and its inputs), so an edit to one rebuilds the pages and nothing else."""
    restoring(edited).write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert set(planned_jobs(tiny_run.snakemake("-n"))) == {"build_site", "write_ro_crate", "audit_run", "all"}
