"""On demand: `snakemake audit --cores 1` checks every artifact against its provenance record."""
import sys


rule audit:
    """Every artifact under results: its recorded hash, its inputs' and its code's hashes
    against the files on disk, and the record id inside each figure. No output, so it
    runs whenever it is asked for; it fails naming the first mismatch."""
    input:
        rules.all.input,
    params:
        python=sys.executable,
        scripts=os.path.join(workflow.basedir, "workflow_scripts"),
        results=RESULTS,
    localrule: True
    shell:
        "PYTHONPATH={params.scripts:q} {params.python:q} -m qutiflow.audit --all "
        "--results {params.results:q}"
