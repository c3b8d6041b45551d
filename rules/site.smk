"""Stage 8: the static website, built from the figure specs, the tables and the records."""

SITE_TASK_TABLES = ["measurements", "predictions", "pareto_theoretical", "pareto_measured",
                    "efficiency"]
SITE_CATALOGUES = {"rooflines": "all/rooflines.parquet",
                   "platforms": "normalised/platforms.parquet",
                   "topologies": "normalised/topologies.parquet"}
SITE_FIDELITY = {"fidelity_predictions_vs_measured": "fidelity/predictions_vs_measured.parquet",
                 "fidelity_summary": "fidelity/summary.parquet"}


def site_data():
    """Download name → table under results (qutiflow.site.contents.downloads plans the same;
    build_site stops with an error if the two disagree)."""
    data = {}
    for task in config["tasks"]:
        data.update({f"{task}_{t}": f"{task}/{t}.parquet" for t in SITE_TASK_TABLES})
        data[f"{task}_overview"] = f"{task}/tables/overview.parquet"
        if task == "imagenet":
            data["power_traces"] = "normalised/power_traces.parquet"
    data.update(SITE_CATALOGUES)
    data.update(SITE_FIDELITY)
    return data


def site_specs():
    """The Vega-Lite specs the pages embed."""
    specs = [f"{task}/figures/{n}.vl.json" for task in config["tasks"]
             for n in THEORY_FIGURES + MEASURED_FIGURES]
    specs += [f"all/figures/{n}.vl.json" for n in THEORY_ALL_FIGURES]
    if "imagenet" in config["tasks"]:
        specs.append("imagenet/figures/power_over_time.vl.json")
    specs += [f"fidelity/figures/{n}.vl.json" for n in FIDELITY_FIGURES]
    return [res(s) for s in specs]


rule build_site:
    """The website: a page per task, theory, prediction fidelity, raw measurements and
    overview, with downloads."""
    input:
        code=library_code(figures=True, site=True),
        specs=site_specs(),
        tables=sorted({res(p) for p in site_data().values()}),
        bundle=rules.bundle_vega.output[0],
        # the difference to the previous publication (config key changes; regenerate.py)
        changes=[config["changes"]] if config.get("changes") else [],
    output:
        index=res("site/index.html"),
        pages=[res(f"site/{p}.html") for p in [*config["tasks"], "theoretical", "fidelity",
                                               "raw_measurements", "overview"]],
        style=res("site/style.css"),
        bundle=res("site/vendor/vega-bundle.js"),
        data=[res(f"site/data/{name}.{ext}") for name in site_data() for ext in ("csv", "parquet")],
    log:
        log_path("build_site"),
    params:
        input_sha256=input_sha256("build_site"),
        # the results folder, from an input under it ({results}/vendor/vega-bundle.js)
        results=lambda wildcards, input: os.path.dirname(os.path.dirname(input.bundle)),
        tasks=config["tasks"],
    priority: 10
    script:
        "../workflow_scripts/build_site.py"
