"""What every engine returns: the closed graph and the inconsistencies it found.

Apart from the engine registry (:mod:`kuopio_kg.reason.base`), so that an engine can name
its result type without importing the registry that imports it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph


@dataclass(frozen=True)
class Closure:
    """An engine's answer: the input plus what it entails, and why it is inconsistent."""

    graph: Graph
    inconsistencies: list[str]
