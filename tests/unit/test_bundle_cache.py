"""The Vega bundle's copy in the environment (workflow_scripts/bundle_vega.py): keyed by the
installed vl-convert (its version and the size and time stamp of its compiled module), the
only thing its bytes depend on; a changed key builds it again."""

from __future__ import annotations

import bundle_vega
import pytest


@pytest.fixture
def builds(monkeypatch, tmp_path):
    """Count the bundle builds, into an environment of the test's own."""
    calls = []

    def build():
        calls.append(1)
        return f"bundle {len(calls)}"

    monkeypatch.setattr(bundle_vega.vlc, "javascript_bundle", build)
    monkeypatch.setattr(bundle_vega.sys, "prefix", str(tmp_path / "env"))
    return calls


def test_the_copy_serves_the_same_vl_convert(builds, tmp_path):
    first, how = bundle_vega.cached_bundle()
    assert how.startswith("built, a copy kept in ") and builds == [1]
    again, how = bundle_vega.cached_bundle()
    assert (again, builds) == (first, [1]) and how.startswith("copied from ")
    assert bundle_vega.cache_path().startswith(str(tmp_path / "env" / "share" / "qutiflow"))


def test_another_vl_convert_builds_again(builds, monkeypatch):
    bundle_vega.cached_bundle()
    monkeypatch.setattr(bundle_vega.vlc, "__version__", "0.0.0-another", raising=False)
    bundle, how = bundle_vega.cached_bundle()
    assert builds == [1, 1] and bundle == "bundle 2" and how.startswith("built")
