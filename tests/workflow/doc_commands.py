"""The shell commands of the documentation, as the tests read and run them.

A code block of README.md, docs/*.md, config/README.md or profiles/slurm/README.md in one
of COMMAND_LANGUAGES holds commands, one a line (comments dropped, continuation lines
joined); every other block must name its language (`text` for output).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO

#: the documents whose shell blocks are commands: README.md first, then docs/ and the rest
READMES = [
    "README.md",
    *sorted(str(p.relative_to(REPO)) for p in (REPO / "docs").glob("*.md")),
    "config/README.md",
    "profiles/slurm/README.md",
]
#: code-block languages whose lines are commands; every other block must say what it is
COMMAND_LANGUAGES = {"sh", "bash", "shell", "console", "crontab"}


def readme_commands() -> list[tuple[str, int, str]]:
    """(file, line, command) for every command line of a command block; fails on a code
    block without a language."""
    found, untagged = [], []
    for name in READMES:
        text = (REPO / name).read_text()
        for block in re.finditer(r"^```(\S*)\n(.*?)^```", text, re.M | re.S):
            line = text.count("\n", 0, block.start()) + 1
            if not block[1]:
                untagged.append(f"{name} line {line}")
                continue
            if block[1] not in COMMAND_LANGUAGES:
                continue
            body = block[2].replace("\\\n", " ")
            for offset, raw in enumerate(body.splitlines(), start=1):
                cmd = " ".join(re.sub(r"(^|\s)#.*$", "", raw).split())
                if cmd:
                    found.append((name, line + offset, cmd))
    assert not untagged, (
        f"code blocks without a language at {untagged}: tag commands `sh` (this test then "
        "requires a test for each) and anything else `text`"
    )
    return found


def readme_command(start: str) -> str:
    """The one README command that starts with ``start``."""
    hits = [cmd for _, _, cmd in readme_commands() if cmd.startswith(start)]
    assert len(hits) == 1, f"expected one README command starting with {start!r}: {hits}"
    return hits[0]


def venv_env() -> dict[str, str]:
    """The environment the README assumes: the venv's bin first on PATH, no PYTHONPATH, and
    not inside another make (`make test` sets MAKELEVEL and MAKEFLAGS, which would make a
    nested `make help` print "Entering directory" lines a user's shell never sees)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    env["PATH"] = os.pathsep.join([os.path.dirname(sys.executable), env.get("PATH", "/usr/bin:/bin")])
    return env


def sh(argv: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(argv, cwd=cwd, env=venv_env(), capture_output=True, text=True, timeout=timeout)


def said(proc: subprocess.CompletedProcess) -> str:
    """Everything a process printed (Snakemake prints its errors on stdout)."""
    return proc.stdout + proc.stderr
