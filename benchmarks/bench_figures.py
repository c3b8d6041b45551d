"""Benchmark: CPU time of each figure job, split into its phases; prints a table (not a test).

    .venv/bin/python benchmarks/bench_figures.py RESULTS [--jobs plot_theory plot_measured-imagenet ...]
        [--repeat 3] [--figures] [--scripts OTHER/workflow_scripts]

RESULTS is the results folder of a finished run (its tables are the inputs). Each job runs
its entry script's ``main`` in a fresh Python process, as Snakemake would, writing its
figures into a temporary folder; the table gives the process's CPU time (user + system,
imports included) and, inside it, the CPU time of: importing pandas + altair + vl-convert,
building the charts, ``to_dict`` (spec JSON), Vega-Lite → SVG and SVG → PNG. CPU time,
not wall time: the numbers hold on a machine shared with other work. The render cache
(qutiflow.figures.save.render) is turned off: every figure is rendered.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TASKS = ["imagenet", "cifar10", "mnist"]

#: run in the child: time the imports, then the job with its phases instrumented
CHILD = r"""
import json, sys, time
t0 = time.process_time()
import pandas, altair, vl_convert
imports = time.process_time() - t0
sys.path.insert(0, sys.argv[3])
from qutiflow.figures import save
phases = {"to_dict": 0.0, "svg": 0.0, "png": 0.0}
def timed(name, fn):
    def wrapper(*a, **k):
        s = time.process_time()
        try:
            return fn(*a, **k)
        finally:
            phases[name] += time.process_time() - s
    return wrapper
save.spec_json = timed("to_dict", save.spec_json)
save.vlc = type("vlc", (), {"vegalite_to_svg": staticmethod(timed("svg", vl_convert.vegalite_to_svg)),
                            "svg_to_png": staticmethod(timed("png", vl_convert.svg_to_png)),
                            "javascript_bundle": staticmethod(vl_convert.javascript_bundle)})
for name in dir(vl_convert):
    if not hasattr(save.vlc, name):
        setattr(save.vlc, name, getattr(vl_convert, name))
figures = []
save_chart = save.save_chart
def per_figure(chart, stem, **kw):
    before = dict(phases)
    s = time.process_time()
    out = save_chart(chart, stem, **kw)
    figures.append((str(stem).split("/")[-3] + "/" + str(stem).split("/")[-1],
                    {k: phases[k] - before[k] for k in phases}, time.process_time() - s))
    return out
module, kwargs = sys.argv[1], json.loads(sys.argv[2])
mod = __import__(module)
mod.save_chart = per_figure
try:  # the figure builders save the charts (qutiflow.builders.draw)
    import qutiflow.builders as builders
    builders.save_chart = per_figure
except ImportError:
    pass
s = time.process_time()
mod.main(**kwargs)
job = time.process_time() - s
phases["build"] = job - sum(phases.values())
print(json.dumps({"figures": figures}))
print(json.dumps({"imports": imports, **phases}))
"""


def jobs(results: Path, out: Path, bundle: Path) -> dict[str, tuple[str, dict]]:
    """Each figure job's name → (its entry script's module, the keyword arguments of its
    ``main``): the tables under ``results`` as inputs, the figures written under ``out``."""
    from qutiflow import artifacts

    catalogue = artifacts.load()

    def stems(job: str, folder: str) -> dict[str, list[str]]:
        """{name: [path without extension, builder]} of a job's figures in one folder."""
        (out / folder / "figures").mkdir(parents=True, exist_ok=True)
        return {
            f.name: [str(out / folder / "figures" / f.name), f.builder]
            for _, f in artifacts.figures(catalogue, TASKS, job=job, folder=folder)
        }

    r = lambda p: str(results / p)  # noqa: E731
    plan = {
        "plot_theory": (
            "plot_theory",
            dict(
                predictions=[r(f"{t}/predictions.parquet") for t in TASKS],
                pareto=[r(f"{t}/pareto_theoretical.parquet") for t in TASKS],
                topologies=r("normalised/topologies.parquet"),
                rooflines=r("all/rooflines.parquet"),
                bundle=str(bundle),
                tasks=TASKS,
                titles=catalogue.tasks,
                figures={d: stems("plot_theory", d) for d in [*TASKS, "all"]},
            ),
        ),
        "plot_fidelity": (
            "plot_fidelity",
            dict(
                rows=r("fidelity/predictions_vs_measured.parquet"),
                summary=r("fidelity/summary.parquet"),
                families_table="config/platform_families.csv",
                bundle=str(bundle),
                figures=stems("plot_fidelity", "fidelity"),
            ),
        ),
        "plot_power_traces": (
            "plot_power_traces",
            dict(
                traces=r("normalised/power_traces.parquet"),
                bundle=str(bundle),
                figures=stems("plot_power_traces", "imagenet"),
            ),
        ),
    }
    for t in TASKS:
        plan[f"plot_measured-{t}"] = ("plot_measured", _measured_kwargs(t, r, bundle, stems, catalogue))
    return plan


