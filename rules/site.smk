"""The static website, built from the figure specs, the tables and the records."""

rule build_site:
    """The website: a page per task, theory, prediction fidelity, raw measurements and
    overview, with downloads."""
    input:
        # the catalogue: the pages' figures and the downloads each page lists
        catalogue=ARTIFACTS,
        catalogue_schema=ARTIFACTS_SCHEMA,
        specs=site_specs(),
        # each figure's caption, the same file as the report's
        captions=site_captions(),
        tables=sorted({res(p) for p in site_data().values()}),
        bundle=rules.bundle_vega.output[0],
        # each figure's provenance line
        records=job_records("plot_theory", "plot_measured", "plot_power_traces", "plot_fidelity"),
        # the difference to the previous publication (config key changes; regenerate.py)
        changes=[config["changes"]] if config.get("changes") else [],
    output:
        index=res("site/index.html"),
        pages=[res(f"site/{p}.html") for p in [*config["tasks"], "theoretical", "fidelity",
                                               "raw_measurements", "overview"]],
        style=res("site/style.css"),
        bundle=res("site/vendor/vega-bundle.js"),
        data=[res(f"site/data/{name}.{ext}") for name in site_data() for ext in ("csv", "parquet")],
        record=record_of("build_site"),
    log:
        log_path("build_site"),
    params:
        code=site_code(),
        input_sha256=input_sha256("build_site"),
        # the results folder, from an input under it ({results}/vendor/vega-bundle.js)
        results=lambda wildcards, input: os.path.dirname(os.path.dirname(input.bundle)),
        tasks=config["tasks"],
        # download name → its table under the results (the catalogue's tables)
        downloads=site_data(),
    priority: 10
    script:
        "../workflow_scripts/build_site.py"
