"""The OWL 2 RL rules whose head is ``false``: finding what makes the input inconsistent.

They add nothing to the closure, so they run once on the final store instead of in every
round. Each message names the rule and the resources that clash. Where owlrl skips the
last member of an owl:AllDifferent or owl:AllDisjointProperties list, these checks follow
the specification and compare every pair.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import combinations

from rdflib import Literal
from rdflib.term import Node

from kuopio_kg.reason.engine.datatypes import same_value
from kuopio_kg.reason.engine.store import TripleStore
from kuopio_kg.reason.engine.vocab import V

Name = Callable[[int], str]
Check = Callable[[TripleStore, Name], Iterator[str]]


def _nothing(st: TripleStore, n: Name) -> Iterator[str]:
    for x in st.subjects(V.TYPE, V.NOTHING):
        yield f"cls-nothing2: {n(x)} is a member of owl:Nothing"


def _common_members(st: TripleStore, c1: int, c2: int) -> set[int]:
    return set(st.subjects(V.TYPE, c1)) & set(st.subjects(V.TYPE, c2))


def _disjoint_classes(st: TripleStore, n: Name) -> Iterator[str]:
    for c1, c2 in st.pairs(V.DISJOINT_WITH):
        for x in _common_members(st, c1, c2):
            yield f"cax-dw: {n(x)} is in the disjoint classes {n(c1)} and {n(c2)}"
    for c1, c2 in st.pairs(V.COMPLEMENT_OF):
        for x in _common_members(st, c1, c2):
            yield f"cls-com: {n(x)} is in {n(c1)} and in its complement {n(c2)}"
    for node in st.subjects(V.TYPE, V.ALL_DISJOINT_CLASSES):
        for head in st.objects(node, V.MEMBERS):
            for c1, c2 in combinations(st.items(head), 2):
                for x in _common_members(st, c1, c2):
                    yield f"cax-adc: {n(x)} is in the disjoint classes {n(c1)} and {n(c2)}"


def _property_pairs(st: TripleStore, n: Name) -> Iterator[str]:
    for p in st.subjects(V.TYPE, V.IRREFLEXIVE):
        for x, y in st.pairs(p):
            if x == y:
                yield f"prp-irp: {n(x)} is related to itself by the irreflexive {n(p)}"
    for p in st.subjects(V.TYPE, V.ASYMMETRIC):
        for x, y in st.pairs(p):
            if x in st.objects(y, p):
                yield f"prp-asyp: {n(x)} and {n(y)} are related both ways by the asymmetric {n(p)}"


def _disjoint_properties(st: TripleStore, n: Name) -> Iterator[str]:
    pairs = list(st.pairs(V.PROPERTY_DISJOINT_WITH))
    for node in st.subjects(V.TYPE, V.ALL_DISJOINT_PROPERTIES):
        for head in st.objects(node, V.MEMBERS):
            pairs.extend(combinations(st.items(head), 2))
    for p1, p2 in pairs:
        for x, y in st.pairs(p1):
            if y in st.objects(x, p2):
                yield f"prp-pdw: {n(x)} is related to {n(y)} by the disjoint {n(p1)} and {n(p2)}"


def _cardinality_zero(st: TripleStore, n: Name, value: Callable[[int], object]) -> Iterator[str]:
    for pred in (V.MAX_CARDINALITY, V.MAX_QUALIFIED_CARDINALITY):
        for x, count in st.pairs(pred):
            if value(count) != 0:
                continue
            qualified = pred == V.MAX_QUALIFIED_CARDINALITY
            classes = st.objects(x, V.ON_CLASS) if qualified else {V.THING}
            for p in st.objects(x, V.ON_PROPERTY):
                for u in st.subjects(V.TYPE, x):
                    for y in st.objects(u, p):
                        if any(c == V.THING or c in st.objects(y, V.TYPE) for c in classes):
                            yield (
                                f"cls-maxc1: {n(u)} has a {n(p)} value {n(y)} "
                                f"but is in {n(x)} (at most 0)"
                            )


def _different(st: TripleStore, n: Name) -> Iterator[str]:
    for x, y in st.pairs(V.DIFFERENT_FROM):
        if x == y:
            yield f"eq-diff1: {n(x)} is both owl:sameAs and owl:differentFrom another resource"
    for node in st.subjects(V.TYPE, V.ALL_DIFFERENT):
        for pred in (V.MEMBERS, V.DISTINCT_MEMBERS):
            for head in st.objects(node, pred):
                for zi, zj in combinations(st.items(head), 2):
                    if zi == zj:
                        yield f"eq-diff2: {n(zi)} is owl:sameAs another owl:AllDifferent member"


def _negative_assertions(st: TripleStore, n: Name) -> Iterator[str]:
    for x, i1 in st.pairs(V.SOURCE_INDIVIDUAL):
        for p in st.objects(x, V.ASSERTION_PROPERTY):
            for target in (V.TARGET_INDIVIDUAL, V.TARGET_VALUE):
                for i2 in st.objects(x, target):
                    if i2 in st.objects(i1, p):
                        yield f"prp-npa: {n(i1)} {n(p)} {n(i2)} holds but is asserted not to"


def literal_clashes(groups: Iterable[set[int]], term: Callable[[int], Node]) -> Iterator[str]:
    """dt-diff: an owl:sameAs class holding two literals with different values.

    owlrl does not apply dt-diff; the specification does, so this check follows it.
    """
    for group in groups:
        literals = sorted((t for t in map(term, group) if isinstance(t, Literal)), key=str)
        for a, b in combinations(literals, 2):
            if not same_value(a, b):
                yield f"dt-diff: the different values {a.n3()} and {b.n3()} are owl:sameAs"


def inconsistencies(st: TripleStore, name: Name, value: Callable[[int], object]) -> list[str]:
    """Every clash the closed store ``st`` contains, as sorted, de-duplicated messages."""
    checks: tuple[Check, ...] = (
        _nothing, _disjoint_classes, _property_pairs, _disjoint_properties, _different,
        _negative_assertions,
    )  # fmt: skip
    found = {message for check in checks for message in check(st, name)}
    found.update(_cardinality_zero(st, name, value))
    return sorted(found)
