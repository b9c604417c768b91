"""What each entry point pulls in, held to an allow-list: the web server does not load the
build's validator or reference reasoner (nor the command line), and a query worker loads
neither Flask nor rdflib. A new import outside the list fails here; if it is wanted, add it
to the list in the same change, so the growth is a decision.

Flask imports click itself (``flask.app`` imports ``flask.cli``), so click is on the web
server's list; the project's own command line (``kuopio_kg.cli``) is not. rapidfuzz (the
reconciliation service's name matching) is compiled with Cython, whose ``cython_runtime``
module comes with it.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

#: Top-level third-party packages each entry point may load.
ALLOWED = {
    "kuopio_kg.web": {
        "blinker", "click", "cython_runtime", "flask", "html5rdf", "itsdangerous", "jinja2",
        "markupsafe", "pyoxigraph", "rapidfuzz", "rdflib", "werkzeug",
    },
    "kuopio_kg.sparql.worker": {"pyoxigraph"},
}  # fmt: skip

#: Modules of the project each entry point must not load.
FORBIDDEN = {
    "kuopio_kg.web": ("kuopio_kg.cli", "kuopio_kg.build", "kuopio_kg.validate", "kuopio_kg.reason"),
    "kuopio_kg.sparql.worker": ("kuopio_kg.web", "kuopio_kg.publish", "kuopio_kg.build"),
}

PROBE = """
import json, sys
before = set(sys.modules)
import {module}
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def _loaded(module: str) -> tuple[set[str], set[str]]:
    """(third-party top-level packages, project modules) that importing ``module`` loads."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(module=module)],
        capture_output=True,
        text=True,
        check=True,
    )
    names = json.loads(done.stdout)
    tops = {name.split(".")[0] for name in names}
    third_party = {t for t in tops if not t.startswith("_")} - set(sys.stdlib_module_names)
    return third_party - {"kuopio_kg"}, {n for n in names if n.startswith("kuopio_kg")}


@pytest.mark.parametrize("module", sorted(ALLOWED))
def test_an_entry_point_loads_only_what_its_list_allows(module: str) -> None:
    third_party, own = _loaded(module)
    assert third_party <= ALLOWED[module], (
        f"not on the list: {sorted(third_party - ALLOWED[module])}"
    )
    forbidden = {n for n in own if n.startswith(FORBIDDEN[module])}
    assert not forbidden, f"{module} loads {sorted(forbidden)}"
