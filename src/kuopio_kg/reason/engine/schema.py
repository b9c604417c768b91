"""The scm-* rules of OWL 2 RL (Table 9): closing the schema before compiling it.

The class and property hierarchies, domains, ranges and restriction subsumptions are small,
so they are closed here by plain iteration to a fixpoint; the instance rules are then
compiled from the closed schema (see :mod:`kuopio_kg.reason.engine.compile`). As in owlrl,
the trivial self-subsumption cases are skipped where another rule already gives them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from kuopio_kg.reason.engine.derivation import Derived
from kuopio_kg.reason.engine.store import TripleStore
from kuopio_kg.reason.engine.vocab import V

SchemaRule = Callable[[TripleStore], Iterator[Derived]]

_PROPERTY_KINDS = (V.OBJECT_PROPERTY, V.DATATYPE_PROPERTY, V.PROPERTY)


def _scm_cls(st: TripleStore) -> Iterator[Derived]:
    for c in list(st.subjects(V.TYPE, V.CLASS)):
        why = ((c, V.TYPE, V.CLASS),)
        for triple in ((c, V.SUB_CLASS_OF, c), (c, V.EQUIVALENT_CLASS, c),
                       (c, V.SUB_CLASS_OF, V.THING), (V.NOTHING, V.SUB_CLASS_OF, c)):  # fmt: skip
            yield triple, "scm-cls", why


def _scm_op_dp(st: TripleStore) -> Iterator[Derived]:
    for kind in _PROPERTY_KINDS:
        for p in list(st.subjects(V.TYPE, kind)):
            why = ((p, V.TYPE, kind),)
            yield (p, V.SUB_PROPERTY_OF, p), "scm-op", why
            yield (p, V.EQUIVALENT_PROPERTY, p), "scm-op", why


def _transitive(st: TripleStore, pred: int, name: str) -> Iterator[Derived]:
    for a, b in list(st.pairs(pred)):
        if a == b:
            continue
        for c in list(st.objects(b, pred)):
            if c != a:
                yield (a, pred, c), name, ((a, pred, b), (b, pred, c))


def _mutual(st: TripleStore, sub: int, eq: int, name: str) -> Iterator[Derived]:
    for a, b in list(st.pairs(sub)):
        if a != b and a in st.objects(b, sub):
            yield (a, eq, b), name, ((a, sub, b), (b, sub, a))


def _both_ways(st: TripleStore, eq: int, sub: int, name: str) -> Iterator[Derived]:
    for a, b in list(st.pairs(eq)):
        if a != b:
            yield (a, sub, b), name, ((a, eq, b),)
            yield (b, sub, a), name, ((a, eq, b),)


def _scm_sco(st: TripleStore) -> Iterator[Derived]:
    yield from _transitive(st, V.SUB_CLASS_OF, "scm-sco")
    yield from _mutual(st, V.SUB_CLASS_OF, V.EQUIVALENT_CLASS, "scm-eqc2")
    yield from _both_ways(st, V.EQUIVALENT_CLASS, V.SUB_CLASS_OF, "scm-eqc1")


def _scm_spo(st: TripleStore) -> Iterator[Derived]:
    yield from _transitive(st, V.SUB_PROPERTY_OF, "scm-spo")
    yield from _mutual(st, V.SUB_PROPERTY_OF, V.EQUIVALENT_PROPERTY, "scm-eqp2")
    yield from _both_ways(st, V.EQUIVALENT_PROPERTY, V.SUB_PROPERTY_OF, "scm-eqp1")


def _scm_dom_rng(st: TripleStore) -> Iterator[Derived]:
    for pred, kind in ((V.DOMAIN, "dom"), (V.RANGE, "rng")):
        for p, c1 in list(st.pairs(pred)):
            for c2 in list(st.objects(c1, V.SUB_CLASS_OF)):
                if c1 != c2:
                    why = ((p, pred, c1), (c1, V.SUB_CLASS_OF, c2))
                    yield (p, pred, c2), f"scm-{kind}1", why
            for p1 in list(st.subjects(V.SUB_PROPERTY_OF, p)):
                if p1 != p:
                    why = ((p, pred, c1), (p1, V.SUB_PROPERTY_OF, p))
                    yield (p1, pred, c1), f"scm-{kind}2", why


def _scm_hv(st: TripleStore) -> Iterator[Derived]:
    for c1, i in list(st.pairs(V.HAS_VALUE)):
        for p1 in list(st.objects(c1, V.ON_PROPERTY)):
            for c2 in list(st.subjects(V.HAS_VALUE, i)):
                for p2 in list(st.objects(c2, V.ON_PROPERTY)):
                    if p2 in st.objects(p1, V.SUB_PROPERTY_OF):
                        why = ((c1, V.HAS_VALUE, i), (c1, V.ON_PROPERTY, p1),
                               (c2, V.HAS_VALUE, i), (c2, V.ON_PROPERTY, p2),
                               (p1, V.SUB_PROPERTY_OF, p2))  # fmt: skip
                        yield (c1, V.SUB_CLASS_OF, c2), "scm-hv", why


def _filler_rules(st: TripleStore, filler: int, name: str, up: bool) -> Iterator[Derived]:
    """scm-svf1/2 (``up``: the subclass follows the filler) and scm-avf1/2 (it does not)."""
    for c1, y1 in list(st.pairs(filler)):
        for p in list(st.objects(c1, V.ON_PROPERTY)):
            for c2 in list(st.subjects(V.ON_PROPERTY, p)):
                for y2 in list(st.objects(c2, filler)):
                    if y2 in st.objects(y1, V.SUB_CLASS_OF):
                        why = ((c1, filler, y1), (c1, V.ON_PROPERTY, p), (c2, filler, y2),
                               (c2, V.ON_PROPERTY, p), (y1, V.SUB_CLASS_OF, y2))  # fmt: skip
                        yield (c1, V.SUB_CLASS_OF, c2), f"{name}1", why
            for c2 in list(st.subjects(filler, y1)):
                for p2 in list(st.objects(c2, V.ON_PROPERTY)):
                    if p2 in st.objects(p, V.SUB_PROPERTY_OF):
                        why = ((c1, filler, y1), (c1, V.ON_PROPERTY, p), (c2, filler, y1),
                               (c2, V.ON_PROPERTY, p2), (p, V.SUB_PROPERTY_OF, p2))  # fmt: skip
                        sub, sup = (c1, c2) if up else (c2, c1)
                        yield (sub, V.SUB_CLASS_OF, sup), f"{name}2", why


def _scm_svf_avf(st: TripleStore) -> Iterator[Derived]:
    yield from _filler_rules(st, V.SOME_VALUES_FROM, "scm-svf", up=True)
    yield from _filler_rules(st, V.ALL_VALUES_FROM, "scm-avf", up=False)


def _scm_int_uni(st: TripleStore) -> Iterator[Derived]:
    for c, head in list(st.pairs(V.INTERSECTION_OF)):
        for ci in st.items(head):
            yield (c, V.SUB_CLASS_OF, ci), "scm-int", ((c, V.INTERSECTION_OF, head),)
    for c, head in list(st.pairs(V.UNION_OF)):
        for ci in st.items(head):
            yield (ci, V.SUB_CLASS_OF, c), "scm-uni", ((c, V.UNION_OF, head),)


#: The schema rules, in the order they are tried on each pass.
SCHEMA_RULES: tuple[SchemaRule, ...] = (
    _scm_cls, _scm_op_dp, _scm_sco, _scm_spo, _scm_dom_rng, _scm_hv, _scm_svf_avf,
    _scm_int_uni,
)  # fmt: skip


def close_schema(st: TripleStore) -> list[Derived]:
    """Apply the scm-* rules to ``st`` until nothing is new; add and return what was new."""
    derived: list[Derived] = []
    changed = True
    while changed:
        changed = False
        for rule in SCHEMA_RULES:
            for triple, name, why in list(rule(st)):
                if st.add(*triple):
                    derived.append((triple, name, why))
                    changed = True
    return derived
