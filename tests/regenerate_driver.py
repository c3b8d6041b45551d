"""Shared by the regeneration driver's workflow tests (tests/workflow/test_regenerate.py and
test_regenerate_healing.py): a cycle of cluster/regenerate.py on a copy of the tiny data, and
what it logged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO, TINY_OVERLAY

NEW_FILE = """NN_Topology,HWType,Datatype,Op mode,batch/thread/stream,lat-comp,fps-comp,top1 [%],PruningFactor
MLP,ZCU104-FINN,INT2,,1,0.05,20000,98.49,50%
MLP,ZCU104-FINN,INT2,,4,0.1,40000,98.49,50%
"""

#: the tiny fixtures with MNIST alone (two overlays, passed on in this order): these tests are
#: about publishing, not the analysis
OVERLAYS = (TINY_OVERLAY, "tests/config/tiny_mnist.yaml")


def command(source: Path, work: Path, publish: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "cluster/regenerate.py",
        "--source",
        str(source),
        "--work",
        str(work),
        "--publish",
        str(publish),
        "--configfile",
        *OVERLAYS,
        "--keep",
        "2",
        "--timeout",
        "600",
        *extra,
    ]


def cycle(source: Path, work: Path, publish: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        command(source, work, publish, *extra), cwd=REPO, capture_output=True, text=True, timeout=900
    )


def log_lines(publish: Path) -> list[str]:
    return (publish / "regenerate.log").read_text().splitlines()


def result_lines(publish: Path) -> list[str]:
    return [ln for ln in log_lines(publish) if ln.split(" ")[2] in ("ok:", "FAILED", "skipped:")]


def last_started(publish: Path) -> str:
    return [ln.split(" ")[1] for ln in log_lines(publish) if ln.split(" ")[2].startswith("started")][-1]


def cycle_log(work: Path, cycle_id: str) -> str:
    return (work / "logs" / f"cycle-{cycle_id}.log").read_text()
