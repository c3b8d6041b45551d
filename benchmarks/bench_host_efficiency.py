"""Benchmark: the host's measured efficiency per network against its measured roofline.

    .venv/bin/python benchmarks/bench_host_efficiency.py [--measure quick|default]

Without --measure it reads the committed contribution (raw_data/measurements/host-cpu.csv
and raw_data/host_platforms.csv); with it, it first measures this machine into a
temporary copy of raw_data. Either way the pipeline computes the efficiency tables in a
temporary results folder, and this prints one row per network × datatype × op mode: the
best measured throughput over batch sizes, the roofline's prediction from the host's own
measured peak and bandwidth, their ratio, and whether the roofline says compute- or
memory-bound. Not a test: it prints a table.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from qutiflow.io import read_parquet

REPO = Path(__file__).resolve().parent.parent
TASKS = ("imagenet", "cifar10", "mnist")


def snakemake(*args: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", *args],
        cwd=REPO,
        timeout=3600,
        stderr=subprocess.PIPE,
        text=True,
    )
    if proc.returncode:
        sys.exit(proc.stderr[-3000:])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--measure",
        choices=["quick", "default"],
        help="measure this machine first (into a temporary copy of raw_data)",
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        raw, results = REPO / "raw_data", tmp / "results"
        if args.measure:
            raw = tmp / "raw"
            shutil.copytree(REPO / "raw_data", raw)
            # the copy holds the committed host files: --force replaces them
            quick = ["--quick"] if args.measure == "quick" else []
            cmd = [sys.executable, "-m", "qutiflow.hostbench", "--raw-data", str(raw), "--force", *quick]
            if subprocess.run(cmd, cwd=REPO, timeout=3600).returncode:
                sys.exit("measuring this machine failed (see above)")
        targets = [
            str(results / t / name) for t in TASKS for name in ("efficiency.parquet", "predictions.parquet")
        ]
        snakemake(*targets, "--config", f"raw_data={raw}", f"results={results}")
        print(f"host efficiency: {raw / 'measurements/host-cpu.csv'} against {raw / 'host_platforms.csv'}")
        print(
            "| task | network | pruning % | datatype | op mode | best batch | measured fps "
            "| roofline fps | efficiency % | bound |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        for task in TASKS:
            eff = read_parquet(results / task / "efficiency.parquet")
            pred = read_parquet(results / task / "predictions.parquet")
            keys = ["platform", "op_mode", "datatype", "topology", "pruning_pct"]
            table = eff.loc[eff["platform"] == "Host-CPU"].merge(pred[keys + ["bound"]], on=keys)
            for r in table.itertuples(index=False):
                print(
                    f"| {task} | {r.topology} | {r.pruning_pct:g} | {r.datatype} | {r.op_mode} "
                    f"| {r.batch} | {r.measured_fps:.1f} | {r.predicted_fps:.1f} "
                    f"| {r.efficiency_pct:.1f} | {r.bound} |"
                )


if __name__ == "__main__":
    main()
