"""The figures' render cache (qutiflow.figures.save.render): a spec rendered before in the
same results folder gives the same SVG and PNG without vl-convert; any change renders."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
import pytest
from qutiflow.figures import save


def chart(values: list[float]) -> alt.Chart:
    return (
        alt.Chart(pd.DataFrame({"x": values, "y": values}))
        .mark_point()
        .encode(x=alt.X("x:Q"), y=alt.Y("y:Q"))
    )


@pytest.fixture
def counted(monkeypatch):
    """Count vl-convert renderings."""
    calls = []
    draw = save._draw

    def counting(spec):
        calls.append(json.dumps(spec, sort_keys=True))
        return draw(spec)

    monkeypatch.setattr(save, "_draw", counting)
    return calls


def test_unchanged_spec_is_not_rendered_again(tmp_path, counted):
    stem = tmp_path / "results" / "imagenet" / "figures" / "dots"
    first = {
        p.suffix: p.read_bytes() for p in save.save_chart(chart([1, 2]), stem, bundle="", record_id="r1")
    }
    again = {
        p.suffix: p.read_bytes() for p in save.save_chart(chart([1, 2]), stem, bundle="", record_id="r1")
    }
    assert len(counted) == 1
    assert again == first
    assert (tmp_path / "results" / ".render-cache" / "imagenet" / "dots.render").is_file()
    # another record id: the pictures are the cached ones, tagged with the new id
    other = {
        p.suffix: p.read_bytes() for p in save.save_chart(chart([1, 2]), stem, bundle="", record_id="r2")
    }
    assert len(counted) == 1 and b"r2" in other[".svg"] and b"r1" not in other[".svg"]


def test_changed_spec_is_rendered(tmp_path, counted):
    stem = tmp_path / "results" / "all" / "figures" / "dots"
    save.save_chart(chart([1, 2]), stem, bundle="", record_id="r")
    svg = stem.with_name("dots.svg").read_bytes()
    save.save_chart(chart([1, 3]), stem, bundle="", record_id="r")
    assert len(counted) == 2 and stem.with_name("dots.svg").read_bytes() != svg
    # the cache holds the last rendering only: the first spec renders again
    save.save_chart(chart([1, 2]), stem, bundle="", record_id="r")
    assert len(counted) == 3 and stem.with_name("dots.svg").read_bytes() == svg


def test_cached_bytes_equal_a_fresh_rendering(tmp_path, monkeypatch):
    stem = tmp_path / "results" / "mnist" / "figures" / "dots"
    save.save_chart(chart([1, 2, 5]), stem, bundle="", record_id="r")
    cached = save.save_chart(chart([1, 2, 5]), stem, bundle="", record_id="r")
    monkeypatch.setenv(save.RENDER_CACHE_ENV, "0")
    fresh = save.save_chart(
        chart([1, 2, 5]), tmp_path / "elsewhere" / "figures" / "dots", bundle="", record_id="r"
    )
    assert [p.read_bytes() for p in cached] == [p.read_bytes() for p in fresh]


def test_turned_off_or_outside_a_figures_folder(tmp_path, counted, monkeypatch):
    save.save_chart(chart([1]), tmp_path / "loose", bundle="", record_id="r")
    save.save_chart(chart([1]), tmp_path / "loose", bundle="", record_id="r")
    assert len(counted) == 2
    monkeypatch.setenv(save.RENDER_CACHE_ENV, "0")
    stem = tmp_path / "results" / "mnist" / "figures" / "dots"
    save.save_chart(chart([1]), stem, bundle="", record_id="r")
    save.save_chart(chart([1]), stem, bundle="", record_id="r")
    assert len(counted) == 4 and not (tmp_path / "results" / ".render-cache").exists()


def test_a_damaged_cache_file_renders(tmp_path, counted):
    stem = tmp_path / "results" / "mnist" / "figures" / "dots"
    save.save_chart(chart([1]), stem, bundle="", record_id="r")
    (tmp_path / "results" / ".render-cache" / "mnist" / "dots.render").write_bytes(b"junk")
    save.save_chart(chart([1]), stem, bundle="", record_id="r")
    assert len(counted) == 2


@pytest.mark.parametrize(
    "change",
    [
        lambda mp: mp.setattr(save.vlc, "__version__", "0.0.0-another", raising=False),
        lambda mp: mp.setattr(save, "font_key", lambda: "another set of system fonts"),
        lambda mp: mp.setattr(save, "PNG_SCALE", 3),
    ],
    ids=["vl-convert version", "system fonts", "png scale"],
)
def test_a_changed_key_misses(tmp_path, counted, monkeypatch, change):
    stem = tmp_path / "results" / "mnist" / "figures" / "dots"
    save.save_chart(chart([1, 2]), stem, bundle="", record_id="r")
    assert len(counted) == 1
    change(monkeypatch)
    save.save_chart(chart([1, 2]), stem, bundle="", record_id="r")
    assert len(counted) == 2


def test_the_font_key_follows_the_font_files(tmp_path, monkeypatch):
    fonts = tmp_path / "fonts"
    (fonts / "truetype").mkdir(parents=True)
    (fonts / "truetype" / "a.ttf").write_bytes(b"glyphs")
    monkeypatch.setattr(save, "FONT_FOLDERS", (str(fonts),))
    keys = []
    for edit in (lambda: None, lambda: (fonts / "truetype" / "b.ttf").write_bytes(b"more"), lambda: None):
        edit()
        save.font_key.cache_clear()
        keys.append(save.font_key())
    save.font_key.cache_clear()
    assert keys[0] != keys[1] == keys[2]
