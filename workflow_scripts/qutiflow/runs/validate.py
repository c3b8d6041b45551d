"""Validate a crate with roc-validator against the Provenance Run Crate profile, offline.

roc-validator resolves a crate's JSON-LD ``@context`` URL over HTTP (through its
``rocrate_validator.utils.http.HttpRequester``, from its JSON-LD document loader and from
the RO-Crate profile's context checks). The crates of this pipeline use
one context, RO-Crate 1.3's, and the ``rocrate`` package ships it
(``rocrate/data/ro-crate.jsonld``). :func:`offline_contexts` makes the loader answer that
URL from the shipped file and refuse every other request, naming it, so a validation never
touches the network, and validates with the profiles roc-validator itself ships.

    python -m qutiflow.runs.validate results/ro-crate-metadata.json
"""

from __future__ import annotations

import contextlib
import importlib.resources
import json
import sys
from pathlib import Path

PROFILE = "provenance-run-crate-0.5"
#: context URL → file shipped by the rocrate package
SHIPPED = {"https://w3id.org/ro/crate/1.3/context": ("rocrate", "data/ro-crate.jsonld")}


class OfflineContextError(RuntimeError):
    """A context the validation would have to fetch from the network."""


def shipped_context(url: str) -> dict:
    package, name = SHIPPED[url.rstrip("/")]
    return json.loads(importlib.resources.files(package).joinpath(name).read_text("utf-8"))


def _response(url: str, body: bytes):
    import requests

    response = requests.Response()
    response.status_code, response.url, response._content = 200, url, body
    response.headers["Content-Type"] = "application/ld+json"
    return response


@contextlib.contextmanager
def offline_contexts():
    """Within the block, roc-validator's HTTP requests (its ``HttpRequester``, which every
    context lookup goes through) are answered from :data:`SHIPPED`; any other URL raises
    :class:`OfflineContextError` naming it."""
    from rocrate_validator.utils.http import HttpRequester

    def answer(self, url, *args, **kwargs):
        if str(url).rstrip("/") in SHIPPED:
            return _response(str(url), json.dumps(shipped_context(str(url))).encode())
        raise OfflineContextError(
            f"the validation asked for {url}, which is not available offline (answered "
            f"locally: {', '.join(SHIPPED)}); use the RO-Crate 1.3 context and no web-based "
            "data entities"
        )

    # HttpRequester hands get/head to its session through __getattr__; class attributes
    # take precedence over that
    for name in ("get", "head"):
        setattr(HttpRequester, name, answer)
    try:
        yield
    finally:
        for name in ("get", "head"):
            delattr(HttpRequester, name)


def validate(crate_dir: str | Path, *, profile: str = PROFILE, severity: str = "REQUIRED"):
    """Validate the crate in ``crate_dir`` offline; returns roc-validator's result (its
    ``passed()`` says whether it conforms, ``get_issues()`` lists what does not)."""
    from rocrate_validator import services

    with offline_contexts():
        return services.validate(
            {
                "rocrate_uri": str(Path(crate_dir).resolve()),
                "profile_identifier": profile,
                "requirement_severity": severity,
                "no_cache": True,
                "disable_remote_crate_download": True,
            }
        )


def issues(result) -> list[str]:
    """Each issue as one line: severity, check and message."""
    return sorted(f"{i.severity.name} {i.check.identifier}: {i.message}" for i in result.get_issues())


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m qutiflow.runs.validate RESULTS/ro-crate-metadata.json", file=sys.stderr)
        return 2
    path = Path(args[0])
    result = validate(path.parent if path.name.endswith(".json") else path)
    for line in issues(result):
        print(line)
    print(f"{path}: {'conforms to' if result.passed() else 'does NOT conform to'} {PROFILE}")
    return 0 if result.passed() else 1


if __name__ == "__main__":
    sys.exit(main())
