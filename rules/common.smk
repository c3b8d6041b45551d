"""Config helpers shared by the rules: results paths, the checked input lists, and the
content fingerprint that reruns a job whose inputs changed under an old time stamp."""
import functools
import glob
import os
import sys


class SetupError(Exception):
    """This environment cannot run the workflow; the message says why and how to fix it."""


# The library is the package qutiflow installed into the environment (`make install`: pip
# install -e .). The jobs import it from there too (Snakemake appends a script's folder to
# sys.path, after the installed packages), so it must be this checkout's: an environment
# set up for another checkout would run that checkout's code under this one's provenance.
_LIBRARY = os.path.join(workflow.basedir, "workflow_scripts", "qutiflow")
try:
    import qutiflow
except ModuleNotFoundError:
    raise SetupError(
        f"the package qutiflow is not installed in this Python environment ({sys.executable}): "
        f"run `make install` in {workflow.basedir} (it installs {_LIBRARY} as an editable "
        "package), or `pip install -e .` there") from None
if os.path.realpath(os.path.dirname(qutiflow.__file__)) != os.path.realpath(_LIBRARY):
    raise SetupError(
        f"the package qutiflow in this Python environment ({sys.executable}) is "
        f"{os.path.dirname(qutiflow.__file__)}, not this workflow's {_LIBRARY}: its jobs would "
        f"run that code. Run `make install` in {workflow.basedir} to use a venv of its own, or "
        f"put {os.path.dirname(_LIBRARY)} first on PYTHONPATH")
from qutiflow import artifacts, codedeps, raw_inputs  # noqa: E402

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


# The data folder and every file that the config's input patterns match are checked when
# the workflow is read, before any job: a hit that cannot be read, a link out of the folder
# or a name with braces stops the run there, with what to do. Not only in the input
# functions: Snakemake discards a job whose input function raises when its output file
# exists, and then takes the old output as up to date (snakemake/dag.py, DAG.update). A
# pattern that matches nothing is checked for the jobs the targets need, when their input
# functions run (`snakemake measure_host` writes host_platforms.csv: it needs none).
RAW_PATTERNS = {
    "measurements": as_list(INPUTS["measurements"]),
    "platforms": as_list(INPUTS["platforms"]),
    "topologies": as_list(INPUTS["topologies"]),
    "power_traces": as_list(INPUTS.get("power_traces", [])),
}
# a RawDataError (or any error of the checks below) stops the run with its message: what
# is wrong, where, and how to fix it
raw_inputs.check_folder(RAW)
raw_inputs.check_apart(RAW, RESULTS)
raw_inputs.check_inputs(RAW, {f"inputs.{k}": v for k, v in RAW_PATTERNS.items()}, allow_missing=True)
_RAW_FILES = {}


def checked_raw_files(key):
    """The files of one input kind (``measurements``, ``platforms``, ...), checked once."""
    if key not in _RAW_FILES:
        found = raw_inputs.check_inputs(RAW, {f"inputs.{key}": RAW_PATTERNS[key]})
        _RAW_FILES[key] = found[f"inputs.{key}"]
    return _RAW_FILES[key]


def raw_files(key):
    """Input function: the checked files of one input kind."""
    def files(wildcards):
        return checked_raw_files(key)
    return files


def input_sha256(rule_name):
    """Rule parameter: the content of the rule's inputs that the pipeline does not make
    (raw data, reference tables) and of its code (its `code` parameter). A changed
    parameter reruns the job, so a file put back with an old modification time is noticed.
    It is a function of the wildcards only: Snakemake ignores parameters derived from
    ``input`` when it looks for changes. Provenance records leave it out (they hold each
    input's own sha256)."""
    def digest(wildcards):
        this = getattr(rules, rule_name)  # the documented `rules` object, once all are defined
        files = list(getattr(this.params, "code", []))
        for f in this.input:
            if callable(f):  # an input function: the raw files of a catalogue, or upstream outputs
                found = f(wildcards)
                files += [found] if isinstance(found, str) else [str(x) for x in found]
            elif isinstance(f, str) and "{" not in f:
                files.append(str(f))
        return raw_inputs.content_digest(files, skip_under=RESULTS)
    return digest


