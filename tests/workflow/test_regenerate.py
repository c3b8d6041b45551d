"""The scheduled regeneration driver (cluster/regenerate.py), run locally on the tiny data:
two cycles publish, a failing cycle keeps the previous publication, overlapping cycles skip,
and only audited artifacts are published. A cycle that was killed is healed by the next one:
test_regenerate_healing.py."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil

import pytest
from conftest import TINY
from regenerate_driver import NEW_FILE, OVERLAYS, cycle, cycle_log, last_started, log_lines, result_lines

pytestmark = pytest.mark.workflow
PUBLISHED = (
    "site/",
    "imagenet/figures/",
    "cifar10/figures/",
    "mnist/figures/",
    "all/figures/",
    "fidelity/figures/",
)


@pytest.fixture(scope="module")
def cycles(tmp_path_factory):
    base = tmp_path_factory.mktemp("regen")
    source, work, publish = base / "source", base / "work", base / "publish"
    shutil.copytree(TINY, source)
    first = cycle(source, work, publish)
    release1 = os.readlink(publish / "current")
    spec1 = (publish / "current/mnist/figures/latency_throughput.vl.json").read_text()
    (source / "measurements/new_finn_mlp.csv").write_text(NEW_FILE)
    second = cycle(source, work, publish)
    return source, work, publish, first, second, release1, spec1


def test_two_cycles_publish_the_expected_figures(cycles):
    source, work, publish, first, second, release1, spec1 = cycles
    assert first.returncode == 0 and second.returncode == 0, (first.stderr, second.stderr)
    lines = result_lines(publish)
    assert len(lines) == 2 and all(" ok: published releases/" in ln for ln in lines)
    assert "raw files changed" in lines[1] and lines[1].split("; ")[1].startswith("1 raw files")
    current = publish / "current"
    assert os.readlink(current) != release1  # a new release
    for rel in (
        "report.html",
        "mnist/figures/roofline.svg",
        "all/figures/platforms.png",
        "mnist/figures/latency_throughput.vl.json",
        "fidelity/figures/fidelity_error.svg",
    ):
        assert (current / rel).is_file(), rel
    if (work / "results/site/index.html").is_file():
        assert (current / "site/index.html").is_file()
    # the new measurements are in the second publication's MNIST figures, not the first's
    spec2 = (current / "mnist/figures/latency_throughput.vl.json").read_text()
    assert "ZCU104-FINN_INT2_MLP" in spec2 and "ZCU104-FINN_INT2_MLP" not in spec1
    assert (work / "raw_data/measurements/new_finn_mlp.csv").read_text() == NEW_FILE
    # both overlays reached Snakemake in their order (tiny.yaml's inputs, without which the
    # tiny data would not validate; then tiny_mnist.yaml's one task), in every step
    log = cycle_log(work, lines[1].split(" ")[1])
    assert log.count(f" --configfile {' '.join(OVERLAYS)} --config raw_data=") == 3  # run, site, report
    assert sorted(
        p.name for p in (work / "results").iterdir() if p.name in ("imagenet", "cifar10", "mnist")
    ) == ["mnist"]


def test_each_release_says_what_changed_since_the_previous_one(cycles):
    """The first release has nothing to compare with; the second names the new measurement
    file, its rows and the artifacts it reached, in CHANGES.md, changes.json, the log line
    and the site's index."""
    source, work, publish, first, second, release1, spec1 = cycles
    release2 = os.readlink(publish / "current")
    old, new = publish / release1, publish / release2
    assert "First publication" in (old / "CHANGES.md").read_text()
    assert json.loads((old / "changes.json").read_text()) == {"previous": None}
    assert "What changed in this release" not in (old / "site/index.html").read_text()
    changes = (new / "CHANGES.md").read_text()
    name = "raw_data/measurements/new_finn_mlp.csv"
    digest = hashlib.sha256(NEW_FILE.encode()).hexdigest()
    assert (
        f"- {name}: new file (sha256 {digest[:12]}), lines 2–3; rows added: ZCU104-FINN "
        "INT2 MLP 50% batch 1 (line 2); ZCU104-FINN INT2 MLP 50% batch 4 (line 3)\n"
    ) in changes
    assert (
        f"mnist/measurements.parquet changed because {name} is new (lines 2–3) → "
        "validated/measurements.parquet → normalised/measurements/mnist.parquet\n"
    ) in changes
    data = json.loads((new / "changes.json").read_text())
    assert data["previous"] == release1.split("/")[-1]
    assert data["sources"]["inputs"] == {
        name: {
            "old": None,
            "new": digest,
            "rows": {
                "added": [
                    "ZCU104-FINN INT2 MLP 50% batch 1 (line 2)",
                    "ZCU104-FINN INT2 MLP 50% batch 4 (line 3)",
                ],
                "changed": [],
                "removed": [],
                "old_lines": "",
                "new_lines": "2–3",
            },
        }
    }
    assert data["sources"]["code"] == {} and data["sources"]["params"] == {}
    index = (new / "site/index.html").read_text()
    assert "What changed in this release" in index and name in index
    line = result_lines(publish)[1]
    assert f"since {release1.split('/')[-1]}: changes: 1 input file, 0 code files" in line


