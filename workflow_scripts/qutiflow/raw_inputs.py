"""The raw inputs of a run: checked before any job starts, and fingerprinted by content.

The Snakefile checks the data folder when it starts (:func:`check_folder`) and resolves
each input kind of the config through :func:`check_inputs` while it builds the job graph,
for the jobs the requested targets need, so a data folder that is missing, is not a folder,
or holds no file for a pattern the config names stops the run before any job runs (and
before any earlier good result is touched). A glob hit that cannot be read (a dangling link, a link
loop, a folder, an unreadable file) is an error naming the path.

:func:`content_digest` is a rule parameter: Snakemake reruns a job whose parameters
changed, so a file restored with an old modification time (``cp -p``, ``rsync -a``) but
other bytes is noticed, which Snakemake's own time stamps miss.
"""

from __future__ import annotations

import glob
import hashlib
import os

from .provenance.files import sha256_file

#: how many characters of a path or pattern a message shows
SHOWN = 200


class RawDataError(Exception):
    """The configured raw data cannot be read; the message says what to do."""


def _cut(text: str) -> str:
    return text if len(text) <= SHOWN else text[:SHOWN] + f"… ({len(text)} characters)"


def check_folder(raw: str) -> None:
    """Raise :class:`RawDataError` unless ``raw`` is an existing, readable folder."""
    if not os.path.lexists(raw):
        raise RawDataError(
            f"the data folder {_cut(raw)!r} does not exist (config key raw_data, relative to "
            f"{os.getcwd()!r}): create it, or point the run at your data with "
            "--config raw_data=PATH"
        )
    if not os.path.isdir(raw):
        raise RawDataError(
            f"the data folder {_cut(raw)!r} (config key raw_data) is not a folder: pass the "
            "folder that holds the measurement and catalogue files, --config raw_data=PATH"
        )
    if not os.access(raw, os.R_OK | os.X_OK):
        raise RawDataError(f"the data folder {_cut(raw)!r} cannot be read: check its permissions")


def check_apart(raw: str, results: str) -> None:
    """Raise :class:`RawDataError` when the data folder and the results folder overlap (one
    inside the other, or the same), or when either path holds a brace, which Snakemake
    would read as a wildcard pattern in every input and output under it."""
    for key, path in (("raw_data", raw), ("results", results)):
        if "{" in path or "}" in path:
            raise RawDataError(
                f"the {key} folder {_cut(path)!r} has '{{' or '}}' in its path, which Snakemake "
                f"reads as a wildcard pattern: rename the folder, or pass another with "
                f"--config {key}=PATH"
            )
    r, out = os.path.realpath(raw), os.path.realpath(results)
    if _inside(r, out) or _inside(out, r):
        where = "is the same folder as" if r == out else ("is inside" if _inside(r, out) else "holds")
        raise RawDataError(
            f"the data folder {_cut(raw)!r} {where} the results folder {_cut(results)!r}: a "
            "run would read its own outputs as raw data or write into the data; keep them "
            "apart (--config raw_data=PATH results=PATH)"
        )


def unreadable(path: str) -> str | None:
    """Why ``path`` cannot be read as an input file, or None when it can."""
    if os.path.islink(path) and not os.path.exists(path):
        return "is a dangling symbolic link or a link loop"
    if os.path.isdir(path):
        return "is a folder, not a file"
    if not os.path.isfile(path):
        return "is not a regular file"
    if not os.access(path, os.R_OK):
        return "cannot be read (permissions)"
    return None


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _hit_problem(raw: str, hit: str) -> str | None:
    """Why a glob hit under ``raw`` cannot be an input, or None when it can: a name that
    Snakemake would read as a wildcard pattern, a link that leads out of the folder (where
    it points is named; nothing of the file is read), a file that cannot be read."""
    rel = os.path.relpath(hit, raw)
    if "{" in rel or "}" in rel:
        return (
            "has '{' or '}' in its name, which Snakemake reads as a wildcard pattern: rename "
            "it without braces"
        )
    real = os.path.realpath(hit)
    if not _inside(real, os.path.realpath(raw)):
        return (
            f"is a link to {_cut(real)!r}, outside the data folder: only files inside the "
            "data folder are read; copy the file into it, or remove the link"
        )
    why = unreadable(hit)
    return why and f"{why}: replace it with the file it should be, or remove it"