def _measured_kwargs(task: str, r, bundle: Path, stems, catalogue) -> dict:
    """The keyword arguments of plot_measured's ``main`` for one task (``r``: a results
    path as text; ``stems``: a job's figures in one folder)."""
    return dict(
        measurements=r(f"{task}/measurements.parquet"),
        pareto=r(f"{task}/pareto_measured.parquet"),
        efficiency=r(f"{task}/efficiency.parquet"),
        predictions=r(f"{task}/predictions.parquet"),
        topologies=r("normalised/topologies.parquet"),
        rooflines=r("all/rooflines.parquet"),
        families_table="config/platform_families.csv",
        bundle=str(bundle),
        figures=stems("plot_measured", task),
        task=task,
        title=catalogue.tasks[task],
    )


def cpu_children() -> tuple[float, float]:
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime, u.ru_stime


def main() -> None:
    args = _parser().parse_args()
    results = args.results.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        out = (args.keep or Path(tmp)).resolve()
        plan = jobs(results, out, results / "vendor" / "vega-bundle.js")
        rows, per_figure = [], []
        for name in args.jobs or plan:
            module, kwargs = plan[name]
            best = _fastest_run(name, module, kwargs, repeat=args.repeat, scripts=args.scripts)
            rows.append(best[:4])
            per_figure += best[4]
    _print_jobs(rows)
    if args.figures:
        _print_figures(per_figure)


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser()
    ap.add_argument("results", type=Path)
    ap.add_argument("--jobs", nargs="*", help="job names (default: every figure job)")
    ap.add_argument("--keep", type=Path, help="write the figures here instead of a temporary folder")
    ap.add_argument(
        "--scripts",
        type=Path,
        default=REPO / "workflow_scripts",
        help="the entry scripts and library to time (e.g. an export of another commit, to compare)",
    )
    ap.add_argument(
        "--repeat", type=int, default=1, help="run each job this many times; the table gives the fastest"
    )
    ap.add_argument(
        "--figures",
        action="store_true",
        help="also a row per figure: CPU time "
        "to draw (build, to_dict) and render (SVG, PNG, writing the files)",
    )
    return ap


def _fastest_run(name: str, module: str, kwargs: dict, *, repeat: int, scripts: Path) -> tuple:
    """Run one job ``repeat`` times, each in a fresh process; the fastest run's (name, CPU
    s, system s, phases, figures). A failing run ends the benchmark with its error."""
    best = None
    for _ in range(repeat):
        before = cpu_children()
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, module, json.dumps(kwargs), str(scripts.resolve())],
            cwd=REPO,
            capture_output=True,
            text=True,
            # every figure rendered: the render cache left out
            env={**os.environ, "QUTIFLOW_RENDER_CACHE": "0"},
        )
        after = cpu_children()
        user, system = after[0] - before[0], after[1] - before[1]
        if proc.returncode:
            sys.exit(f"{name}:\n{proc.stderr[-3000:]}")
        lines = proc.stdout.strip().splitlines()
        if best is None or user + system < best[1]:
            best = (
                name,
                user + system,
                system,
                json.loads(lines[-1]),
                json.loads(lines[-2])["figures"],
            )
    return best


def _print_jobs(rows: list[tuple]) -> None:
    """The table of jobs: CPU and system time, and the phases."""
    cols = ["imports", "build", "to_dict", "svg", "png"]
    width = max(len(r[0]) for r in rows)
    print(f"{'job':<{width}}  {'cpu_s':>6}  {'sys_s':>6}  " + "  ".join(f"{c:>7}" for c in cols))
    for name, cpu, system, ph in rows:
        print(f"{name:<{width}}  {cpu:6.2f}  {system:6.2f}  " + "  ".join(f"{ph[c]:7.2f}" for c in cols))
    total = sum(r[1] for r in rows)
    print(f"{'total':<{width}}  {total:6.2f}")
    print(
        "\n(cpu_s: user + system of the whole process, sys_s its system part; the phases are CPU time inside it)"
    )


def _print_figures(per_figure: list) -> None:
    """The table of figures: time to save each, and its phases."""
    width = max(len(f[0]) for f in per_figure)
    print(f"\n{'figure':<{width}}  {'save_s':>6}  {'to_dict':>7}  {'svg':>7}  {'png':>7}")
    for stem, ph, total in per_figure:
        print(f"{stem:<{width}}  {total:6.2f}  {ph['to_dict']:7.2f}  {ph['svg']:7.2f}  {ph['png']:7.2f}")


if __name__ == "__main__":
    main()