def test_dot_files_and_temporary_files_are_not_published(cycles):
    """(d) Only what the audit covered is published: not a dot-file, not a temporary file."""
    source, work, publish, *_ = cycles
    results = work / "results"
    planted = {
        "site/.evil.html": "<script>alert(1)</script>",
        "mnist/figures/.roofline.svg.x1y2.tmp": "<svg>half written",
        "site/data/.platforms.csv.tmp": "half",
    }
    for rel, text in planted.items():
        (results / rel).write_text(text)
    try:
        done = cycle(source, work, publish)
        manifest = json.loads((work / "audited.json").read_text())
    finally:
        for rel in planted:
            (results / rel).unlink()
    assert done.returncode == 0, result_lines(publish)[-1]
    current = publish / "current"
    published = {p.relative_to(current).as_posix() for p in current.rglob("*") if p.is_file()}
    assert not set(planted) & published
    assert not [rel for rel in published if any(part.startswith(".") for part in rel.split("/"))]
    # exactly the audited artifacts under the published folders, plus the report and the
    # difference to the previous publication
    assert published == {
        rel.removeprefix("results/")
        for rel in manifest["artifacts"]
        if rel.removeprefix("results/").startswith(PUBLISHED)
    } | {"report.html", "CHANGES.md", "changes.json"}
    # the audit lists the dot-files instead of skipping them silently, and passes
    assert set(planted) <= set(manifest["not_artifacts"])
    log = cycle_log(work, last_started(publish))
    assert "not artifacts, not published: 3 dot-files" in log and "site/.evil.html" in log
    # and the site is complete: every file of it that is not a dot-file is published
    site = {
        f"site/{p.relative_to(results / 'site').as_posix()}"
        for p in (results / "site").rglob("*")
        if p.is_file()
    }
    assert site and site - set(planted) <= published
    assert {"site/index.html", "site/vendor/vega-bundle.js"} <= published


def test_a_failing_cycle_keeps_the_previous_publication(cycles):
    source, work, publish, *_ = cycles
    before = os.readlink(publish / "current")
    files_before = sorted(p.relative_to(publish) for p in (publish / "current").rglob("*"))
    (source / "measurements/broken.csv").write_text(NEW_FILE.replace("ZCU104-FINN", "Nonexistent-Board", 1))
    try:
        failed = cycle(source, work, publish)
    finally:
        (source / "measurements/broken.csv").unlink()
    assert failed.returncode == 1
    last = log_lines(publish)[-1]
    assert "FAILED at pipeline" in last and "the previous publication stays" in last
    assert os.readlink(publish / "current") == before
    assert sorted(p.relative_to(publish) for p in (publish / "current").rglob("*")) == files_before


def test_an_overlapping_cycle_skips(cycles):
    source, work, publish, *_ = cycles
    before = os.readlink(publish / "current")
    with open(publish / ".regenerate.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        skipped = cycle(source, work, publish)
    assert skipped.returncode == 0
    assert "skipped: another cycle holds the lock" in log_lines(publish)[-1]
    assert os.readlink(publish / "current") == before


def test_every_cycle_logs_started_first_and_keeps_its_own_log(cycles):
    """(e) A "started" line precedes each cycle's result line; every cycle that ran has its
    own log, none is overwritten."""
    source, work, publish, *_ = cycles
    seen: dict[str, list[str]] = {}
    for ln in log_lines(publish):
        seen.setdefault(ln.split(" ")[1], []).append(ln.split(" ")[2])
    assert len(seen) >= 5  # two cycles, the dot-file one, the failing one, the skipped one
    for cycle_id, words in seen.items():
        assert words[0].startswith("started") and len(words) == 2, (cycle_id, words)
        if words[1] != "skipped:":
            log = cycle_log(work, cycle_id)
            assert log.startswith(f"cycle {cycle_id} ") and "$ " in log
    assert not (work / "cycle.log").exists()


def test_a_truncated_record_of_the_previous_publication_is_named_by_every_cycle(cycles):
    """Reproduction: the driver died with a JSONDecodeError on its stderr alone, and the next
    cycle logged "did not finish (killed)" and crashed the same way."""
    source, work, publish, *_ = cycles
    before = os.readlink(publish / "current")
    record = sorted((work / "published/results/provenance").glob("*.json"))[0]
    kept = record.read_bytes()
    record.write_bytes(kept[:100])
    try:
        first, second = cycle(source, work, publish), cycle(source, work, publish)
    finally:
        record.write_bytes(kept)
    assert (first.returncode, second.returncode) == (1, 1), (first.stderr, second.stderr)
    assert "Traceback" not in first.stderr + second.stderr
    lines = log_lines(publish)
    starts = [ln for ln in lines if " started" in ln][-2:]
    assert not any("did not finish" in ln for ln in starts), starts
    for ln in result_lines(publish)[-2:]:
        assert (
            f"FAILED at changes: cannot compare with the previous publication ({work / 'published/results'})"
            in ln
        )
        assert f"remove {work / 'published'} to start afresh" in ln
    assert os.readlink(publish / "current") == before
