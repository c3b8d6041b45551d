"""Files written whole or not at all: the one atomic writer of the package.

A file is written under a temporary name in its own folder (``.<name>.<random>.tmp``: a
dot-file, which the audit and publishing never take for an artifact), given the usual
permissions (0666 less the umask; a temporary file is created 0600) and renamed into
place. A failure, or a process killed half-way, never leaves a half-written file under the
real name; a failure removes the temporary file.

Imports only the standard library: the Vega bundle job and the provenance records use it
and must start fast.

>>> import tempfile, os
>>> folder = tempfile.mkdtemp()
>>> write_text("one", os.path.join(folder, "a", "b.txt"))
>>> open(os.path.join(folder, "a", "b.txt")).read()
'one'
>>> try:
...     with replacing(os.path.join(folder, "a", "b.txt")) as tmp:
...         _ = open(tmp, "w").write("half")
...         raise RuntimeError("killed")
... except RuntimeError:
...     pass
>>> open(os.path.join(folder, "a", "b.txt")).read(), sorted(os.listdir(os.path.join(folder, "a")))
('one', ['b.txt'])
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


@contextmanager
def replacing(path: str | os.PathLike) -> Iterator[str]:
    """The temporary path to write ``path``'s new content to; renamed onto ``path`` when
    the block ends without an error, removed when it raises."""
    path = os.fspath(path)
    folder = os.path.dirname(path) or "."
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_bytes(data: bytes, path: str | os.PathLike) -> None:
    """Write ``data`` to ``path`` atomically."""
    with replacing(path) as tmp, open(tmp, "wb") as fh:
        fh.write(data)


def write_text(text: str, path: str | os.PathLike) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    write_bytes(text.encode("utf-8"), path)
