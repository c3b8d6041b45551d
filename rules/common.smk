"""Config helpers shared by the rules: results paths and input lists."""
import glob
import os

RAW = config["raw_data"]
RESULTS = config["results"]
REF = config["reference"]
INPUTS = config["inputs"]


wildcard_constraints:
    task="|".join(config["tasks"]),


def res(path):
    """A path under the results folder."""
    return os.path.join(RESULTS, path)


def as_list(value):
    """A config entry that may be one string or a list of strings, as a list."""
    return [value] if isinstance(value, str) else list(value)


def raw_files(patterns):
    """Files under raw_data matching the globs, sorted; a pattern that names a missing
    file (no glob characters) is kept so that Snakemake reports it as missing."""
    found = []
    for pattern in patterns:
        full = os.path.join(RAW, pattern)
        hits = sorted(glob.glob(full))
        if not hits and not glob.has_magic(pattern):
            hits = [full]
        found.extend(h for h in hits if h not in found)
    return found


LIBRARY = os.path.join(workflow.basedir, "workflow_scripts", "qutiflow")


def library_code(*, figures=False, site=False):
    """The library's source files, as inputs: a rule reruns when the code it runs changes.
    Table rules depend on the core modules; figure rules on the figure builders too; the
    site job on the site package as well."""
    core = sorted(glob.glob(os.path.join(LIBRARY, "*.py"))
                  + glob.glob(os.path.join(LIBRARY, "readers", "*.py")))
    if figures:
        core += sorted(glob.glob(os.path.join(LIBRARY, "figures", "*.py")))
    if site:
        core += sorted(glob.glob(os.path.join(LIBRARY, "site", "*.py")))
    return [os.path.relpath(p) for p in core]


def log_path(name):
    return os.path.join(RESULTS, "logs", f"{name}.log")


FIGURE_FORMATS = ["vl.json", "svg", "png", "html"]
THEORY_FIGURES = ["roofline", "prediction_heatmap", "pareto_theoretical"]
THEORY_ALL_FIGURES = ["roofline", "prediction_heatmap", "requirements", "platforms"]
MEASURED_FIGURES = ["design_pareto", "overlapped_pareto", "efficiency", "latency_throughput",
                    "boxplot_latency", "boxplot_throughput", "boxplot_power", "power_bars",
                    "energy_per_inference", "fps_per_watt"]


def figure_stems(folder, names):
    """{name: path without extension} of a family of figures under results."""
    return {n: os.path.join(RESULTS, folder, "figures", n) for n in names}


REPORT_SUBCATEGORIES = {
    "roofline": "Theoretical analysis", "prediction_heatmap": "Theoretical analysis",
    "pareto_theoretical": "Theoretical analysis", "requirements": "Theoretical analysis",
    "platforms": "Theoretical analysis",
    "design_pareto": "Pareto fronts", "overlapped_pareto": "Pareto fronts",
    "efficiency": "Efficiency",
    "latency_throughput": "Latency and throughput", "boxplot_latency": "Latency and throughput",
    "boxplot_throughput": "Latency and throughput",
    "boxplot_power": "Power and energy", "power_bars": "Power and energy",
    "energy_per_inference": "Power and energy", "fps_per_watt": "Power and energy",
    "power_over_time": "Power and energy",
}


def figure_files(folder, names):
    """Every file of a family of figures: each name in each format. The SVG goes into
    the Snakemake report (`snakemake --report`), under a category per task (the folder:
    imagenet, cifar10, mnist, or all for every network) and a subcategory per analysis,
    with its caption from report/captions/. ``folder`` may be the wildcard "{task}"."""
    files = []
    for name in names:
        stem = os.path.join(RESULTS, folder, "figures", name)
        for ext in FIGURE_FORMATS:
            path = f"{stem}.{ext}"
            if ext == "svg":
                path = report(path, caption=os.path.join(workflow.basedir, "report", "captions", f"{name}.rst"), category=folder,
                              subcategory=REPORT_SUBCATEGORIES[name],
                              labels={"figure": name.replace("_", " ")})
            files.append(path)
    return files
