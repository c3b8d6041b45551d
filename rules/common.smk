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


def log_path(name):
    return os.path.join(RESULTS, "logs", f"{name}.log")
