"""The regeneration driver pulls only files that are inside the data: a link out of the
source folder, or a symbolic link committed to the data repository, stops the pull with a
message naming the link and its target (cluster/publishing.py)."""

from __future__ import annotations

import importlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO


@pytest.fixture
def publishing(monkeypatch):
    """cluster/publishing.py, imported as the driver imports it (cluster/ first on the path)."""
    monkeypatch.syspath_prepend(str(REPO / "cluster"))
    for name in ("publishing", "cycle_failed"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    return importlib.import_module("publishing")


@pytest.fixture
def host_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("host") / "private.csv"
    path.write_text("NN_Topology,HWType\nprivate-row,x\n")
    return path


def test_sync_folder_refuses_a_link_out_of_the_source(publishing, tmp_path, host_file):
    source = tmp_path / "source"
    (source / "measurements").mkdir(parents=True)
    (source / "platforms.csv").write_text("p\n")
    os.symlink(host_file, source / "measurements/link.csv")
    with pytest.raises(Exception) as err:
        publishing.sync_folder(source, tmp_path / "raw")
    assert type(err.value).__name__ == "CycleFailed" and err.value.step == "pull"
    assert f"measurements/link.csv in the source folder {source} is a link to {host_file}, outside it" in str(
        err.value
    )
    assert "private-row" not in str(err.value)
    assert not (tmp_path / "raw" / "measurements" / "link.csv").exists()  # nothing copied


def test_sync_folder_copies_a_link_inside_the_source(publishing, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "a.csv").write_text("a\n")
    os.symlink("a.csv", source / "b.csv")
    assert publishing.sync_folder(source, tmp_path / "raw") == ["+a.csv", "+b.csv"]
    assert (tmp_path / "raw" / "b.csv").read_text() == "a\n"


def git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        timeout=60,
    )


def test_sync_git_refuses_a_committed_symlink_out_of_the_repository(publishing, tmp_path, host_file):
    repo = tmp_path / "data.git"
    repo.mkdir()
    git("init", "--quiet", "--initial-branch", "main", cwd=repo)
    (repo / "platforms.csv").write_text("p\n")
    git("add", ".", cwd=repo)
    git("commit", "--quiet", "-m", "data", cwd=repo)
    dest, log = tmp_path / "raw", io.StringIO()
    assert "+platforms.csv" in publishing.sync_git(str(repo), "main", dest, log)
    (repo / "measurements").mkdir()
    os.symlink(host_file, repo / "measurements/link.csv")
    git("add", ".", cwd=repo)
    git("commit", "--quiet", "-m", "a link", cwd=repo)
    with pytest.raises(Exception) as err:
        publishing.sync_git(str(repo), "main", dest, log)
    assert err.value.step == "pull"
    assert f"measurements/link.csv in the repository {repo} is a link to {host_file}, outside it" in str(
        err.value
    )
    assert "private-row" not in str(err.value)
