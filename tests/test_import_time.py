"""Nothing happens at import time: no environment reads, no parsing, no file reads."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import os, sys, builtins
import rdflib
touched = []
class Spy(dict):
    def __getitem__(self, key):
        if key.startswith("KUOPIO_KG_"):
            touched.append(("environ", key))
        return super().__getitem__(key)
    def get(self, key, default=None):
        if key.startswith("KUOPIO_KG_"):
            touched.append(("environ", key))
        return super().get(key, default)
os.environ = Spy(os.environ)
real_parse = rdflib.Graph.parse
def parse(self, *args, **kwargs):
    touched.append(("parse", args))
    return real_parse(self, *args, **kwargs)
rdflib.Graph.parse = parse
real_open = builtins.open
def spy_open(file, *args, **kwargs):
    name = str(file)
    if name.endswith((".ttl", ".rq", ".json")) and "kuopio" in name:
        touched.append(("open", name))
    return real_open(file, *args, **kwargs)
builtins.open = spy_open
import pkgutil, importlib, kuopio_kg
for module in pkgutil.walk_packages(kuopio_kg.__path__, "kuopio_kg."):
    importlib.import_module(module.name)
print(repr(touched))
"""


def test_importing_every_module_does_nothing() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout
