"""Benchmark: how well level 0, level 1 and level 1 calibrated predict what was measured.

    .venv/bin/python benchmarks/bench_fidelity.py [--data ../shared/qutibench] [--keep DIR]
    .venv/bin/python benchmarks/bench_fidelity.py --quick   # the embedded data only

Runs the pipeline up to fidelity/summary.parquet on the original QuTiBench data and on the
embedded raw_data/, keeping the host's rows of the latter (the embedded data holds the
published measurements too), then prints the scores: per model, on each data set and on
both together (anchors are chosen per platform, so the two sets' rows simply
add up), each configuration at its best measured batch and over every measured batch,
beside the issue's targets. Anchors (two per platform, fixed rule) are never scored.
Prints a table; asserts nothing. --quick scores the embedded data alone.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
from qutiflow import fidelity

REPO = Path(__file__).resolve().parent.parent

#: (model, scope) → {score: (target, "<=" or ">=")}
TARGETS = {
    ("level1", "best_batch"): {"median_abs_log10": (0.45, "<="), "spearman_within_platform": (0.95, ">=")},
    ("level1_calibrated", "best_batch"): {
        "median_abs_log10": (0.12, "<="),
        "p90_abs_log10": (0.40, "<="),
        "within_2x_pct": (85.0, ">="),
        "within_25_pct": (45.0, ">="),
    },
    ("level1_calibrated", "all_batches"): {"median_abs_log10": (0.15, "<=")},
}
#: the measured host's platform id (config/config.yaml, measure_host.platform)
HOST = "Host-CPU"
COLUMNS = [
    "n",
    "median_abs_log10",
    "p90_abs_log10",
    "within_25_pct",
    "within_2x_pct",
    "spearman_within_platform",
    "beats_physics_n",
]


def run(config: list[str], results: Path) -> pd.DataFrame:
    """The rows of fidelity/predictions_vs_measured.parquet after a run into ``results``."""
    target = results / "fidelity" / "predictions_vs_measured.parquet"
    proc = subprocess.run(
        [sys.executable, "-m", "snakemake", str(target), "--cores", "2", *config, f"results={results}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if proc.returncode:
        sys.exit(proc.stderr[-3000:])
    return pd.read_parquet(target)


def verdict(model: str, scope: str, column: str, value: float) -> str:
    target = TARGETS.get((model, scope), {}).get(column)
    if target is None or pd.isna(value):
        return ""
    bound, op = target
    ok = value <= bound if op == "<=" else value >= bound
    return f" ({'meets' if ok else 'misses'} {op} {bound:g})"


def table(name: str, rows: pd.DataFrame) -> None:
    s = fidelity.summary(rows)
    s = s.loc[s["platform"] == "all"]
    print(f"\n{name}")
    print(f"{'model':<18} {'scope':<11} " + " ".join(f"{c:>24}" for c in COLUMNS))
    for r in s.itertuples(index=False):
        cells = []
        for c in COLUMNS:
            v = getattr(r, c)
            text = f"{v:d}" if isinstance(v, (int,)) else f"{v:.3f}"
            cells.append(f"{text + verdict(r.model, r.scope, c, v):>24}")
        print(f"{r.model:<18} {r.scope:<11} " + " ".join(cells))


def per_platform(rows: pd.DataFrame) -> None:
    s = fidelity.summary(rows)
    s = s.loc[(s["scope"] == "best_batch") & (s["platform"] != "all")]
    wide = s.pivot(index="platform", columns="model", values="median_abs_log10")
    n = s.loc[s["model"] == "level1"].set_index("platform")["n"]
    print("\nmedian |log10(measured / predicted)| per platform, best batch, anchors left out")
    print(f"{'platform':<18} {'n':>4} " + " ".join(f"{m:>18}" for m in fidelity.MODELS))
    for platform, r in wide.iterrows():
        print(
            f"{platform:<18} {int(n.get(platform, 0)):>4} "
            + " ".join(f"{r.get(m, float('nan')):>18.3f}" for m in fidelity.MODELS)
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "qutibench"))
    ap.add_argument("--keep", help="results folder to keep (default: a temporary one)")
    ap.add_argument("--quick", action="store_true", help="the embedded data only (no original data needed)")
    args = ap.parse_args()
    data = Path(args.data).resolve()
    if not args.quick and not data.is_dir():
        sys.exit(
            f"bench_fidelity: the data folder {data} does not exist: pass --data PATH "
            "(the original QuTiBench data), or --quick for the embedded data alone"
        )
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(args.keep) if args.keep else Path(tmp)
        original = (
            None
            if args.quick
            else run(
                ["--configfile", "tests/config/qutibench.yaml", "--config", f"raw_data={data}"],
                base / "qutibench",
            )
        )
        embedded = run(["--config", "raw_data=raw_data"], base / "embedded")
    # the embedded data holds the published measurements too (the same rows as the
    # original): keep the host's alone, so that "both together" counts each row once
    host = embedded.loc[embedded["platform"] == HOST].reset_index(drop=True)
    if original is not None:
        table("original QuTiBench data", original)
        per_platform(original)
    table("embedded data (this project's host)", host)
    if original is not None:
        table("both together", pd.concat([original, host], ignore_index=True))


if __name__ == "__main__":
    main()
