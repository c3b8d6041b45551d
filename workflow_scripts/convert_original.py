"""Convert the original QuTiBench website data into the embedded tidy files under raw_data/.

    python workflow_scripts/convert_original.py --source ../shared/qutibench --dest raw_data

Reads, under --source (the original layout, RCL-lab/QutibenchWeb `_notebooks/data/`):
  cleaned_csv/backup.csv             the site's master measurement table
  power_measur_fast.csv, _slow.csv   the Edge TPU power traces (wide, ragged)
and writes, under --dest:
  measurements/qutibench-{imagenet,cifar10,mnist}.csv   tidy measurement layout, one file
                                                        per task (rows with a measured value)
  power_traces/qutibench-edgetpu-{fast,slow}.csv        tidy power-trace layout
Every row keeps its origin (origin_file, origin_line). Names are resolved with
--aliases and tasks with --topologies, the pipeline's own tables. The output depends
only on the inputs: a rerun writes byte-identical files. Prints one line per file written
(rows, sha256). Any problem in the original files stops it before anything is written.
The values are © Xilinx, Inc., Apache License 2.0: see raw_data/NOTICE.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from qutiflow import convert_original, errors, io, reference

#: the original measurement tables converted, relative to --source
MEASUREMENT_SOURCES = ["cleaned_csv/backup.csv"]
#: the original power-trace tables converted, relative to --source
TRACE_SOURCES = ["power_measur_fast.csv", "power_measur_slow.csv"]


def convert(source: Path, *, aliases: Path, topologies: Path, trace_platform: str) -> dict[str, str]:
    """Relative output path → CSV text of every file to write."""
    vocab = reference.vocabulary(io.read_csv_text(aliases, str(aliases)))
    tasks = reference.topology_tasks(io.read_csv_text(topologies, str(topologies)), vocab)
    files, problems = {}, []
    for name in MEASUREMENT_SOURCES:
        try:
            rows = convert_original.measurement_rows(
                io.read_csv_text(source / name, name), vocab=vocab, topology_tasks=tasks
            )
        except errors.InputError as err:
            problems += err.problems
            continue
        for task, part in convert_original.by_task(rows).items():
            files[f"measurements/qutibench-{task}.csv"] = convert_original.csv_text(
                part, convert_original.MEASUREMENT_COLUMNS
            )
    for name in TRACE_SOURCES:
        try:
            rows = convert_original.power_trace_rows(io.read_csv_text(source / name, name), vocab=vocab)
        except errors.InputError as err:
            problems += err.problems
            continue
        for mode, part in rows.groupby("op_mode", sort=True):
            stem = f"qutibench-{trace_platform.lower()}-{mode}"
            files[f"power_traces/{stem}.csv"] = convert_original.csv_text(
                part, convert_original.POWER_TRACE_COLUMNS
            )
    errors.raise_if_any(problems)
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--source", required=True, type=Path, help="the original data folder (e.g. ../shared/qutibench)"
    )
    ap.add_argument("--dest", required=True, type=Path, help="the raw_data folder to write")
    ap.add_argument("--aliases", type=Path, default=Path("config/aliases.csv"))
    ap.add_argument("--topologies", type=Path, default=Path("config/topologies.csv"))
    ap.add_argument(
        "--trace-platform", default="EdgeTPU", help="the platform of the power traces (in the file names)"
    )
    args = ap.parse_args(argv)
    try:
        files = convert(
            args.source, aliases=args.aliases, topologies=args.topologies, trace_platform=args.trace_platform
        )
    except errors.InputError as err:
        print(err, file=sys.stderr)
        return 1
    for rel, text in sorted(files.items()):
        data = text.encode("utf-8")
        io.write_bytes(data, args.dest / rel)
        print(f"{args.dest / rel}: {text.count(chr(10)) - 1} rows, sha256 {hashlib.sha256(data).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
