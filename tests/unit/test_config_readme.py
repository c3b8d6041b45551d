"""config/README.md lists every key of config/schema.yaml (dotted, e.g. `inputs.licences`)
in its table of keys, and no key the schema does not have."""

from __future__ import annotations

import re

import yaml
from conftest import REPO

SCHEMA = REPO / "config" / "schema.yaml"
README = REPO / "config" / "README.md"


def schema_keys(node: dict, prefix: str = "") -> list[str]:
    """Every property of the schema, nested ones as `parent.child`.

    >>> schema_keys({"properties": {"a": {}, "b": {"properties": {"c": {}}}}})
    ['a', 'b', 'b.c']
    """
    keys = []
    for name, sub in node.get("properties", {}).items():
        keys.append(prefix + name)
        keys += schema_keys(sub, prefix + name + ".")
    return keys


def documented_keys(text: str) -> list[str]:
    """The keys in the first column of the README's table of keys.

    >>> documented_keys("| key | type |\\n|---|---|\\n| `a.b` | text |\\n| `c` | path |\\n")
    ['a.b', 'c']
    """
    return re.findall(r"^\| `([a-z_][a-z0-9_.]*)` \|", text, re.M)


def test_every_schema_key_is_in_the_config_readme():
    keys = schema_keys(yaml.safe_load(SCHEMA.read_text()))
    assert "inputs.licences" in keys and "measure_host.description" in keys  # nested keys seen
    documented = documented_keys(README.read_text())
    missing = [k for k in keys if k not in documented]
    assert not missing, f"config/README.md does not list these keys of config/schema.yaml: {missing}"
    unknown = [k for k in documented if k not in keys]
    assert not unknown, f"config/README.md lists keys config/schema.yaml does not have: {unknown}"
    assert len(documented) == len(set(documented)), "config/README.md lists a key twice"
