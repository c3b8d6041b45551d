"""Config helpers shared by the rules: results paths, the checked input lists, and the
content fingerprint that reruns a job whose inputs changed under an old time stamp."""
import glob
import os
import sys

from snakemake.exceptions import WorkflowError

# The library is the package qutiflow installed into the environment (`make install`: pip
# install -e .). The jobs import it from there too (Snakemake appends a script's folder to
# sys.path, after the installed packages), so it must be this checkout's: an environment
# set up for another checkout would run that checkout's code under this one's provenance.
_LIBRARY = os.path.join(workflow.basedir, "workflow_scripts", "qutiflow")
try:
    import qutiflow
except ModuleNotFoundError:
    raise WorkflowError(
        f"the package qutiflow is not installed in this Python environment ({sys.executable}): "
        f"run `make install` in {workflow.basedir} (it installs {_LIBRARY} as an editable "
        "package), or `pip install -e .` there") from None
if os.path.realpath(os.path.dirname(qutiflow.__file__)) != os.path.realpath(_LIBRARY):
    raise WorkflowError(
        f"the package qutiflow in this Python environment ({sys.executable}) is "
        f"{os.path.dirname(qutiflow.__file__)}, not this workflow's {_LIBRARY}: its jobs would "
        f"run that code. Run `make install` in {workflow.basedir} to use a venv of its own, or "
        f"put {os.path.dirname(_LIBRARY)} first on PYTHONPATH")
from qutiflow import codedeps, raw_inputs  # noqa: E402

RAW = config["raw_data"]
RESULTS = config["results"]
REF = config["reference"]
INPUTS = config["inputs"]


def as_list(value):
    """A config entry that may be one string or a list of strings, as a list."""
    return [value] if isinstance(value, str) else list(value)


wildcard_constraints:
    task="|".join(config["tasks"]),


def res(path):
    """A path under the results folder."""
    return os.path.join(RESULTS, path)


# The data folder is checked when the workflow is read; each input kind of the config when
# the job graph is built, for the jobs the targets need (`snakemake measure_host` reads no
# measurement or platform file: it writes the host's). A pattern that matches nothing or a
# hit that cannot be read stops the run there, before any job, with what to do.
try:
    raw_inputs.check_folder(RAW)
except raw_inputs.RawDataError as err:
    raise WorkflowError(str(err)) from None

RAW_PATTERNS = {
    "measurements": as_list(INPUTS["measurements"]),
    "platforms": as_list(INPUTS["platforms"]),
    "topologies": as_list(INPUTS["topologies"]),
    "power_traces": as_list(INPUTS.get("power_traces", [])),
}
_RAW_FILES = {}


def checked_raw_files(key):
    """The files of one input kind (``measurements``, ``platforms``, ...), checked once."""
    if key not in _RAW_FILES:
        try:
            found = raw_inputs.check_inputs(RAW, {f"inputs.{key}": RAW_PATTERNS[key]})
        except raw_inputs.RawDataError as err:
            raise WorkflowError(str(err)) from None
        _RAW_FILES[key] = found[f"inputs.{key}"]
    return _RAW_FILES[key]


def raw_files(key):
    """Input function: the checked files of one input kind."""
    def files(wildcards):
        return checked_raw_files(key)
    files.raw_key = key
    return files


def input_sha256(rule_name):
    """Rule parameter: the content of the rule's inputs that the pipeline does not make
    (raw data, reference tables, code). A changed parameter reruns the job, so a file put
    back with an old modification time is noticed. It is a function of the wildcards only:
    Snakemake ignores parameters derived from ``input`` when it looks for changes.
    Provenance records leave it out (they hold each input's own sha256)."""
    def digest(wildcards):
        files = []
        for f in workflow.get_rule(rule_name).input:
            if hasattr(f, "raw_key"):
                files += checked_raw_files(f.raw_key)
            elif isinstance(f, str) and "{" not in f:
                files.append(str(f))
        return raw_inputs.content_digest(files, skip_under=RESULTS)
    return digest


LIBRARY = os.path.join(workflow.basedir, "workflow_scripts", "qutiflow")


# Each rule's `code` input: the library files its script imports, followed transitively
# (qutiflow.codedeps reads the imports; its parse of each file is kept in .snakemake/ by
# size and time stamp). A job reruns exactly when code it runs changes, and its provenance
# record lists exactly that code.
_IMPORTS = codedeps.Imports(os.path.join(workflow.basedir, "workflow_scripts"),
                            os.path.join(".snakemake", "qutiflow-code-imports.json"))


def code_of(script):
    """The library files workflow_scripts/<script>.py runs, as inputs (relative paths)."""
    files = _IMPORTS.library_files(os.path.join(workflow.basedir, "workflow_scripts",
                                                f"{script}.py"))
    _IMPORTS.save()
    return [os.path.relpath(p) for p in files]


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
    "fidelity_scatter": "Prediction fidelity", "fidelity_error": "Prediction fidelity",
    "fidelity_batches": "Prediction fidelity",
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


# --- the website's inputs (rules/site.smk) ---

SITE_TASK_TABLES = ["measurements", "predictions", "pareto_theoretical", "pareto_measured",
                    "efficiency"]
SITE_CATALOGUES = {"rooflines": "all/rooflines.parquet",
                   "platforms": "normalised/platforms.parquet",
                   "topologies": "normalised/topologies.parquet"}
SITE_FIDELITY = {"fidelity_predictions_vs_measured": "fidelity/predictions_vs_measured.parquet",
                 "fidelity_summary": "fidelity/summary.parquet"}


def site_data():
    """Download name → table under results (qutiflow.site.contents.downloads plans the same;
    build_site stops with an error if the two disagree)."""
    data = {}
    for task in config["tasks"]:
        data.update({f"{task}_{t}": f"{task}/{t}.parquet" for t in SITE_TASK_TABLES})
        data[f"{task}_overview"] = f"{task}/tables/overview.parquet"
        if task == "imagenet":
            data["power_traces"] = "normalised/power_traces.parquet"
    data.update(SITE_CATALOGUES)
    data.update(SITE_FIDELITY)
    return data


def site_specs():
    """The Vega-Lite specs the pages embed."""
    specs = [f"{task}/figures/{n}.vl.json" for task in config["tasks"]
             for n in THEORY_FIGURES + MEASURED_FIGURES]
    specs += [f"all/figures/{n}.vl.json" for n in THEORY_ALL_FIGURES]
    if "imagenet" in config["tasks"]:
        specs.append("imagenet/figures/power_over_time.vl.json")
    specs += [f"fidelity/figures/{n}.vl.json" for n in FIDELITY_FIGURES]
    return [res(s) for s in specs]


# --- the run's RO-Crate (rules/crate.smk; CRATE is defined there) ---

def licence_table(wildcards):
    """The data folder's licence table (inputs.licences), when it has one."""
    path = os.path.join(RAW, INPUTS.get("licences", "licences.csv"))
    return [path] if os.path.isfile(path) else []


def run_artifacts():
    """What the default target asks for, except the crate's own files (every job of the run)."""
    own = {CRATE}
    return sorted({str(f) for f in rules.all.input} - own)
