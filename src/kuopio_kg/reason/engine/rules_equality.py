"""The rules whose conclusions are owl:sameAs: prp-fp, prp-ifp, cls-maxc2, cls-maxqc3/4
and prp-key. Their handlers have the signatures of :mod:`kuopio_kg.reason.engine.sink`
and are indexed with the others in :mod:`kuopio_kg.reason.engine.rules`.
"""

from __future__ import annotations

from kuopio_kg.reason.engine.compile import ANY_CLASS, Rule
from kuopio_kg.reason.engine.sink import SAME, Members, Pairs, Sink, T
from kuopio_kg.reason.engine.store import TripleStore


def fp(st: TripleStore, r: Rule, items: Pairs, k: Sink) -> None:
    (p,) = r.args
    for x, y1 in items:
        for y2 in st.objects(x, p):
            if y2 != y1:
                k.out.append((y1, SAME, y2))
                k.reason(r.name, (x, p, y1), (x, p, y2))


def ifp(st: TripleStore, r: Rule, items: Pairs, k: Sink) -> None:
    (p,) = r.args
    for x1, y in items:
        for x2 in st.subjects(p, y):
            if x2 != x1:
                k.out.append((x1, SAME, x2))
                k.reason(r.name, (x1, p, y), (x2, p, y))


def _maxc(st: TripleStore, r: Rule, owners: set[int], k: Sink) -> None:
    """cls-maxc2 / cls-maxqc3-4 for the restriction members ``owners`` a delta touched."""
    x, p, cc = r.args
    types = st.sp.get(T, {})
    for u in owners:
        if x not in types.get(u, ()):
            continue
        ys = sorted(y for y in st.objects(u, p) if cc == ANY_CLASS or cc in types.get(y, ()))
        for y in ys[1:]:
            k.out.append((ys[0], SAME, y))
            extra = () if cc == ANY_CLASS else ((ys[0], T, cc), (y, T, cc))
            k.reason(r.name, (u, T, x), (u, p, ys[0]), (u, p, y), *extra)


def maxc_member(st: TripleStore, r: Rule, items: Members, k: Sink) -> None:
    _maxc(st, r, set(items), k)


def maxc_link(st: TripleStore, r: Rule, items: Pairs, k: Sink) -> None:
    _maxc(st, r, {u for u, _ in items}, k)


def maxc_filler(st: TripleStore, r: Rule, items: Members, k: Sink) -> None:
    p = r.args[1]
    _maxc(st, r, {u for y in items for u in st.subjects(p, y)}, k)


def _key(st: TripleStore, r: Rule, owners: set[int], k: Sink) -> None:
    """prp-key, as the specification states it: every key property must share a value."""
    c, *props = r.args
    types = st.sp.get(T, {})
    first = props[0]
    for x in owners:
        if c not in types.get(x, ()):
            continue
        for z in st.objects(x, first):
            for y in st.subjects(first, z):
                if y == x or c not in types.get(y, ()):
                    continue
                shared = [st.objects(x, q) & st.objects(y, q) for q in props]
                if all(shared):
                    k.out.append((x, SAME, y))
                    facts = [(w, q, min(v)) for q, v in zip(props, shared, strict=True)
                             for w in (x, y)]  # fmt: skip
                    k.reason(r.name, (x, T, c), (y, T, c), *facts)


def key_member(st: TripleStore, r: Rule, items: Members, k: Sink) -> None:
    _key(st, r, set(items), k)


def key_link(st: TripleStore, r: Rule, items: Pairs, k: Sink) -> None:
    _key(st, r, {u for u, _ in items}, k)
