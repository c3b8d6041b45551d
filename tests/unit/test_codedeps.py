"""The rules' code inputs are the library files their scripts import (qutiflow.codedeps):
computed by hand on a small package and checked against what Python really loads for every
entry script (tests/workflow/test_code_edits.py: an edit reruns exactly the importers)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO
from qutiflow import codedeps

SCRIPTS = REPO / "workflow_scripts"


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


@pytest.fixture
def package(tmp_path):
    """qutiflow/{__init__,a,b,c,unused}.py and qutiflow/sub/{__init__,d}.py, a script."""
    write(
        tmp_path,
        {
            "qutiflow/__init__.py": "",
            "qutiflow/a.py": "from . import b\nfrom .sub.d import thing\n",
            "qutiflow/b.py": "import json\n\ndef later():\n    from qutiflow import c  # lazy\n",
            "qutiflow/c.py": "from .b import later\n",  # a cycle back to b
            "qutiflow/unused.py": "",
            "qutiflow/sub/__init__.py": "",
            "qutiflow/sub/d.py": "from .. import a\nthing = 1\n",
            "script.py": "import os\nfrom qutiflow import a\n",
        },
    )
    return tmp_path


def test_imports_followed_relative_lazy_and_through_packages(package):
    found = codedeps.library_files(str(package / "script.py"), str(package))
    rel = sorted(Path(f).relative_to(package).as_posix() for f in found)
    # by hand: a; b (from a); c (b's lazy import); sub/__init__ and sub/d (a's from .sub.d);
    # the package __init__; not unused.py, not the attribute `thing`
    assert rel == [
        "qutiflow/__init__.py",
        "qutiflow/a.py",
        "qutiflow/b.py",
        "qutiflow/c.py",
        "qutiflow/sub/__init__.py",
        "qutiflow/sub/d.py",
    ]


def test_the_cache_reparses_a_changed_file_only(package, tmp_path):
    cache = tmp_path / "cache.json"
    first = codedeps.Imports(str(package), str(cache))
    first.library_files(str(package / "script.py"))
    first.save()
    assert first.changed is False  # saved: nothing left to write
    stored = json.loads(cache.read_text())
    assert str(package / "qutiflow" / "a.py") in stored
    # c.py now imports unused.py: a fresh reader sees it, though the cache is old
    write(package, {"qutiflow/c.py": "from .b import later\nfrom . import unused\n"})
    again = codedeps.Imports(str(package), str(cache))
    found = again.library_files(str(package / "script.py"))
    assert str(package / "qutiflow" / "unused.py") in found
    assert again.changed is True
    again.save()  # the cache now holds c.py's new imports
    stored = json.loads(cache.read_text())
    assert str(package / "qutiflow" / "unused.py") in stored[str(package / "qutiflow" / "c.py")]["imports"]


def test_the_cache_follows_a_module_turned_into_a_package(package, tmp_path):
    cache = tmp_path / "cache.json"
    first = codedeps.Imports(str(package), str(cache))
    first.library_files(str(package / "script.py"))
    first.save()
    # b.py becomes the package b/ (its __init__ and a module of its own); a.py, which
    # imports it, is untouched, so its cached entry still names the old b.py
    (package / "qutiflow/b").mkdir()
    (package / "qutiflow/b.py").rename(package / "qutiflow/b/__init__.py")
    write(package, {"qutiflow/b/e.py": ""})
    write(package, {"qutiflow/b/__init__.py": "from . import e\n"})
    found = codedeps.Imports(str(package), str(cache)).library_files(str(package / "script.py"))
    rel = sorted(Path(f).relative_to(package).as_posix() for f in found)
    assert rel == [
        "qutiflow/__init__.py",
        "qutiflow/a.py",
        "qutiflow/b/__init__.py",
        "qutiflow/b/e.py",
        "qutiflow/sub/__init__.py",
        "qutiflow/sub/d.py",
    ]


@pytest.mark.parametrize("script", sorted(p.stem for p in SCRIPTS.glob("*.py")))
def test_every_module_python_loads_is_declared(script):
    """The oracle: import the entry script (its job runs only under Snakemake) and list
    the qutiflow modules Python loaded. Every one is in the computed set; the rest of the
    set are imports inside functions, which Python loads only when they run."""
    probe = (
        f"import runpy, sys\nrunpy.run_path({str(SCRIPTS / (script + '.py'))!r})\n"
        "print('\\n'.join(sorted(m.__file__ for n, m in sys.modules.items()\n"
        "    if (n == 'qutiflow' or n.startswith('qutiflow.')) and getattr(m, '__file__', None))))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], cwd=SCRIPTS, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    loaded = {os.path.realpath(f) for f in proc.stdout.split()}
    declared = {
        os.path.realpath(f) for f in codedeps.library_files(str(SCRIPTS / f"{script}.py"), str(SCRIPTS))
    }
    assert loaded <= declared, f"{script}: loaded but not declared: {sorted(loaded - declared)}"


def test_table_jobs_import_no_plotting_library():
    for script in (
        "validate_measurements",
        "normalise_measurements",
        "select_task_measurements",
        "analyse_measured",
        "predict_roofline",
        "compute_rooflines",
        "score_fidelity",
    ):
        files = codedeps.library_files(str(SCRIPTS / f"{script}.py"), str(SCRIPTS))
        assert not [f for f in files if "/figures/" in f or "/site/" in f], script


def test_only_the_jobs_that_save_figures_run_the_figure_tagging():
    """qutiflow/provenance/__init__.py imports none of its modules: a job runs the figure
    tagging exactly when it saves figures, or reads the record ids figures carry (the run's
    audit), and the rest of provenance when it uses them."""
    tagging, saving = set(), set()
    for path in sorted(SCRIPTS.glob("*.py")):
        files = codedeps.library_files(str(path), str(SCRIPTS))
        if any(f.endswith(os.path.join("provenance", "tagging.py")) for f in files):
            tagging.add(path.stem)
        if any(f.endswith(os.path.join("figures", "save.py")) for f in files):
            saving.add(path.stem)
    assert tagging == saving | {"audit_run"} and "plot_theory" in saving and "analyse_measured" not in saving
