"""The record id inside a figure file: SVG ``<metadata>`` and a PNG ``tEXt`` chunk, so
that a figure found anywhere can be traced back to the job that made it."""

from __future__ import annotations

import struct
import zlib

#: text chunk keyword (PNG) and metadata id (SVG) that carry a record id in a figure
MARK = "qutiflow-provenance"


def tag_svg(svg: str, record_id: str) -> str:
    """The SVG with ``<metadata id="qutiflow-provenance">ID</metadata>`` as first child.

    >>> tag_svg('<svg width="1"><g/></svg>', "abc")
    '<svg width="1"><metadata id="qutiflow-provenance">abc</metadata><g/></svg>'
    """
    start = svg.index("<svg")
    end = svg.index(">", start) + 1
    return f'{svg[:end]}<metadata id="{MARK}">{record_id}</metadata>{svg[end:]}'


def svg_id(svg: str) -> str | None:
    """The record id an SVG carries (None when it has none).

    >>> svg_id(tag_svg('<svg><g/></svg>', "abc")), svg_id('<svg><g/></svg>')
    ('abc', None)
    """
    marker = f'<metadata id="{MARK}">'
    at = svg.find(marker)
    if at < 0:
        return None
    return svg[at + len(marker) : svg.index("</metadata>", at)]


def tag_png(png: bytes, record_id: str) -> bytes:
    """The PNG with a ``tEXt`` chunk ``qutiflow-provenance`` = id before ``IEND``."""
    data = MARK.encode("latin-1") + b"\0" + record_id.encode("latin-1")
    chunk = struct.pack(">I", len(data)) + b"tEXt" + data
    chunk += struct.pack(">I", zlib.crc32(b"tEXt" + data) & 0xFFFFFFFF)
    at = png.rindex(b"IEND") - 4  # the length field before the chunk type
    return png[:at] + chunk + png[at:]


def png_id(png: bytes) -> str | None:
    """The record id a PNG carries in its ``tEXt`` chunk (None when it has none)."""
    pos = 8
    while pos + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        body = png[pos + 8 : pos + 8 + length]
        if kind == b"tEXt":
            key, _, value = body.partition(b"\0")
            if key == MARK.encode():
                return value.decode("latin-1")
        pos += 12 + length
    return None
