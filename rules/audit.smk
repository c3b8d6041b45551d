"""On demand: `snakemake audit --cores 1` checks every artifact against its provenance record."""
import sys


rule audit:
    """Every artifact under results: its recorded hash, its inputs' and its code's hashes
    against the files on disk, and the record id inside each figure. No output, so it
    runs whenever it is asked for; it fails naming the first mismatch."""
    input:
        artifacts=every_output,
        crate=CRATE,  # {results}/ro-crate-metadata.json: where the results folder is
    log:
        log_path("audit"),
    params:
        python=sys.executable,  # the environment this Snakemake runs in: qutiflow is installed there
        results=lambda wildcards, input: os.path.dirname(input.crate),
    localrule: True
    shell:
        # printed (the audit's verdict is what was asked for) and kept in the log
        "{params.python:q} -m qutiflow.audit --all --results {params.results:q} 2>&1 | tee {log:q}"
