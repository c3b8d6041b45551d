"""The regeneration driver's arguments (cluster/regenerate.py), without running a cycle: the
config overlays reach every Snakemake step in the order given."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from conftest import REPO

FOLDERS = ["--source", "src", "--work", "w", "--publish", "pub"]


@pytest.fixture
def regenerate(monkeypatch):
    """The driver module, imported as its own script would (cluster/ first on the path)."""
    monkeypatch.syspath_prepend(str(REPO / "cluster"))
    for name in ("regenerate", "changes", "cycle_failed", "healing", "publishing"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    return importlib.import_module("regenerate")


@pytest.mark.parametrize(
    "flags, expected",
    [
        ([], []),
        (["--configfile", "a.yaml"], ["a.yaml"]),
        (["--configfile", "a.yaml", "b.yaml"], ["a.yaml", "b.yaml"]),  # as Snakemake takes them
        (["--configfile", "a.yaml", "--configfile", "b.yaml"], ["a.yaml", "b.yaml"]),  # repeated
        (
            ["--configfile", "b.yaml", "a.yaml", "--configfile", "c.yaml"],
            ["b.yaml", "a.yaml", "c.yaml"],
        ),  # both forms; the order given, not sorted
    ],
)
def test_configfiles_are_kept_in_the_order_given(regenerate, flags, expected):
    assert regenerate.parse_args(FOLDERS + flags).configfile == expected


def test_configfile_needs_a_file(regenerate, capsys):
    with pytest.raises(SystemExit) as info:
        regenerate.parse_args(FOLDERS + ["--configfile"])
    assert info.value.code == 2
    assert "--configfile: expected at least one argument" in capsys.readouterr().err


def test_every_overlay_is_passed_on_before_the_folders(regenerate):
    raw, results = Path("/w/raw_data"), Path("/w/results")
    args = regenerate.parse_args(
        FOLDERS + ["--configfile", "tests/config/tiny.yaml", "tests/config/tiny_mnist.yaml"]
    )
    assert regenerate.snakemake_config(args.configfile, raw, results) == [
        "--configfile",
        "tests/config/tiny.yaml",
        "tests/config/tiny_mnist.yaml",
        "--config",
        "raw_data=/w/raw_data",
        "results=/w/results",
    ]
    assert regenerate.snakemake_config([], raw, results) == [
        "--config",
        "raw_data=/w/raw_data",
        "results=/w/results",
    ]


def test_the_overlays_together_are_the_tiny_inputs_with_mnist_alone():
    """tiny_mnist.yaml adds only the task list to tiny.yaml (merged as Snakemake merges
    overlays: a later file's keys over an earlier one's)."""
    import yaml

    tiny = yaml.safe_load((REPO / "tests/config/tiny.yaml").read_text(encoding="utf-8"))
    mnist = yaml.safe_load((REPO / "tests/config/tiny_mnist.yaml").read_text(encoding="utf-8"))
    assert mnist == {"tasks": ["mnist"]}
    assert set(tiny) == {"inputs"}  # so the two never override one another's keys
