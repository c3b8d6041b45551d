"""What changed since the previous publication: the difference each release carries.

After a publication the cycle keeps what the next one compares against, in
``<work>/published/``: the provenance records and validated tables of its pipeline run
(``results/provenance/``, ``results/validated/``, taken before the site was rebuilt to show
the changes, so that two cycles compare like with like) and the name of the release. The next
cycle compares its run with it (``qutiflow.runs.diff``), shows the result on the site's
index (the pipeline's config key ``changes``) and writes it into its release as
``CHANGES.md`` and ``changes.json``. The first cycle has nothing to compare with; its
CHANGES.md says so.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from cycle_failed import CycleFailed

BASELINE = "published"
KEPT = ("provenance", "validated")
CHANGES_MD, CHANGES_JSON = "CHANGES.md", "changes.json"
SITE_JSON = "changes/site.json"


def previous(work: Path) -> tuple[Path, str] | None:
    """The results kept from the last publication and its release name, or None."""
    base = work / BASELINE
    if not (base / "release.txt").is_file():
        return None
    return base / "results", (base / "release.txt").read_text(encoding="utf-8").strip()


def compare(work: Path, results: Path) -> tuple[dict, str] | None:
    """The difference of ``results`` to the last publication and that release's name."""
    from qutiflow.runs import diff

    found = previous(work)
    if found is None:
        return None
    try:
        return diff.compare(found[0], results), found[1]
    except (diff.DiffError, OSError, ValueError, KeyError, TypeError) as err:  # a truncated record too
        raise CycleFailed(
            "changes",
            f"cannot compare with the previous publication ({found[0]}): {type(err).__name__}: "
            f"{str(err)[:300]}; remove {work / BASELINE} to start afresh (the next release then "
            "says it is a first publication)",
        ) from None


def write_site_json(work: Path, difference: dict) -> Path:
    """The difference as the site's index shows it (config key ``changes``)."""
    from qutiflow.runs import report

    path = work / SITE_JSON
    path.parent.mkdir(parents=True, exist_ok=True)
    shown = {
        **difference,
        "summary": report.summary(difference),
        "source_lines": report.source_lines(difference),
    }
    path.write_text(json.dumps(shown, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def release_files(found: tuple[dict, str] | None, cycle: str) -> dict[str, bytes]:
    """CHANGES.md and changes.json of a release."""
    from qutiflow.runs import report

    title = f"What changed in release {cycle}"
    if found is None:
        text = f"# {title}\n\nFirst publication: there is no earlier one to compare with.\n"
        data = {"previous": None}
    else:
        difference, before = found
        text = report.markdown(
            {**difference, "old": f"releases/{before}", "new": f"releases/{cycle}"}, title=title
        )
        data = {"previous": before, **difference, "summary": report.summary(difference)}
    return {
        CHANGES_MD: text.encode("utf-8"),
        CHANGES_JSON: (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8"),
    }


def note(found: tuple[dict, str] | None) -> str:
    """For the cycle's one log line."""
    from qutiflow.runs import report

    if found is None:
        return "first publication"
    return f"since {found[1]}: {report.summary(found[0])}"


def snapshot(results: Path, work: Path) -> None:
    """Keep the records and validated tables of the pipeline's run, before the site is
    rebuilt to show the changes: what the next cycle compares against, once published."""
    tmp = work / f".{BASELINE}.next"
    if tmp.exists():
        shutil.rmtree(tmp)
    for name in KEPT:
        if (results / name).is_dir():
            shutil.copytree(results / name, tmp / "results" / name, ignore=shutil.ignore_patterns(".*"))


def promote(work: Path, cycle: str) -> None:
    """After a successful publication: the snapshot becomes what the next cycle compares
    against."""
    base, tmp, old = work / BASELINE, work / f".{BASELINE}.next", work / f".{BASELINE}.old"
    (tmp / "release.txt").write_text(cycle + "\n", encoding="utf-8")
    if old.exists():
        shutil.rmtree(old)
    if base.exists():
        os.replace(base, old)
    os.replace(tmp, base)
    if old.exists():
        shutil.rmtree(old)
