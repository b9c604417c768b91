"""From the engine's canonical store back to rdflib terms: what the closure adds.

The store holds one representative per owl:sameAs class; here every canonical triple is
expanded over the members of its terms' classes and the classes themselves become
``owl:sameAs`` triples. Asserted triples, engine-internal predicates, triples whose
predicate is a blank node or a literal (owlrl drops those too) and everything
:func:`~kuopio_kg.reason.trivial.is_trivial` calls noise are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain, permutations

from rdflib import BNode, Graph, Literal
from rdflib.term import Node

from kuopio_kg.reason.engine.engine import Reasoner
from kuopio_kg.reason.engine.store import Triple
from kuopio_kg.reason.engine.vocab import V
from kuopio_kg.reason.trivial import is_trivial

TermTriple = tuple[Node, Node, Node]


def inferred_ids(r: Reasoner) -> Iterator[Triple]:
    """The encoded triples of the closure that were not asserted (trivial ones included)."""
    members = r.eq.members
    asserted = r.asserted
    skip = r.table.internal
    for p, by_s in r.store.sp.items():
        if p in skip:
            continue
        p_group = members.get(p, (p,))
        for s, objs in by_s.items():
            s_group = members.get(s, (s,))
            for o in objs:
                o_group = members.get(o, (o,))
                for s2 in s_group:
                    for p2 in p_group:
                        for o2 in o_group:
                            if (s2, p2, o2) not in asserted:
                                yield s2, p2, o2
    for group in members.values():
        for a, b in permutations(sorted(group), 2):
            if (a, V.SAME_AS, b) not in asserted:
                yield a, V.SAME_AS, b


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
    ids = chain(inferred_ids(r), _reflexive(r)) if complete else inferred_ids(r)
    for s, p, o in ids:
        triple = (terms[s], terms[p], terms[o])
        if isinstance(triple[1], (BNode, Literal)) or isinstance(triple[0], Literal):
            continue
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