LIBRARY = os.path.join(workflow.basedir, "workflow_scripts", "qutiflow")


# Each rule's `code` parameter: the library files its script imports, followed transitively
# (qutiflow.codedeps reads the imports; its parse of each file is kept in .snakemake/ by
# size and time stamp). Their content is in the rule's input_sha256 parameter, so a job
# reruns exactly when code it runs changes (Snakemake's params trigger), and its provenance
# record lists exactly that code. A parameter, not an input: Snakemake records the checksum
# of every input once per output of a job when it ends (plot_theory: 45 files x 52
# outputs), which cost the main process 2.8 s of a cold run with the code as inputs.
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


def record_of(rule_name, *wildcards):
    """The provenance record of a job of ``rule_name``: a declared output of each rule,
    ``provenance/<rule>[-<wildcards>].json`` (qutiflow.provenance.store.record_name), so a
    record deleted or edited reruns its job."""
    return res("provenance/" + "-".join([rule_name, *(f"{{{w}}}" for w in wildcards)]) + ".json")


def job_records(*rule_names):
    """The records of every job a run has of these rules (one per task for a rule per task)."""
    return sorted({path for name in rule_names if runs(name)
                   for path in expand(getattr(rules, name).output.record, task=config["tasks"])})


FIGURE_FORMATS = ["vl.json", "svg", "png", "html"]

# --- the artifact catalogue (config/artifacts.yaml; qutiflow.artifacts): which figures
# there are, which job draws each and with which builder, their report entries, the site's
# figures and downloads. The rules pass what a job needs as params: no job reads the file
# except build_site, which has it as an input.
ARTIFACTS = config["artifacts"]
ARTIFACTS_SCHEMA = os.path.relpath(os.path.join(workflow.basedir, "config",
                                                "artifacts.schema.yaml"))
CATALOGUE = artifacts.load(ARTIFACTS, ARTIFACTS_SCHEMA)
artifacts.check_tasks(CATALOGUE, config["tasks"])
TASK_TITLES = CATALOGUE.tasks


def job_figures(job, folder=None):
    """(folder, figure) of one job, in catalogue order; ``folder`` "{task}" (the wildcard)
    for the per-task figures of a job that runs once per task."""
    if folder == "{task}":
        return [(folder, f) for f in CATALOGUE.figures
                if f.job == job and f.scope == artifacts.PER_TASK]
    return artifacts.figures(CATALOGUE, config["tasks"], job=job, folder=folder)


def figure_stem(folder, figure):
    return os.path.join(RESULTS, folder, "figures", figure.name)


def figure_builder(figure):
    """The builder as the job imports it (a builder file made absolute)."""
    source, function = figure.builder.rsplit(":", 1)
    if source.endswith(".py"):
        return f"{os.path.join(workflow.basedir, source)}:{function}"
    return figure.builder


def figure_params(pairs):
    """{folder: {name: [path without extension, builder]}} of (folder, figure) pairs."""
    out = {}
    for folder, f in pairs:
        out.setdefault(folder, {})[f.name] = [figure_stem(folder, f), figure_builder(f)]
    return out


def figure_code(script, job):
    """code_of(script) and the builder modules of the job's figures, with their imports."""
    files = set(code_of(script))
    for f in CATALOGUE.figures:
        if f.job != job:
            continue
        source = artifacts.builder_module_file(figure_builder(f), os.path.dirname(LIBRARY))
        files.update(os.path.relpath(p) for p in [source, *_IMPORTS.library_files(source)])
    _IMPORTS.save()
    return sorted(files)


def figure_files(pairs):
    """Every file of (folder, figure) pairs: each figure in each format. The SVG goes into
    the Snakemake report (`snakemake --report`), under a category per folder (imagenet,
    cifar10, mnist, all for every network, fidelity) and the figure's subcategory, with its
    caption (both from the catalogue). ``folder`` may be the wildcard "{task}"."""
    files = []
    for folder, f in pairs:
        stem = figure_stem(folder, f)
        for ext in FIGURE_FORMATS:
            path = f"{stem}.{ext}"
            if ext == "svg":
                path = report(path, caption=os.path.join(workflow.basedir, f.caption),
                              category=folder, subcategory=f.report,
                              labels={"figure": f.name.replace("_", " ")})
            files.append(path)
    return files


