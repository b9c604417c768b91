"""From the engine's canonical store back to rdflib terms: what the closure adds.

The store holds one representative per owl:sameAs class; here every canonical triple is
expanded over the members of its terms' classes and the classes themselves become
``owl:sameAs`` triples. Asserted triples, engine-internal predicates, triples whose
predicate is a blank node or a literal (owlrl drops those too) and everything
:func:`~kuopio_kg.reason.trivial.is_trivial` calls noise are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import permutations

from rdflib import BNode, Graph, Literal
from rdflib.term import Node

from kuopio_kg.reason.engine.engine import Reasoner
from kuopio_kg.reason.engine.store import Triple
from kuopio_kg.reason.engine.vocab import V
from kuopio_kg.reason.trivial import is_trivial

TermTriple = tuple[Node, Node, Node]


def inferred_ids(r: Reasoner) -> list[Triple]:
    """The encoded triples of the closure that were not asserted (trivial ones included)."""
    members = r.eq.members
    asserted = r.asserted
    skip = r.table.internal
    found: list[Triple] = []
    for p, by_s in r.store.sp.items():
        if p in skip:
            continue
        if p not in members:
            found.extend(
                (s, p, o)
                for s, objs in by_s.items()
                if s not in members
                for o in objs
                if o not in members and (s, p, o) not in asserted
            )
        found.extend(
            (s2, p2, o2)
            for s, objs in by_s.items()
            for o in objs
            if p in members or s in members or o in members
            for s2 in members.get(s, (s,))
            for p2 in members.get(p, (p,))
            for o2 in members.get(o, (o,))
            if (s2, p2, o2) not in asserted
        )
    for group in members.values():
        found.extend(
            (a, V.SAME_AS, b)
            for a, b in permutations(sorted(group), 2)
            if (a, V.SAME_AS, b) not in asserted
        )
    return found


def _mentioned(r: Reasoner) -> set[int]:
    """Every term of the closure (each member of every class that appears).

    owl:sameAs is always one: eq-ref's own triples use it.
    """
    seen: set[int] = {V.SAME_AS}
    for p, by_s in r.store.sp.items():
        if p in r.table.internal:
            continue
        seen.add(p)
        seen.update(by_s)
        for objs in by_s.values():
            seen.update(objs)
    for s, p, o in r.asserted:
        seen.update((s, p, o))
    for group in list(r.eq.members.values()):
        seen.update(group)
    return seen


def _reflexive(r: Reasoner) -> Iterator[Triple]:
    """eq-ref: ``x owl:sameAs x`` for every term of the closure."""
    for term in sorted(_mentioned(r)):
        if (term, V.SAME_AS, term) not in r.asserted:
            yield term, V.SAME_AS, term


def inferred_terms(r: Reasoner, complete: bool) -> Iterator[TermTriple]:
    """The closure's new triples as rdflib terms.

    With ``complete`` everything entailed that RDF can carry (no literal subject, no blank
    node or literal predicate), tautologies included, as the OWL 2 RL test cases expect;
    without it, only what :func:`is_trivial` does not call noise.
    """
    terms = r.table.terms
    literals = {n for n, term in enumerate(terms) if isinstance(term, Literal)}
    not_predicates = literals | {n for n, term in enumerate(terms) if isinstance(term, BNode)}
    ids = inferred_ids(r)
    if complete:
        ids.extend(_reflexive(r))
    for s, p, o in ids:
        if s in literals or p in not_predicates:
            continue
        triple = (terms[s], terms[p], terms[o])
        if complete or not is_trivial(triple):
            yield triple


def closure_graph(r: Reasoner, source: Graph, complete: bool, in_place: bool) -> Graph:
    """``source`` and everything the closure adds to it: ``source`` itself extended when
    ``in_place`` (as owlrl's ``expand`` does), otherwise a new graph."""
    out = source
    if not in_place:
        out = Graph()
        for prefix, namespace in source.namespaces():
            out.bind(prefix, namespace, override=False)
        for triple in source:
            out.add(triple)
    add = out.add
    for triple in inferred_terms(r, complete):
        add(triple)
    return out
