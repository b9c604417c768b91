"""Integer encoding of RDF terms, and the owl:sameAs classes over those integers.

The engine never touches rdflib terms inside its loops: a :class:`TermTable` turns each
distinct term into a small int once, and :class:`Equality` keeps one representative per
``owl:sameAs`` class (the smallest id, so vocabulary terms represent their class).
"""

from __future__ import annotations

from rdflib import BNode
from rdflib.term import Node

from kuopio_kg.reason.engine.vocab import VOCAB_TERMS


class TermTable:
    """Both directions of the term <-> id mapping; ids are dense and start at 0."""

    def __init__(self) -> None:
        self.terms: list[Node] = []
        self.ids: dict[Node, int] = {}
        self.internal: set[int] = set()
        for term in VOCAB_TERMS:
            self.encode(term)

    def encode(self, term: Node) -> int:
        """The id of ``term``, interning it on first sight."""
        found = self.ids.get(term)
        if found is None:
            found = len(self.terms)
            self.ids[term] = found
            self.terms.append(term)
        return found

    def fresh(self) -> int:
        """A new id for an engine-internal predicate, never part of any output."""
        node = self.encode(BNode())
        self.internal.add(node)
        return node


class Equality:
    """Union-find over term ids: which terms the closure says are owl:sameAs each other."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}
        self.members: dict[int, set[int]] = {}

    def find(self, term: int) -> int:
        """The representative of ``term``'s class (``term`` itself when never merged)."""
        parent = self.parent
        root = term
        while root in parent:
            root = parent[root]
        while term != root:
            step = parent[term]
            parent[term] = root
            term = step
        return root

    def union(self, a: int, b: int) -> int | None:
        """Merge the classes of ``a`` and ``b``; the displaced representative, or None."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return None
        keep, drop = (ra, rb) if ra < rb else (rb, ra)
        self.parent[drop] = keep
        group = self.members.setdefault(keep, {keep})
        group |= self.members.pop(drop, {drop})
        return drop

    def group(self, rep: int) -> set[int]:
        """Every member of the class ``rep`` represents (just ``rep`` when alone)."""
        return self.members.get(rep) or {rep}
