"""Raw inputs checked before any job, and the content digest that reruns changed inputs."""

from __future__ import annotations

import os

import pytest
from qutiflow import raw_inputs
from qutiflow.raw_inputs import RawDataError, check_inputs, content_digest


def spec(measurements=("measurements/*.csv",), platforms=("platforms.csv",)):
    return {"inputs.measurements": list(measurements), "inputs.platforms": list(platforms)}


@pytest.fixture
def raw(tmp_path):
    (tmp_path / "measurements").mkdir()
    (tmp_path / "measurements/b.csv").write_text("x\n")
    (tmp_path / "measurements/a.csv").write_text("x\n")
    (tmp_path / "platforms.csv").write_text("p\n")
    return tmp_path


def test_resolves_each_pattern_sorted(raw):
    files = check_inputs(str(raw), spec())
    assert files["inputs.measurements"] == [str(raw / "measurements/a.csv"), str(raw / "measurements/b.csv")]
    assert files["inputs.platforms"] == [str(raw / "platforms.csv")]


def test_missing_folder_names_it_and_the_config_key(tmp_path):
    with pytest.raises(RawDataError) as err:
        check_inputs(str(tmp_path / "nonexistent"), spec())
    assert f"the data folder '{tmp_path / 'nonexistent'}' does not exist" in str(err.value)
    assert "--config raw_data=PATH" in str(err.value)


def test_a_file_is_not_a_data_folder(raw):
    with pytest.raises(RawDataError, match="is not a folder"):
        check_inputs(str(raw / "platforms.csv"), spec())


def test_empty_folder_lists_every_pattern_that_matches_nothing(tmp_path):
    with pytest.raises(RawDataError) as err:
        check_inputs(str(tmp_path), spec())
    text = str(err.value)
    assert text.startswith("2 problems with the raw data")
    assert "inputs.measurements: 'measurements/*.csv' matches no file" in text
    assert "inputs.platforms: 'platforms.csv' does not exist" in text


def test_no_pattern_means_no_files_and_is_valid(raw):
    assert check_inputs(str(raw), spec(measurements=()))["inputs.measurements"] == []


@pytest.mark.parametrize(
    "make, why",
    [
        (lambda p: os.symlink(p.name, p), "is a dangling symbolic link or a link loop"),  # loop
        (lambda p: os.symlink("gone.csv", p), "is a dangling symbolic link or a link loop"),
        (lambda p: p.mkdir(), "is a folder, not a file"),
    ],
)
def test_a_glob_hit_that_cannot_be_read_is_an_error(raw, make, why):
    bad = raw / "measurements/c.csv"
    make(bad)
    with pytest.raises(RawDataError) as err:
        check_inputs(str(raw), spec())
    assert f"'{bad}' (matched by 'measurements/*.csv') {why}" in str(err.value)


def test_long_names_are_cut_in_messages(tmp_path):
    with pytest.raises(RawDataError) as err:
        check_inputs(str(tmp_path / ("x" * 5000)), spec())
    assert len(str(err.value)) < 800 and "(5" in str(err.value)


def test_digest_follows_content_not_time_and_skips_results(tmp_path):
    a, out = tmp_path / "a.csv", tmp_path / "results" / "t.parquet"
    out.parent.mkdir()
    a.write_text("1\n")
    out.write_text("table")
    first = content_digest([str(a), str(out)], skip_under=str(tmp_path / "results"))
    os.utime(a, (1, 1))
    assert content_digest([str(a)], skip_under=str(tmp_path / "results")) == first
    a.write_text("2\n")
    os.utime(a, (1, 1))  # restored with an old time stamp, other bytes
    assert content_digest([str(a)], skip_under=str(tmp_path / "results")) != first
    out.write_text("other table")  # outputs are Snakemake's to track
    assert content_digest([str(a), str(out)], skip_under=str(tmp_path / "results")) == content_digest(
        [str(a)], skip_under=str(tmp_path / "results")
    )


def test_file_hash_is_cached_but_sees_a_rewrite_with_the_same_time(tmp_path):
    import hashlib

    a = tmp_path / "a.csv"
    a.write_bytes(b"one")
    assert raw_inputs.file_sha256(str(a)) == hashlib.sha256(b"one").hexdigest()
    st = os.stat(a)
    a.write_bytes(b"two")
    os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size and mtime: ctime differs
    assert raw_inputs.file_sha256(str(a)) == hashlib.sha256(b"two").hexdigest()