def _as_read(raw: str, hit: str) -> str:
    """The path of the file that is actually read: a link inside the data folder is
    replaced by the file it points to (under the same data folder prefix)."""
    real, root = os.path.realpath(hit), os.path.realpath(raw)
    rel = os.path.relpath(real, root)
    return hit if rel == os.path.relpath(hit, raw) else os.path.join(raw, rel)


def resolve(
    raw: str, patterns: list[str], key: str, *, allow_missing: bool = False
) -> tuple[list[str], list[str]]:
    """The files under ``raw`` matching ``patterns`` (sorted per pattern, each once) and
    the problems found: a pattern that matches nothing, a hit that cannot be read, a link
    out of the folder, a name with braces. A link inside the folder stands for the file it
    points to (that file is what the jobs read and the records name).

    >>> resolve("/nonexistent", [], "inputs.power_traces")
    ([], [])
    """
    found: list[str] = []
    problems: list[str] = []
    for pattern in patterns:
        full = os.path.join(raw, pattern)
        hits = (
            sorted(glob.glob(full)) if glob.has_magic(pattern) else ([full] if os.path.lexists(full) else [])
        )
        if not hits and not allow_missing:
            what = "matches no file" if glob.has_magic(pattern) else "does not exist"
            problems.append(
                f"{key}: {_cut(pattern)!r} {what} in the data folder {_cut(raw)!r}: add the "
                f"file, fix the name in the config, or remove the entry from {key}"
            )
        for hit in hits:
            why = _hit_problem(raw, hit)
            if why:
                problems.append(f"{key}: {_cut(hit)!r} (matched by {_cut(pattern)!r}) {why}")
                continue
            read = _as_read(raw, hit)
            if read not in found:
                found.append(read)
    return found, problems


def check_inputs(
    raw: str, named: dict[str, list[str]], *, allow_missing: bool = False
) -> dict[str, list[str]]:
    """Resolve every input kind of ``named`` (config key → patterns) under ``raw``; raise
    one :class:`RawDataError` listing every problem, or return key → files. With
    ``allow_missing`` a pattern that matches nothing is not a problem."""
    check_folder(raw)
    files, problems = {}, []
    for key, patterns in named.items():
        files[key], found = resolve(raw, patterns, key, allow_missing=allow_missing)
        problems += found
    if problems:
        n = len(problems)
        raise RawDataError(
            f"{n} problem{'s' if n != 1 else ''} with the raw data, found before "
            "any job ran (nothing was changed):\n" + "\n".join(f"  - {p}" for p in problems)
        )
    return files


_hashes: dict[tuple, str] = {}


def file_sha256(path: str) -> str:
    """sha256 of a file, cached for this process by (path, inode, size, mtime, ctime): the
    change time cannot be set back by a copy that keeps the modification time."""
    st = os.stat(path)
    key = (os.path.abspath(path), st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    if key not in _hashes:
        _hashes[key] = sha256_file(path)
    return _hashes[key]


def content_digest(paths: list[str], *, skip_under: str) -> str:
    """One sha256 over the contents of ``paths`` in order, leaving out the files under
    ``skip_under`` (the results folder: the pipeline's own outputs, which Snakemake tracks)
    and paths that do not exist yet."""
    skip = os.path.abspath(skip_under) + os.sep
    h = hashlib.sha256()
    for p in paths:
        if os.path.abspath(p).startswith(skip) or not os.path.isfile(p):
            continue
        h.update(f"{os.path.basename(p)}\0{file_sha256(p)}\n".encode())
    return h.hexdigest()
