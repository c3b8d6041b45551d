"""Benchmark: wall time, CPU time and peak memory of pipeline runs; prints a table (not a test).

    .venv/bin/python benchmarks/bench_pipeline.py [--data ../shared/qutibench] [--scale 1000 | 0]
    .venv/bin/python benchmarks/bench_pipeline.py --quick   # the tiny fixtures, x10

Rows: a cold run, a run with nothing to do, a run after a change to the platform
catalogue, a run after one measurement of one task changed (a compute latency of MNIST's
MLP, then of ImageNet's ResNet-50: that task's jobs, the fidelity scores and the site
rerun; --quick: MNIST only), and a cold run on the measurements repeated --scale times (the other inputs as
they are; --scale 0: no such run). Figures are rendered again only where their spec
changed (the render cache, qutiflow.figures.save.render): the cold runs start with none. CPU time is user + system of Snakemake and every job it
ran (on a machine shared with other work it is steadier than wall time); peak memory is the
largest resident set of any child process (ru_maxrss). benchmarks/bench_figures.py splits
the figure jobs' CPU time further. --quick runs the same rows on tests/data/tiny (overlay
tests/config/tiny.yaml) with the measurements repeated 10 times: it checks that the
benchmark works, in about a minute.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: data set → (overlay, the master measurement table, the platform catalogue), under --data
LAYOUTS = {
    "qutibench": ("tests/config/qutibench.yaml", "cleaned_csv/backup.csv", "hardware_platforms.csv"),
    "tiny": ("tests/config/tiny.yaml", "measurements/bench_master.csv", "platforms.csv"),
}


def run(raw: Path, results: Path, overlay: str) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak child RSS (MB) of one Snakemake run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "snakemake",
            "--cores",
            "2",
            "--configfile",
            overlay,
            "--config",
            f"raw_data={raw}",
            f"results={results}",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    wall = time.perf_counter() - start
    if proc.returncode:
        sys.exit(proc.stderr[-3000:])
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024


def scaled_copy(src: Path, dest: Path, master: str, scale: int) -> int:
    """Copy the inputs; repeat the master table's data rows ``scale`` times."""
    shutil.copytree(src, dest)
    master = dest / master
    header, *rows = master.read_text().splitlines(keepends=True)
    with master.open("w") as fh:
        fh.write(header)
        for _ in range(scale):
            fh.writelines(rows)
    return len(rows) * scale


def edit_measurement(master: Path, topology: str) -> bool:
    """Change the compute latency (7th column) of the first row of ``topology`` that has one
    (a digit appended: a new value); False when there is no such row."""
    lines = master.read_text().splitlines(keepends=True)
    for i, line in enumerate(lines[1:], start=1):
        fields = next(csv.reader([line]))
        if fields and fields[0] == topology and len(fields) > 6 and fields[6].strip():
            fields[6] = fields[6].strip() + ("1" if "." in fields[6] else ".1")
            out = io.StringIO()
            csv.writer(out, lineterminator="\n").writerow(fields)
            lines[i] = out.getvalue()
            master.write_text("".join(lines))
            return True
    return False


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--data",
        default=str(REPO.parent / "shared" / "qutibench"),
        help="the original QuTiBench data (default: ../shared/qutibench)",
    )
    ap.add_argument("--scale", type=int, default=1000, help="0: no scaled run")
    ap.add_argument(
        "--quick", action="store_true", help="the tiny fixtures (tests/data/tiny), measurements x10"
    )
    args = ap.parse_args()
    layout = "tiny" if args.quick else "qutibench"
    data = REPO / "tests" / "data" / "tiny" if args.quick else Path(args.data).resolve()
    scale = 10 if args.quick else args.scale
    overlay, master, catalogue = LAYOUTS[layout]
    if not data.is_dir():
        sys.exit(
            f"bench_pipeline: the data folder {data} does not exist: pass --data PATH "
            "(the original QuTiBench data), or --quick for the tiny fixtures"
        )
    print(f"bench_pipeline: {data} ({overlay}), measurements x{scale}", flush=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        raw = tmp / "raw"
        shutil.copytree(data, raw)
        results = tmp / "results"
        rows.append(("cold run", *run(raw, results, overlay)))
        rows.append(("nothing to do", *run(raw, results, overlay)))
        with (raw / catalogue).open("a") as fh:
            fh.write("\n")  # a byte change: checksum differs, content the same
        rows.append(("platform catalogue changed", *run(raw, results, overlay)))
        edits = [("MNIST", "MLP"), ("ImageNet", "ResNet-50")]
        for task, topology in edits[:1] if args.quick else edits:  # --quick: one more run
            if edit_measurement(raw / master, topology):
                rows.append((f"one {task} measurement changed", *run(raw, results, overlay)))
        if scale > 0:
            big = tmp / "big"
            n = scaled_copy(data, big, master, scale)
            rows.append((f"cold run, measurements x{scale} ({n:,} rows)", *run(big, tmp / "bigres", overlay)))
    width = max(len(r[0]) for r in rows)
    print(f"{'run':<{width}}  {'wall_s':>8}  {'cpu_s':>8}  {'peak_rss_mb':>11}")
    for name, wall, cpu, mb in rows:
        print(f"{name:<{width}}  {wall:8.2f}  {cpu:8.2f}  {mb:11.0f}")
    print(f"\n(peak_rss_mb is cumulative: the largest child so far; {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
