"""qutiflow.provenance.files: logical paths, params made logical, file hashes."""

from __future__ import annotations

from qutiflow.provenance.files import REPO, Roots, logical_params, sha256_file


def test_logical_and_physical_paths_round_trip(tmp_path):
    roots = Roots(tmp_path / "out", tmp_path / "raw", tmp_path)
    for path, logical in [
        (tmp_path / "out/imagenet/figures/a.svg", "results/imagenet/figures/a.svg"),
        (tmp_path / "raw/measurements/m.csv", "raw_data/measurements/m.csv"),
        (tmp_path / "config/aliases.csv", "config/aliases.csv"),
        (tmp_path / "out", "results"),
    ]:
        assert roots.logical(path) == logical
    for logical, path in [
        ("results/imagenet/figures/a.svg", tmp_path / "out/imagenet/figures/a.svg"),
        ("raw_data/measurements/m.csv", tmp_path / "raw/measurements/m.csv"),
        ("config/aliases.csv", tmp_path / "config/aliases.csv"),
        ("/etc/hosts", "/etc/hosts"),
    ]:
        assert str(roots.physical(logical)) == str(path)


def test_a_link_into_the_repository_is_named_as_in_the_repository(tmp_path):
    """A regeneration work folder links config/ to the checkout's (cluster/regenerate.py):
    its tables keep their repository-relative names, as in a run from the checkout."""
    (tmp_path / "repo/config").mkdir(parents=True)
    (tmp_path / "repo/config/aliases.csv").write_text("a\n")
    (tmp_path / "work").mkdir()
    (tmp_path / "work/config").symlink_to(tmp_path / "repo/config")
    roots = Roots(tmp_path / "work/results", tmp_path / "raw", tmp_path / "repo")
    assert roots.logical(tmp_path / "work/config/aliases.csv") == "config/aliases.csv"
    assert roots.logical(tmp_path / "work/other.csv") == f"{tmp_path}/work/other.csv"


def test_results_inside_raw_data_counts_as_results(tmp_path):
    # the results folder is checked first: a results folder under the raw data stays results/…
    roots = Roots(tmp_path / "raw/out", tmp_path / "raw", tmp_path)
    assert roots.logical(tmp_path / "raw/out/x.parquet") == "results/x.parquet"
    assert roots.logical(tmp_path / "raw/m.csv") == "raw_data/m.csv"


def test_the_default_repository_is_the_checkout():
    assert (REPO / "Snakefile").is_file() and (REPO / "workflow_scripts/qutiflow").is_dir()
    assert Roots("/x/out", "/x/raw").logical(REPO / "config/aliases.csv") == "config/aliases.csv"


def test_params_made_logical_only_under_results_and_raw_data(tmp_path):
    roots = Roots(tmp_path / "out", tmp_path / "raw", tmp_path)
    params = {
        "raw_data": str(tmp_path / "raw"),
        "n": 3,
        "ok": True,
        "none": None,
        "x": 0.5,
        "figures": {"a": str(tmp_path / "out/f"), 7: [str(tmp_path / "raw/m.csv"), ""]},
        "repo_file": str(tmp_path / "config/aliases.csv"),
        "tasks": ("mnist", "imagenet"),
        "path": tmp_path / "out/p",
    }
    assert logical_params(params, roots) == {
        "raw_data": "raw_data",
        "n": 3,
        "ok": True,
        "none": None,
        "x": 0.5,
        "figures": {"a": "results/f", "7": ["raw_data/m.csv", ""]},
        # a path outside results and raw_data stays as given (the configuration names it so)
        "repo_file": str(tmp_path / "config/aliases.csv"),
        "tasks": ["mnist", "imagenet"],
        # not a str: its str, unchanged
        "path": str(tmp_path / "out/p"),
    }


def test_sha256_of_a_file(tmp_path):
    (tmp_path / "abc").write_bytes(b"abc")
    # FIPS 180-2, appendix B.1
    assert sha256_file(tmp_path / "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    (tmp_path / "empty").write_bytes(b"")
    assert (
        sha256_file(str(tmp_path / "empty"))
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )
