"""Compiling the closed schema into instance rules with every schema variable bound.

Each OWL 2 RL rule whose body mixes schema and instance atoms becomes, for each matching
set of schema triples, one small rule over instance triples only: ``kg:partOf
rdfs:subPropertyOf kg:locatedIn`` becomes ``("copy", partOf, locatedIn, "prp-spo1")``.
A rule is a plain tuple, so two compilations can be compared as sets and only the rules a
schema change adds need to run over the whole store. Property chains longer than two are
split into binary joins through engine-internal predicates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

from kuopio_kg.reason.engine.store import TripleStore
from kuopio_kg.reason.engine.vocab import V


class Rule(NamedTuple):
    """One compiled rule: its kind (the handler family), its bound terms, its OWL name."""

    kind: str
    args: tuple[int, ...]
    name: str


RuleBuilder = Callable[["Compiler"], Iterator[Rule]]

#: No onClass qualification (owl:maxCardinality, or owl:onClass owl:Thing).
ANY_CLASS = -1


class Compiler:
    """Reads the schema triples of a store and yields the instance rules they stand for."""

    def __init__(
        self,
        st: TripleStore,
        value_of: Callable[[int], object],
        aux: Callable[[tuple[int, ...]], int],
    ) -> None:
        self.st = st
        self.value_of = value_of
        self.aux = aux

    def rules(self) -> frozenset[Rule]:
        """All instance rules of the store's current schema."""
        return frozenset(rule for build in BUILDERS for rule in build(self))


def _properties(c: Compiler) -> Iterator[Rule]:
    st = c.st
    for p, q in st.pairs(V.SUB_PROPERTY_OF):
        if p != q:
            yield Rule("copy", (p, q), "prp-spo1")
    for p, q in st.pairs(V.EQUIVALENT_PROPERTY):
        if p != q:
            yield Rule("copy", (p, q), "prp-eqp1")
            yield Rule("copy", (q, p), "prp-eqp2")
    for p, q in st.pairs(V.INVERSE_OF):
        yield Rule("swap", (p, q), "prp-inv1")
        yield Rule("swap", (q, p), "prp-inv2")
    for p in st.subjects(V.TYPE, V.SYMMETRIC):
        yield Rule("swap", (p, p), "prp-symp")
    for p in st.subjects(V.TYPE, V.TRANSITIVE):
        yield Rule("chain", (p, p, p), "prp-trp")
    for p, cls in st.pairs(V.DOMAIN):
        yield Rule("dom", (p, cls), "prp-dom")
    for p, cls in st.pairs(V.RANGE):
        yield Rule("rng", (p, cls), "prp-rng")
    for p in st.subjects(V.TYPE, V.FUNCTIONAL):
        yield Rule("fp", (p,), "prp-fp")
    for p in st.subjects(V.TYPE, V.INVERSE_FUNCTIONAL):
        yield Rule("ifp", (p,), "prp-ifp")


def _chains(c: Compiler) -> Iterator[Rule]:
    for p, head in c.st.pairs(V.CHAIN):
        links = c.st.items(head)
        if not links:
            continue
        if len(links) == 1:
            yield Rule("copy", (links[0], p), "prp-spo2")
            continue
        left = links[0]
        for n in range(1, len(links)):
            target = p if n == len(links) - 1 else c.aux((p, head, *links[: n + 1]))
            yield Rule("chain", (left, links[n], target), "prp-spo2")
            left = target


def _class_axioms(c: Compiler) -> Iterator[Rule]:
    st = c.st
    for sub, sup in st.pairs(V.SUB_CLASS_OF):
        if sub != sup:
            yield Rule("sup", (sub, sup), "cax-sco")
    for a, b in st.pairs(V.EQUIVALENT_CLASS):
        if a != b:
            yield Rule("sup", (a, b), "cax-eqc1")
            yield Rule("sup", (b, a), "cax-eqc2")
    for cls, head in st.pairs(V.INTERSECTION_OF):
        members = tuple(st.items(head))
        if members:
            yield Rule("int", (cls, *members), "cls-int1")
        for member in members:
            yield Rule("sup", (cls, member), "cls-int2")
    for cls, head in st.pairs(V.UNION_OF):
        for member in st.items(head):
            yield Rule("sup", (member, cls), "cls-uni")
    for cls, head in st.pairs(V.ONE_OF):
        for member in st.items(head):
            yield Rule("fact", (member, V.TYPE, cls), "cls-oo")


def _restrictions(c: Compiler) -> Iterator[Rule]:
    st = c.st
    for x, y in st.pairs(V.SOME_VALUES_FROM):
        for p in st.objects(x, V.ON_PROPERTY):
            if y == V.THING:
                yield Rule("dom", (p, x), "cls-svf2")
            else:
                yield Rule("svf", (p, y, x), "cls-svf1")
    for x, y in st.pairs(V.ALL_VALUES_FROM):
        for p in st.objects(x, V.ON_PROPERTY):
            yield Rule("avf", (x, p, y), "cls-avf")
    for x, i in st.pairs(V.HAS_VALUE):
        for p in st.objects(x, V.ON_PROPERTY):
            yield Rule("hv1", (x, p, i), "cls-hv1")
            yield Rule("hv2", (p, i, x), "cls-hv2")


def _cardinalities(c: Compiler) -> Iterator[Rule]:
    st = c.st
    for x, n in st.pairs(V.MAX_CARDINALITY):
        if c.value_of(n) == 1:
            for p in st.objects(x, V.ON_PROPERTY):
                yield Rule("maxc", (x, p, ANY_CLASS), "cls-maxc2")
    for x, n in st.pairs(V.MAX_QUALIFIED_CARDINALITY):
        if c.value_of(n) == 1:
            for p in st.objects(x, V.ON_PROPERTY):
                for cls in st.objects(x, V.ON_CLASS):
                    qualified = ANY_CLASS if cls == V.THING else cls
                    name = "cls-maxqc4" if cls == V.THING else "cls-maxqc3"
                    yield Rule("maxc", (x, p, qualified), name)
    for cls, head in st.pairs(V.HAS_KEY):
        props = tuple(st.items(head))
        if props:
            yield Rule("key", (cls, *props), "prp-key")


#: Every family of compiled rules.
BUILDERS: tuple[RuleBuilder, ...] = (
    _properties, _chains, _class_axioms, _restrictions, _cardinalities,
)  # fmt: skip
