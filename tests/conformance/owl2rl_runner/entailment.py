"""Whether a closure contains a conclusion graph, the conclusion's blank nodes standing for
any term (simple entailment: some one assignment of terms to them must map every triple of
the conclusion into the closure)."""

from __future__ import annotations

from rdflib import BNode, Graph
from rdflib.term import Node

Triple = tuple[Node, Node, Node]
Binding = dict[BNode, Node]

#: How many partial assignments the search may try before it gives up on a case.
BUDGET = 200_000


class BudgetExceeded(Exception):
    """The blank-node search tried more than :data:`BUDGET` partial assignments."""


def entails(closure: Graph, conclusion: Graph) -> bool:
    """True when every triple of ``conclusion`` is in ``closure`` under one assignment of
    its blank nodes. Triples without blank nodes are looked up directly."""
    open_triples = []
    for triple in conclusion:
        if any(isinstance(term, BNode) for term in triple):
            open_triples.append(triple)
        elif triple not in closure:
            return False
    return _Search(closure).extend(open_triples, {})


class _Search:
    """Backtracking search for an assignment, most constrained triple first."""

    def __init__(self, closure: Graph) -> None:
        self.closure = closure
        self.tried = 0

    def extend(self, triples: list[Triple], binding: Binding) -> bool:
        if not triples:
            return True
        self.tried += 1
        if self.tried > BUDGET:
            raise BudgetExceeded(f"blank-node matching tried {BUDGET} assignments")
        best = max(range(len(triples)), key=lambda i: _bound(triples[i], binding))
        pattern, rest = triples[best], triples[:best] + triples[best + 1 :]
        query = tuple(binding.get(t) if isinstance(t, BNode) else t for t in pattern)
        for found in self.closure.triples(query):  # type: ignore[arg-type]
            extended = _unify(pattern, found, binding)
            if extended is not None and self.extend(rest, extended):
                return True
        return False


def _bound(triple: Triple, binding: Binding) -> int:
    return sum(1 for term in triple if not isinstance(term, BNode) or term in binding)


def _unify(pattern: Triple, found: Triple, binding: Binding) -> Binding | None:
    """``binding`` extended so that ``pattern`` becomes ``found``, or None if it cannot be."""
    extended = dict(binding)
    for term, value in zip(pattern, found, strict=True):
        if isinstance(term, BNode) and extended.setdefault(term, value) != value:
            return None
    return extended
