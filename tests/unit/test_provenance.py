"""Provenance records and the record ids inside figure files."""
from __future__ import annotations

import json
import struct
import zlib

import pytest
from qutiflow import provenance as pv


def test_logical_and_physical_paths_round_trip(tmp_path):
    roots = pv.Roots(tmp_path / "out", tmp_path / "raw", tmp_path)
    for path, logical in [(tmp_path / "out/imagenet/figures/a.svg", "results/imagenet/figures/a.svg"),
                          (tmp_path / "raw/measurements/m.csv", "raw_data/measurements/m.csv"),
                          (tmp_path / "config/aliases.csv", "config/aliases.csv")]:
        assert roots.logical(path) == logical
        assert roots.physical(logical) == path


def png_chunks(png: bytes):
    """(type, body) of every chunk, checking each CRC: a naive PNG reader."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, out = 8, []
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", png[pos + 8 + length:pos + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        out.append((kind, body))
        pos += 12 + length
    return out


def test_png_text_chunk_is_valid_and_read_back():
    import vl_convert as vlc

    png = vlc.svg_to_png('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">'
                         '<rect width="4" height="4"/></svg>')
    tagged = pv.tag_png(png, "ab" * 32)
    chunks = png_chunks(tagged)
    assert chunks[-1][0] == b"IEND"
    assert (b"tEXt", b"qutiflow-provenance\0" + b"ab" * 32) in chunks
    assert pv.png_id(tagged) == "ab" * 32 and pv.png_id(png) is None


def test_svg_metadata_is_read_back():
    svg = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>'
    tagged = pv.tag_svg(svg, "f00d")
    assert tagged.startswith('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
                             '<metadata id="qutiflow-provenance">f00d</metadata><g/>')
    assert pv.svg_id(tagged) == "f00d" and pv.svg_id(svg) is None


def make_job(tmp_path, params=None):
    results, raw = tmp_path / "out", tmp_path / "raw"
    (raw).mkdir(exist_ok=True)
    (raw / "m.csv").write_text("a,b\n1,2\n")
    script = tmp_path / "rule.py"
    script.write_text("print('hi')\n")
    roots = pv.Roots(results, raw, tmp_path)
    pv.begin(rule="normalise", wildcards={"task": "mnist"},
             params=params or {"raw_data": str(raw), "n": 3, "figures": {"a": str(results / "f")}},
             inputs=[str(raw / "m.csv")], code=[str(script)], roots=roots)
    out = results / "x.parquet"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(b"table")
    return pv.finish(outputs=[str(out)], roots=roots, raw_data_root=str(raw))


def test_record_lists_hashes_and_logical_params(tmp_path):
    record = json.loads(make_job(tmp_path).read_text())
    assert record["rule"] == "normalise" and record["wildcards"] == {"task": "mnist"}
    assert record["params"] == {"raw_data": "raw_data", "n": 3, "figures": {"a": "results/f"}}
    assert record["inputs"] == [{"path": "raw_data/m.csv",
                                 "sha256": pv.sha256_file(tmp_path / "raw/m.csv")}]
    assert record["outputs"] == [{"path": "results/x.parquet",
                                  "sha256": pv.sha256_file(tmp_path / "out/x.parquet")}]
    assert record["code"][0]["path"] == "rule.py"
    recipe = {k: record[k] for k in ("rule", "wildcards", "params", "inputs", "code", "versions")}
    assert record["id"] == pv.recipe_id(recipe)
    assert set(record["versions"]) >= {"python", "pandas", "snakemake", "altair"}


def test_same_job_twice_gives_the_same_record_and_a_change_a_new_id(tmp_path):
    first = make_job(tmp_path).read_bytes()
    assert make_job(tmp_path).read_bytes() == first
    (tmp_path / "raw").joinpath("m.csv").write_text("a,b\n1,3\n")
    pv.begin(rule="normalise", wildcards={"task": "mnist"}, params={}, inputs=[str(tmp_path / "raw/m.csv")],
             code=[], roots=pv.Roots(tmp_path / "out", tmp_path / "raw", tmp_path))
    assert pv.current_id() != json.loads(first)["id"]


def test_lookup_finds_the_record_of_an_output(tmp_path):
    make_job(tmp_path)
    record = pv.lookup(tmp_path / "out", tmp_path / "out/x.parquet")
    assert record is not None and record["rule"] == "normalise"
    assert pv.lookup(tmp_path / "out", tmp_path / "out/missing.svg") is None


def test_finish_without_begin_is_an_error(monkeypatch):
    monkeypatch.setattr(pv, "_current", None)
    with pytest.raises(RuntimeError):
        pv.finish(outputs=[], roots=pv.Roots(".", "."), raw_data_root=".")
