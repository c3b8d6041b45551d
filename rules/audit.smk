"""On demand: `snakemake audit --cores 1` checks every artifact against its provenance record."""
import sys


rule audit:
    """Every artifact under results: its recorded hash, its inputs' and its code's hashes
    against the files on disk, and the record id inside each figure. No output, so it
    runs whenever it is asked for; it fails naming the first mismatch."""
    input:
        rules.all.input,
    params:
        python=sys.executable,  # the environment this Snakemake runs in: qutiflow is installed there
        results=RESULTS,
    localrule: True
    shell:
        "{params.python:q} -m qutiflow.audit --all --results {params.results:q}"
