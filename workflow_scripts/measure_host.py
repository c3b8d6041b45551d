"""Rule measure_host: the Snakemake target of ``python -m qutiflow.hostbench``.

Not part of the default target: measurements belong to a machine and never rerun by
themselves. Run ``snakemake measure_host --cores 1`` (add ``--config measure_quick=true``
for the quick preset, ``measure_force=true`` to replace existing or git-tracked files).
The same code path as the command (:func:`qutiflow.hostbench.command.measure`): inputs
the topology catalogue files (reference accuracy) and config/aliases.csv; writes, under
raw_data (paths from config ``measure_host``), the measurements in the tidy layout, the
host's catalogue rows and a description of the machine, then the receipt
{results}/host/measure_host.json (the files and their sha256). Nothing is written unless
the whole sweep succeeded.
"""

from pathlib import Path

from qutiflow import logs
from qutiflow.hostbench.command import Request, measure


def main(*, topologies, aliases, receipt, raw_data, files, platform, quick, force, log=None):
    request = Request(
        raw_data=Path(raw_data),
        aliases=Path(aliases),
        topologies=tuple(Path(p) for p in topologies),
        platform=platform,
        files=dict(files),
        quick=quick,
        force=force,
        receipt=Path(receipt),
    )
    measure(request, logs.setup(log, "measure_host"))


if "snakemake" in globals():
    logs.run_entry(
        main,
        snakemake,
        topologies=list(snakemake.input.topologies),
        aliases=snakemake.input.aliases,
        receipt=snakemake.output[0],
        raw_data=snakemake.params.raw_data,
        files=dict(snakemake.params.files),
        platform=snakemake.params.platform,
        quick=snakemake.params.quick,
        force=snakemake.params.force,
        log=snakemake.log[0],
    )
