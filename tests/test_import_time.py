"""Nothing happens at import time: importing any module of the package reads no setting, no
environment variable and no file, and parses nothing.

The probe runs in a fresh interpreter. It first imports every third-party module the
package pulls in (found by a first, unwatched import of the package in another
interpreter), so what those libraries do when they load is not blamed on us; then it
watches every way a file is opened (``open``, ``io.open``, so ``Path.read_text`` and
``Path.read_bytes`` too, and ``os.open``), every read of a ``KUOPIO_KG_*`` variable, every
call of ``Settings.from_env`` and every parse, and imports each module under
``src/kuopio_kg`` in turn.
"""

from __future__ import annotations

import json
import subprocess
import sys

from kuopio_kg.settings import PACKAGE_DIR

#: Imports every module of the package; prints the names of the other modules then loaded.
LIST_THIRD_PARTY = """
import importlib, json, sys
before = set(sys.modules)
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
print(json.dumps(sorted(m for m in set(sys.modules) - before if not m.startswith("kuopio_kg"))))
"""

PROBE = """
import builtins, importlib, io, json, os, sys
for name in json.loads(sys.argv[2]):
    try:
        importlib.import_module(name)
    except Exception:
        pass
import pyoxigraph, rdflib
touched = []

class Environ(dict):
    def _note(self, key):
        if str(key).startswith("KUOPIO_KG_"):
            touched.append(f"environ {key}")
    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)
    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)
    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)
    def __iter__(self):
        touched.append("environ iterated")
        return super().__iter__()
    def items(self):
        touched.append("environ iterated")
        return super().items()

os.environ = Environ(os.environ)

def watch(owner, name, label):
    real = getattr(owner, name)
    def spy(*args, **kwargs):
        touched.append(f"{label} {args[:1]!r}")
        return real(*args, **kwargs)
    setattr(owner, name, spy)

watch(builtins, "open", "open")
watch(io, "open", "open")
watch(os, "open", "os.open")
watch(rdflib.Graph, "parse", "rdflib parse")
watch(pyoxigraph, "parse", "oxigraph parse")

import kuopio_kg.settings
real_from_env = kuopio_kg.settings.Settings.from_env.__func__
def from_env(cls, *args, **kwargs):
    touched.append("Settings.from_env")
    return real_from_env(cls, *args, **kwargs)
kuopio_kg.settings.Settings.from_env = classmethod(from_env)

imported = []
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
    imported.append(name)
print(json.dumps({"imported": imported, "touched": touched}))
"""


def _modules() -> list[str]:
    """Every module of the package, from its files (not from what imports reach)."""
    names = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _python(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", *args], capture_output=True, text=True, check=False, env={}
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_importing_every_module_reads_nothing_and_parses_nothing() -> None:
    modules = _modules()
    assert set(modules) >= {
        "kuopio_kg.sparql.policy",
        "kuopio_kg.publish.void",
        "kuopio_kg.web.sparql.views",
        "kuopio_kg.web.publish.why",
        "kuopio_kg.reason.engine.engine",
    }
    third_party = _python(LIST_THIRD_PARTY, json.dumps(modules))
    report = json.loads(_python(PROBE, json.dumps(modules), third_party))
    assert report["imported"] == modules
    assert report["touched"] == []
