"""`snakemake --lint` finds nothing in the workflow but the one lint it accepts, with its
reason. (ruff checks the Python: `make lint`.)"""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO

#: lint title → why the workflow keeps it
ACCEPTED = {
    "Specify a conda environment or container for each rule.": "every rule runs in the environment Snakemake runs in (requirements.lock, `make "
    "install`, or environment.yml for conda users); a per-rule conda environment could "
    "be neither built nor tested on the CI machine, which has no conda, and an untested "
    "declaration would be worse than none",
}


def test_snakemake_lint_finds_only_the_accepted_lint():
    proc = subprocess.run(
        [sys.executable, "-m", "snakemake", "--lint"], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    out = proc.stdout + proc.stderr
    assert "Lints for" in out, out[-3000:]  # it ran, and found the accepted one at least
    found: dict[str, list[str]] = {}
    where = ""
    for line in out.splitlines():
        if line.startswith("Lints for "):
            where = line.removeprefix("Lints for ").rstrip(":")
        elif m := re.match(r"^\s+\* (.+?):?$", line):
            found.setdefault(m[1].rstrip(":"), []).append(where)
    unexpected = {title: places for title, places in found.items() if title not in ACCEPTED}
    assert not unexpected, "snakemake --lint: " + "; ".join(
        f"{title} ({', '.join(places)})" for title, places in unexpected.items()
    )