def test_a_link_out_of_the_data_folder_is_refused_naming_link_and_target(raw, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "host.csv"
    outside.write_text("NN_Topology,HWType\nsecret-first-line,x\n")
    link = raw / "measurements/link.csv"
    os.symlink(outside, link)
    with pytest.raises(RawDataError) as err:
        check_inputs(str(raw), spec())
    text = str(err.value)
    assert (
        f"'{link}' (matched by 'measurements/*.csv') is a link to '{outside}', outside the data folder"
        in text
    )
    assert "secret-first-line" not in text


def test_a_relative_link_climbing_out_of_the_folder_is_refused(raw):
    link = raw / "measurements/up.csv"
    os.symlink("../../../../../../../../etc/passwd", link)
    with pytest.raises(RawDataError) as err:
        check_inputs(str(raw), spec())
    assert "is a link to '/etc/passwd', outside the data folder" in str(err.value)
    assert "root:" not in str(err.value)


def test_a_link_inside_the_folder_is_read_as_the_file_it_points_to(raw):
    (raw / "archive").mkdir()
    (raw / "archive/z.csv").write_text("x\n")
    os.symlink("../archive/z.csv", raw / "measurements/c.csv")
    os.symlink("a.csv", raw / "measurements/d.csv")  # the same file twice: read once
    files = check_inputs(str(raw), spec())["inputs.measurements"]
    assert files == [
        str(raw / "measurements/a.csv"),
        str(raw / "measurements/b.csv"),
        str(raw / "archive/z.csv"),
    ]


def test_a_data_folder_that_is_itself_a_link_is_fine(raw, tmp_path_factory):
    alias = tmp_path_factory.mktemp("alias") / "raw"
    os.symlink(raw, alias)
    files = check_inputs(str(alias), spec())["inputs.platforms"]
    assert files == [str(alias / "platforms.csv")]


@pytest.mark.parametrize("name", ["x {task} $(touch PWNED) ;'\"`.csv", "a}.csv", "{b.csv"])
def test_a_file_name_with_braces_is_refused_before_any_job(raw, name):
    (raw / "measurements" / name).write_text("x\n")
    with pytest.raises(RawDataError) as err:
        check_inputs(str(raw), spec())
    text = str(err.value)
    assert (
        f"{str(raw / 'measurements' / name)!r} (matched by 'measurements/*.csv') has '{{' or '}}' in its name"
        in text
    )
    assert "rename it" in text


@pytest.mark.parametrize(
    "raw, results, where",
    [("r", "r/results", "holds"), ("res/raw", "res", "is inside"), ("same", "same", "is the same folder as")],
)
def test_data_and_results_folders_must_be_apart(tmp_path, raw, results, where):
    (tmp_path / raw).mkdir(parents=True, exist_ok=True)
    with pytest.raises(RawDataError) as err:
        raw_inputs.check_apart(str(tmp_path / raw), str(tmp_path / results))
    assert f"the data folder '{tmp_path / raw}' {where} the results folder '{tmp_path / results}'" in str(
        err.value
    )


def test_apart_folders_pass_even_with_a_common_prefix(tmp_path):
    raw_inputs.check_apart(str(tmp_path / "raw"), str(tmp_path / "raw-results"))


@pytest.mark.parametrize("key", ["raw_data", "results"])
def test_a_folder_path_with_braces_is_refused(tmp_path, key):
    paths = {"raw_data": str(tmp_path / "raw"), "results": str(tmp_path / "res")}
    paths[key] = str(tmp_path / "x{task}")
    with pytest.raises(RawDataError, match=f"the {key} folder .* has '{{' or '}}' in its path"):
        raw_inputs.check_apart(paths["raw_data"], paths["results"])


def test_allow_missing_still_refuses_a_hostile_hit(raw):
    assert (
        check_inputs(str(raw), spec(platforms=("absent.csv",)), allow_missing=True)["inputs.platforms"] == []
    )
    (raw / "measurements/{x}.csv").write_text("x\n")
    with pytest.raises(RawDataError, match="has '{' or '}' in its name"):
        check_inputs(str(raw), spec(), allow_missing=True)
