"""The materializer: semi-naive forward chaining to the OWL 2 RL fixpoint.

A :class:`Reasoner` holds the asserted triples, the closed store and the compiled rules,
so that a later :meth:`Reasoner.add` extends the closure from the new triples only. Each
round fires the rules on the previous round's new triples; ``owl:sameAs`` conclusions merge
classes in :class:`~kuopio_kg.reason.engine.terms.Equality` and rewrite the store to the
representatives; new schema triples recompile the rules, and rules new to the store run
once over all of it.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Literal

from kuopio_kg.reason.engine.compile import Compiler, Rule
from kuopio_kg.reason.engine.datatypes import DatatypeFacts, literal_differences
from kuopio_kg.reason.engine.derivation import Derived, Why
from kuopio_kg.reason.engine.rules import RuleIndex, apply, everything, fire_facts
from kuopio_kg.reason.engine.schema import close_schema
from kuopio_kg.reason.engine.sink import Sink
from kuopio_kg.reason.engine.store import Triple, TripleStore
from kuopio_kg.reason.engine.terms import Equality, TermTable
from kuopio_kg.reason.engine.vocab import (
    ANNOTATION_PROPERTIES,
    SCHEMA_CLASSES,
    SCHEMA_PREDICATES,
    V,
)

ASSERTED = "asserted"


class Reasoner:
    """An OWL 2 RL closure kept up to date as triples are added."""

    def __init__(self, table: TermTable | None = None, record: bool = False) -> None:
        self.table = table or TermTable()
        self.eq = Equality()
        self.store = TripleStore()
        self.asserted: set[Triple] = set()
        self.literals: set[int] = set()
        self.datatypes = DatatypeFacts(self.table)
        self.rules: frozenset[Rule] = frozenset()
        self.index = RuleIndex()
        self.why: dict[Triple, Why] | None = {} if record else None
        self.same_why: dict[tuple[int, int], Why] = {}
        self.facts: set[Triple] = set()
        self._aux: dict[tuple[int, ...], int] = {}
        self._dropped: set[int] = set()
        self._started = False
        self._record_why = record

    # ------------------------------------------------------------------ input

    def add(self, triples: Iterable[Triple]) -> None:
        """Assert encoded ``triples`` and extend the closure from them alone."""
        new = [t for t in triples if t not in self.asserted]
        self.asserted.update(new)
        literals = {o for _, _, o in new if self._is_literal(o)} - self.literals
        self.literals |= literals
        seeds: list[Derived] = []
        if not self._started:
            seeds += [((V.THING, V.TYPE, V.CLASS), "cls-thing", ()),
                      ((V.NOTHING, V.TYPE, V.CLASS), "cls-nothing1", ())]  # fmt: skip
            seeds += [((self.table.encode(a), V.TYPE, V.ANNOTATION_PROPERTY), "prp-ap", ())
                      for a in ANNOTATION_PROPERTIES]  # fmt: skip
        seeds += self.datatypes.update(sorted(literals), new)
        self.facts.update(triple for triple, _, _ in seeds)
        seeds += [(t, ASSERTED, ()) for t in new]
        sink = Sink(why=[] if self.why is not None else None)
        find = self.eq.find
        for (s, p, o), name, premises in seeds:
            sink.out.append((find(s), find(p), find(o)))
            sink.reason(name, *premises)
        self._saturate(self._absorb(sink), force=not self._started)
        self._started = True

    def restart(self) -> None:
        """Recompute the closure of the current asserted triples from scratch."""
        asserted = self.asserted
        self.__init__(self.table, self._record_why)  # type: ignore[misc]
        self.add(asserted)

    def saturate_from(self, delta: list[Triple]) -> None:
        """Continue the fixpoint from ``delta``, triples just put back into the store."""
        self._saturate(delta, force=False)

    def _is_literal(self, term: int) -> bool:
        return isinstance(self.table.terms[term], Literal)

    # ------------------------------------------------------------------ fixpoint

    def _saturate(self, delta: list[Triple], force: bool) -> None:
        recompile = force
        while True:
            if self._dropped:
                remapped = self._remap()
                delta = [t for t in delta if t in self.store] + remapped
                recompile = True
            recompile = recompile or any(_is_schema(t) for t in delta)
            sink = Sink(why=[] if self.why is not None else None)
            if recompile:
                delta += self._record(close_schema(self.store))
                self._recompile(sink)
                recompile = False
            if not delta and not sink.out:
                delta = self._literal_differences()
                if not delta:
                    return
            apply(self.index, self.store, delta, sink)
            delta = self._absorb(sink)

    def _recompile(self, sink: Sink) -> None:
        compiler = Compiler(self.store, self._value_of, self._aux_predicate)
        rules = compiler.rules()
        fresh = rules - self.rules
        self.rules = rules
        self.index = RuleIndex.build(rules)
        if fresh:
            added = RuleIndex.build(fresh)
            fire_facts(added, sink)
            apply(added, self.store, everything(self.store), sink)

    def _absorb(self, sink: Sink) -> list[Triple]:
        """Store the new conclusions of ``sink``; merge the owl:sameAs ones."""
        new: list[Triple] = []
        add = self.store.add
        why = self.why
        reasons = sink.why
        if why is None or reasons is None:
            for s, p, o in dict.fromkeys(sink.out):
                if p == V.SAME_AS:
                    self._merge(s, o, None)
                elif add(s, p, o):
                    new.append((s, p, o))
            return new
        for n, (s, p, o) in enumerate(sink.out):
            if p == V.SAME_AS:
                self._merge(s, o, reasons[n] if reasons[n][0] != ASSERTED else None)
            elif add(s, p, o):
                new.append((s, p, o))
                why[(s, p, o)] = reasons[n]
        return new

    def _merge(self, a: int, b: int, reason: Why | None) -> None:
        ra, rb = self.eq.find(a), self.eq.find(b)
        if ra == rb:
            return
        if reason is not None:
            self.same_why[(a, b)] = reason
        dropped = self.eq.union(ra, rb)
        if dropped is not None:
            self._dropped.add(dropped)

    def _remap(self) -> list[Triple]:
        """Rewrite the triples that mention displaced representatives; the new ones."""
        dropped, self._dropped = self._dropped, set()
        find = self.eq.find
        new: list[Triple] = []
        for s, p, o in self.store.mentioning(dropped):
            self.store.discard(s, p, o)
            canonical = (find(s), find(p), find(o))
            if self.store.add(*canonical):
                new.append(canonical)
                if self.why is not None:
                    self.why[canonical] = ("eq-rep", ((s, p, o),))
        return new

    def _literal_differences(self) -> list[Triple]:
        """The new dt-diff triples (see :func:`literal_differences`)."""
        found = literal_differences(self.eq.members.values(), self.table.terms)
        new = [t for t in found if self.store.add(*t)]
        if self.why is not None:
            self.why.update((t, ("dt-diff", ())) for t in new)
        return new

    def _record(self, derived: list[Derived]) -> list[Triple]:
        if self.why is not None:
            for triple, name, premises in derived:
                self.why[triple] = (name, premises)
        return [triple for triple, _, _ in derived]

    # ------------------------------------------------------------------ helpers

    def _value_of(self, term: int) -> object:
        return getattr(self.table.terms[term], "value", None)

    def _aux_predicate(self, key: tuple[int, ...]) -> int:
        found = self._aux.get(key)
        if found is None:
            found = self._aux[key] = self.table.fresh()
        return found


def _is_schema(triple: Triple) -> bool:
    _, p, o = triple
    return p in SCHEMA_PREDICATES or (p == V.TYPE and o in SCHEMA_CLASSES)
