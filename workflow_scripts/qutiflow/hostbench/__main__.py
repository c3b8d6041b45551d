"""Measure this machine with onnxruntime and write the measurements into a data folder.

    python -m qutiflow.hostbench [--raw-data DIR] [--quick] [--threads N ...] [--force]

Run from the repository (the defaults name config/aliases.csv). Writes, under the data
folder, the measurements in the tidy measurement layout, the measured roofline as tidy
platform-catalogue rows and a Markdown description of the machine (docs/contributing.md,
"Measure your machine"). Refuses to replace a file that exists or that git tracks
unless --force. Exit status: 0 measured and written, 1 refused or failed (nothing
written), 2 a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path, PurePosixPath

from .. import logs
from ..errors import InputError
from .command import DEFAULT_FILES, DEFAULT_PLATFORM, Request, measure


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number ≥ 1")
    return value


def _relative(text: str) -> str:
    path = PurePosixPath(text)
    if not text or path.is_absolute() or ".." in path.parts:
        raise argparse.ArgumentTypeError(
            f"{text!r} must be a path inside the data folder (relative, no '..')"
        )
    return text


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m qutiflow.hostbench",
        description=__doc__.split("\n\n")[0],
        epilog="Exit status: 0 written, 1 refused (a file exists or is tracked; see --force) or "
        "failed, 2 usage error. Nothing is written unless the whole sweep succeeded.",
    )
    ap.add_argument(
        "--raw-data", type=Path, default=Path("raw_data"), metavar="DIR",
        help="the data folder to write into, an existing folder (default: raw_data)",
    )  # fmt: skip
    ap.add_argument(
        "--quick", action="store_true",
        help="the quick preset: 5 small models, 1 or 2 batch sizes, the first and last thread "
        "count, short time budgets (seconds instead of about 10 minutes on 2 cores)",
    )  # fmt: skip
    ap.add_argument(
        "--threads", type=_positive, nargs="+", metavar="N",
        help="onnxruntime intra-op thread counts to measure (op modes threads-N, each must be "
        "in the alias table); default: 1, 2, 4, ... up to the logical cores and their count "
        "(--quick: the first and the last of these)",
    )  # fmt: skip
    ap.add_argument(
        "--force", action="store_true",
        help="replace files that exist or that git tracks (committed data); without it the "
        "command refuses before measuring, naming each such file",
    )  # fmt: skip
    ap.add_argument(
        "--platform", default=DEFAULT_PLATFORM, metavar="ID",
        help=f"canonical platform id of the rows, in the alias table (default: {DEFAULT_PLATFORM})",
    )  # fmt: skip
    for key, what in (
        ("measurements", "the measurement file"),
        ("platforms", "the platform catalogue file"),
        ("description", "the description"),
    ):
        ap.add_argument(
            f"--{key}", type=_relative, default=DEFAULT_FILES[key], metavar="PATH",
            help=f"{what}, relative to the data folder (default: {DEFAULT_FILES[key]})",
        )  # fmt: skip
    ap.add_argument(
        "--aliases", type=Path, default=Path("config/aliases.csv"), metavar="FILE",
        help="the alias table the names are checked against (default: config/aliases.csv)",
    )  # fmt: skip
    ap.add_argument(
        "--topologies", type=Path, nargs="+", metavar="FILE",
        help="topology catalogue files: the reference accuracy written with each model "
        "(default: DIR/topologies.csv)",
    )  # fmt: skip
    ap.add_argument("--receipt", type=Path, metavar="FILE", help="also write a JSON receipt (files, sha256)")
    ap.add_argument("--log", type=Path, metavar="FILE", help="also write the log to FILE")
    ap.add_argument("--no-progress", action="store_true", help="no progress bar")
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = parser()
    args = ap.parse_args(argv)  # a usage error exits with status 2
    if not args.raw_data.is_dir():
        ap.error(f"--raw-data {args.raw_data}: not an existing folder")
    files = {k: getattr(args, k) for k in DEFAULT_FILES}
    if len(set(files.values())) != len(files):
        ap.error(f"the files must differ: {files}")
    request = Request(
        raw_data=args.raw_data,
        aliases=args.aliases,
        topologies=tuple(args.topologies or [args.raw_data / "topologies.csv"]),
        platform=args.platform,
        files=files,
        quick=args.quick,
        threads=tuple(args.threads) if args.threads else None,
        force=args.force,
        receipt=args.receipt,
        progress=not args.no_progress,
    )
    log = logs.setup(args.log, "hostbench")
    try:
        measure(request, log)
    except (InputError, OSError) as err:
        log.error("%s", err)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
