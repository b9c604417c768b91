"""Removing asserted triples: delete-and-rederive (DRed) over the compiled rules.

1. Over-delete: everything the rules derive, in the closure as it was, from the removed
   triples, and from what that derives, transitively.
2. Put back what is still asserted (or a one-time fact), then fire the rules once on the
   remaining triples that share a term with an over-deleted one (every rule's conclusion
   shares a term with one of its premises, so this finds every over-deleted triple with
   a derivation from what remains), and saturate from what came back.

Removals that could undo an owl:sameAs merge, change the schema (and so the compiled
rules) or the one-time datatype facts are rare and complex; for those the closure is
recomputed from the remaining asserted triples instead, which gives the same result.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rdflib import Literal

from kuopio_kg.reason.engine.rules import apply, fire_facts
from kuopio_kg.reason.engine.sink import Sink
from kuopio_kg.reason.engine.store import Triple
from kuopio_kg.reason.engine.vocab import SCHEMA_CLASSES, SCHEMA_PREDICATES, V

if TYPE_CHECKING:
    from kuopio_kg.reason.engine.engine import Reasoner

#: Rule kinds whose conclusions are owl:sameAs merges, which DRed cannot take back.
_MERGING = frozenset({"fp", "ifp", "maxc", "key"})
_EQUALITY = frozenset({V.SAME_AS, V.DIFFERENT_FROM})


def retract(r: Reasoner, triples: Iterable[Triple]) -> None:
    """Remove the asserted ones of ``triples`` from ``r`` (others are ignored) and update
    its closure: everything that depended on them alone goes."""
    gone = [t for t in triples if t in r.asserted]
    if not gone:
        return
    r.asserted.difference_update(gone)
    if _needs_restart(r, gone):
        r.restart()
        return
    over = _over_delete(r, gone)
    if any(_touches_schema(t) for t in over):
        r.restart()
        return
    for t in over:
        r.store.discard(*t)
        if r.why is not None:
            r.why.pop(t, None)
    back = [t for t in over if t in r.asserted or t in r.facts]
    sink = Sink()
    fire_facts(r.index, sink)
    terms = {x for s, _, o in over for x in (s, o)}
    apply(r.index, r.store, sorted(r.store.mentioning(terms)), sink)
    back += [t for t in sink.out if t in over]
    r.saturate_from(_put_back(r, back))


def _put_back(r: Reasoner, triples: list[Triple]) -> list[Triple]:
    return [t for t in dict.fromkeys(triples) if r.store.add(*t)]


def _over_delete(r: Reasoner, gone: list[Triple]) -> set[Triple]:
    over = {t for t in gone if t in r.store}
    frontier = list(over)
    while frontier:
        sink = Sink()
        apply(r.index, r.store, frontier, sink)
        frontier = [t for t in dict.fromkeys(sink.out) if t in r.store and t not in over]
        over.update(frontier)
    return over


def _needs_restart(r: Reasoner, gone: list[Triple]) -> bool:
    if r.eq.members or any(rule.kind in _MERGING for rule in r.rules):
        return True
    terms = r.table.terms
    datatypes = r.datatypes.datatypes
    return any(
        _touches_schema(t)
        or t[1] in _EQUALITY
        or isinstance(terms[t[2]], Literal)
        or (t[1] == V.TYPE and t[2] in datatypes)
        for t in gone
    )


def _touches_schema(t: Triple) -> bool:
    _, p, o = t
    return p in SCHEMA_PREDICATES or (p == V.TYPE and o in SCHEMA_CLASSES)
