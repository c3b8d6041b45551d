"""The one error of a regeneration cycle: the step it failed at and why."""

from __future__ import annotations

import datetime as dt


class CycleFailed(Exception):
    def __init__(self, step: str, detail: str):
        super().__init__(f"{step}: {detail}")
        self.step = step


def now() -> str:
    """UTC time as the cycle logs write it."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
