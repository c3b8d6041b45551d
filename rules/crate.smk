"""The run as a Workflow Run RO-Crate ({results}/ro-crate-metadata.json), written from the
provenance records after every other job (qutiflow.runs.crate)."""

CRATE = res("ro-crate-metadata.json")
WORKFLOW_FILES = ["Snakefile", *sorted(os.path.relpath(p, workflow.basedir) for p in
                                       glob.glob(os.path.join(workflow.basedir, "rules", "*.smk")))]
# The workflow definition the crate holds, source → copy under the results: the Snakefile,
# the rule files, and the artifact catalogue the run read with its schema (the rules'
# outputs, report entries and site follow from it; a catalogue given by the config may lie
# outside the workflow folder, so its copy is named workflow/config/artifacts.yaml).
WORKFLOW_COPIES = {
    **{os.path.join(workflow.basedir, f): f"workflow/{f}" for f in WORKFLOW_FILES},
    ARTIFACTS: "workflow/config/artifacts.yaml",
    ARTIFACTS_SCHEMA: "workflow/config/artifacts.schema.yaml",
}


rule write_ro_crate:
    """Workflow Run RO-Crate of the run: one CreateAction per job, every file with its size
    and sha256, software versions, git commit, configuration and input licences."""
    input:
        artifacts=run_artifacts,
        # a CreateAction per job, from its record
        records=lambda wildcards: job_records(*RUN_RULES[:-1]),
        workflow=list(WORKFLOW_COPIES),
        licences=licence_table,
    output:
        crate=CRATE,
        workflow=[res(copy) for copy in WORKFLOW_COPIES.values()],
        record=record_of("write_ro_crate"),
    log:
        log_path("write_ro_crate"),
    params:
        code=code_of("write_ro_crate"),
        input_sha256=input_sha256("write_ro_crate"),
        config=config,
        workflow_copies=list(WORKFLOW_COPIES.values()),
        results=lambda wildcards, output: os.path.dirname(output.crate),
        raw_data=RAW,
    priority: 0
    script:
        "../workflow_scripts/write_ro_crate.py"
