"""Synthetic provenance records of three jobs (validate → normalise → plot) for the tests of
`audit`, `audit diff` and the RO-Crate, with every hash written out by hand."""

from __future__ import annotations

import json
from pathlib import Path

from qutiflow.runs import crate

H = {
    name: c * 64
    for name, c in zip(["raw", "raw2", "val", "norm", "fig", "lib", "lib2", "script", "other"], "0123456789")
}


def records(*, raw=H["raw"], lib=H["lib"], bandwidth=59.7, pandas="3.1.1", fig=H["fig"]):
    versions = {"python": "3.11.7", "pandas": pandas}
    git = {"commit": "c" * 40, "dirty": False}
    base = {"wildcards": {}, "versions": versions, "git": git, "roots": {"raw_data": "/data"}}
    return [
        {
            **base,
            "id": "1" * 64,
            "rule": "validate_measurements",
            "params": {},
            "inputs": [{"path": "raw_data/measurements/m.csv", "sha256": raw}],
            "code": [{"path": "workflow_scripts/validate_measurements.py", "sha256": H["script"]}],
            "outputs": [
                {
                    "path": "results/validated/measurements.parquet",
                    "sha256": H["val"] if raw == H["raw"] else H["raw2"],
                }
            ],
        },
        {
            **base,
            "id": "2" * 64,
            "rule": "normalise_measurements",
            "params": {"bandwidth": bandwidth},
            "inputs": [
                {
                    "path": "results/validated/measurements.parquet",
                    "sha256": H["val"] if raw == H["raw"] else H["raw2"],
                }
            ],
            "code": [{"path": "workflow_scripts/qutiflow/clean.py", "sha256": lib}],
            "outputs": [
                {
                    "path": "results/normalised/measurements.parquet",
                    "sha256": H["norm"]
                    if (raw, lib, bandwidth) == (H["raw"], H["lib"], 59.7)
                    else H["other"],
                }
            ],
        },
        {
            **base,
            "id": "3" * 64,
            "rule": "plot_measured",
            "wildcards": {"task": "mnist"},
            "params": {},
            "inputs": [
                {
                    "path": "results/normalised/measurements.parquet",
                    "sha256": H["norm"]
                    if (raw, lib, bandwidth) == (H["raw"], H["lib"], 59.7)
                    else H["other"],
                }
            ],
            "code": [{"path": "workflow_scripts/plot_measured.py", "sha256": H["script"]}],
            "outputs": [
                {"path": "results/mnist/figures/efficiency.svg", "sha256": fig},
                {"path": "results/mnist/figures/roofline.svg", "sha256": H["fig"]},
            ],
        },
    ]


def write(folder: Path, recs: list[dict]) -> Path:
    (folder / "provenance").mkdir(parents=True)
    for r in recs:
        (folder / "provenance" / f"{crate.job_name(r)}.json").write_text(json.dumps(r))
    return folder