# --- the website's inputs (rules/site.smk) ---

def site_data():
    """Download name → table under results (the catalogue's tables for the run's tasks)."""
    return artifacts.downloads(CATALOGUE, config["tasks"])


def site_code():
    """code_of("build_site") and the templates of the site's pages (Jinja2 reads them, so
    no import finds them): an edited template reruns the site job."""
    templates = os.path.join(LIBRARY, "site", "templates")
    return code_of("build_site") + sorted(os.path.relpath(os.path.join(templates, n))
                                          for n in os.listdir(templates))


def site_captions():
    """The caption files of the site's figures (the report's captions, from the catalogue)."""
    return sorted({os.path.relpath(os.path.join(workflow.basedir, f.caption))
                   for _, f in artifacts.figures(CATALOGUE, config["tasks"]) if f.site})


def site_specs():
    """The Vega-Lite specs the pages embed."""
    return [res(f"{d}/figures/{f.name}.vl.json")
            for d, f in artifacts.figures(CATALOGUE, config["tasks"]) if f.site]


# --- the run's RO-Crate (rules/crate.smk; CRATE is defined there) ---

_LICENCES = INPUTS.get("licences", "licences.csv")
# checked like every input (a link out of the folder is refused); optional
_LICENCE_FILES = raw_inputs.check_inputs(
    RAW, {"inputs.licences": [_LICENCES] if os.path.lexists(os.path.join(RAW, _LICENCES)) else []}
)["inputs.licences"]


def licence_table(wildcards):
    """The data folder's licence table (inputs.licences), when it has one."""
    return _LICENCE_FILES


#: the rules whose jobs a run of the default target runs, in pipeline order; each job's
#: record is a declared output
RUN_RULES = [
    "validate_measurements", "validate_platforms", "validate_topologies", "normalise_measurements",
    "normalise_platforms", "normalise_topologies", "normalise_power_traces", "select_task_measurements",
    "analyse_measured", "compute_rooflines", "predict_roofline", "score_fidelity", "bundle_vega",
    "plot_theory", "plot_measured", "plot_power_traces", "plot_fidelity", "build_site",
    "write_ro_crate",
]  # fmt: skip


#: the rules that draw figures: a run asks for the figures the catalogue has for its tasks
FIGURE_RULES = ("plot_theory", "plot_measured", "plot_power_traces", "plot_fidelity")


def runs(name):
    """Whether a run's jobs include those of the rule named ``name`` (a figure rule's only
    when the catalogue has a figure of it for the configured tasks; the power traces are
    ImageNet's)."""
    return name not in FIGURE_RULES or bool(artifacts.figures(CATALOGUE, config["tasks"], job=name))


def every_output(wildcards=None):
    """Every declared output of every job of a run, records included (the input of `all`,
    evaluated once all the rules are defined), so that a file deleted under the results
    folder is made again by the next run, whether a later step read it or not. Of the
    figure rules, the figures of the configured tasks (rules/common.smk figure_files).
    The same for every caller (all, audit_run, the crate and their input_sha256): made once."""
    return list(_every_output())


@functools.cache
def _every_output():
    figures = set(figure_files(artifacts.figures(CATALOGUE, config["tasks"])))
    files = set()
    for name in filter(runs, RUN_RULES):
        outputs = getattr(rules, name).output
        made = {str(f) for f in expand(outputs, task=config["tasks"])}
        if name in FIGURE_RULES:
            made = {f for f in made if f in figures} | set(job_records(name))
        files |= made
    return tuple(sorted(files))


def run_artifacts(wildcards=None):
    """Every output of the run but the crate's own job's and the records (the crate's input
    `records`): the artifacts of every job of the run."""
    own = {str(f) for f in expand(rules.write_ro_crate.output, task=config["tasks"])}
    records = res("provenance") + os.sep
    return [f for f in every_output() if f not in own and not f.startswith(records)]