"""qutiflow.provenance.tagging: the record id inside SVG and PNG figure files."""

from __future__ import annotations

import struct
import zlib

from qutiflow.provenance.tagging import png_id, svg_id, tag_png, tag_svg


def png_chunks(png: bytes):
    """(type, body) of every chunk, checking each CRC: a naive PNG reader."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, out = 8, []
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        body = png[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", png[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        out.append((kind, body))
        pos += 12 + length
    return out


def test_png_text_chunk_is_valid_and_read_back():
    import vl_convert as vlc

    png = vlc.svg_to_png(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>'
    )
    tagged = tag_png(png, "ab" * 32)
    chunks = png_chunks(tagged)
    assert chunks[-1][0] == b"IEND"
    assert chunks[-2] == (b"tEXt", b"qutiflow-provenance\0" + b"ab" * 32)
    assert chunks[:-2] == png_chunks(png)[:-1]  # every other chunk as it was
    assert png_id(tagged) == "ab" * 32 and png_id(png) is None


def test_svg_metadata_is_read_back():
    svg = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>'
    tagged = tag_svg(svg, "f00d")
    assert tagged == (
        '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
        '<metadata id="qutiflow-provenance">f00d</metadata><g/></svg>'
    )
    assert svg_id(tagged) == "f00d" and svg_id(svg) is None
