"""The audit: of what each run made, as the run's last job (audit_run), and on demand of
every artifact (`snakemake audit --cores 1`)."""
import sys


rule audit_run:
    """The artifacts this run made, against their provenance records down their lineage;
    the first mismatch fails the run, whose rollback puts the last good results back."""
    input:
        every_output,
    output:
        res("audit/run.json"),
    log:
        log_path("audit_run"),
    params:
        code=code_of("audit_run"),
        input_sha256=input_sha256("audit_run"),
        # the results folder, from the output under it ({results}/audit/run.json)
        results=lambda wildcards, output: os.path.dirname(os.path.dirname(output[0])),
    priority: 0
    localrule: True
    script:
        "../workflow_scripts/audit_run.py"


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
