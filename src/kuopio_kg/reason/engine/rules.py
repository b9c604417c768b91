"""Semi-naive application of the compiled instance rules to one round's new triples.

A round's delta is grouped by predicate (and ``rdf:type`` triples also by class); every
compiled rule is indexed under each premise a new triple can match, and the handler for
that premise joins the delta against the whole store. Handlers append conclusions (and,
when explanations are recorded, their reasons) to a :class:`Sink`; the engine decides
what is new. ``owl:sameAs`` conclusions go the same way and become merges there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kuopio_kg.reason.engine.compile import ANY_CLASS, Rule
from kuopio_kg.reason.engine.derivation import Why
from kuopio_kg.reason.engine.store import Triple, TripleStore
from kuopio_kg.reason.engine.vocab import V

T = V.TYPE
SAME = V.SAME_AS
Pairs = list[tuple[int, int]]
Members = list[int]


@dataclass
class Sink:
    """Where handlers put conclusions; ``why`` runs parallel to ``out`` when recording."""

    out: list[Triple] = field(default_factory=list)
    why: list[Why] | None = None

    def reason(self, name: str, *premises: Triple) -> None:
        """Record why the conclusion just appended holds (only when recording)."""
        if self.why is not None:
            self.why.append((name, premises))


#: A handler for a premise matched by ``(s, o)`` pairs of one predicate.
OnPairs = Callable[[TripleStore, Rule, Pairs, Sink], None]
#: A handler for a premise ``?x rdf:type C`` matched by members of one class.
OnMembers = Callable[[TripleStore, Rule, Members, Sink], None]


def _copy(st: TripleStore, r: Rule, items: Pairs, k: Sink) -> None:
    p, q = r.args
    k.out.extend([(s, q, o) for s, o in items])
    if k.why is not None:
        k.why.extend([(r.name, ((s, p, o),)) for s, o in items])


def _swap(st: TripleStore, r: Rule, items: Pairs, k: Sink) -> None:
    p, q = r.args
    k.out.extend([(o, q, s) for s, o in items])
    if k.why is not None:
        k.why.extend([(r.name, ((s, p, o),)) for s, o in items])


def _dom(st: TripleStore, r: Rule, items: Pairs, k: Sink) -> None:
    p, c = r.args
    k.out.extend([(s, T, c) for s, _ in items])
    if k.why is not None:
        k.why.extend([(r.name, ((s, p, o),)) for s, o in items])


def _rng(st: TripleStore, r: Rule, items: Pairs, k: Sink) -> None:
    p, c = r.args
    k.out.extend([(o, T, c) for _, o in items])
    if k.why is not None:
        k.why.extend([(r.name, ((s, p, o),)) for s, o in items])


def _sup(st: TripleStore, r: Rule, items: Members, k: Sink) -> None:
    c, d = r.args
    k.out.extend([(x, T, d) for x in items])
    if k.why is not None:
        k.why.extend([(r.name, ((x, T, c),)) for x in items])


def _hv1(st: TripleStore, r: Rule, items: Members, k: Sink) -> None:
    x, p, i = r.args
    for u in items:
        k.out.append((u, p, i))
        k.reason(r.name, (u, T, x))


def _hv2(st: TripleStore, r: Rule, items: Pairs, k: Sink) -> None:
    p, i, x = r.args
    for u, v in items:
        if v == i:
            k.out.append((u, T, x))
            k.reason(r.name, (u, p, i))


def _chain_left(st: TripleStore, r: Rule, items: Pairs, k: Sink) -> None:
    p1, p2, q = r.args
    after = st.sp.get(p2)
    if after is None:
        return
    for x, y in items:
        zs = after.get(y)
        if zs is None:
            continue
        k.out.extend([(x, q, z) for z in zs])
        if k.why is not None:
            k.why.extend([(r.name, ((x, p1, y), (y, p2, z))) for z in zs])


def _chain_right(st: TripleStore, r: Rule, items: Pairs, k: Sink) -> None:
    p1, p2, q = r.args
    before = st.po.get(p1)
    if before is None:
        return
    for y, z in items:
        xs = before.get(y)
        if xs is None:
            continue
        k.out.extend([(x, q, z) for x in xs])
        if k.why is not None:
            k.why.extend([(r.name, ((x, p1, y), (y, p2, z))) for x in xs])


def _svf_link(st: TripleStore, r: Rule, items: Pairs, k: Sink) -> None:
    p, y, x = r.args
    types = st.sp.get(T, {})
    for u, v in items:
        if y in types.get(v, ()):
            k.out.append((u, T, x))
            k.reason(r.name, (u, p, v), (v, T, y))


def _svf_filler(st: TripleStore, r: Rule, items: Members, k: Sink) -> None:
    p, y, x = r.args
    for v in items:
        for u in st.subjects(p, v):
            k.out.append((u, T, x))
            k.reason(r.name, (u, p, v), (v, T, y))


def _avf_member(st: TripleStore, r: Rule, items: Members, k: Sink) -> None:
    c, p, y = r.args
    for u in items:
        for v in st.objects(u, p):
            k.out.append((v, T, y))
            k.reason(r.name, (u, T, c), (u, p, v))


def _avf_link(st: TripleStore, r: Rule, items: Pairs, k: Sink) -> None:
    c, p, y = r.args
    types = st.sp.get(T, {})
    for u, v in items:
        if c in types.get(u, ()):
            k.out.append((v, T, y))
            k.reason(r.name, (u, T, c), (u, p, v))


def _int(st: TripleStore, r: Rule, items: Members, k: Sink) -> None:
    c, *members = r.args
    types = st.sp.get(T, {})
    for y in items:
        have = types.get(y, set())
        if all(m in have for m in members):
            k.out.append((y, T, c))
            k.reason(r.name, *((y, T, m) for m in members))


def _fp(st: TripleStore, r: Rule, items: Pairs, k: Sink) -> None:
    (p,) = r.args
    for x, y1 in items:
        for y2 in st.objects(x, p):
            if y2 != y1:
                k.out.append((y1, SAME, y2))
                k.reason(r.name, (x, p, y1), (x, p, y2))


def _ifp(st: TripleStore, r: Rule, items: Pairs, k: Sink) -> None:
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


def _maxc_member(st: TripleStore, r: Rule, items: Members, k: Sink) -> None:
    _maxc(st, r, set(items), k)


def _maxc_link(st: TripleStore, r: Rule, items: Pairs, k: Sink) -> None:
    _maxc(st, r, {u for u, _ in items}, k)


def _maxc_filler(st: TripleStore, r: Rule, items: Members, k: Sink) -> None:
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


def _key_member(st: TripleStore, r: Rule, items: Members, k: Sink) -> None:
    _key(st, r, set(items), k)


def _key_link(st: TripleStore, r: Rule, items: Pairs, k: Sink) -> None:
    _key(st, r, {u for u, _ in items}, k)


#: Per rule kind: the handlers for premises matched by a predicate's pairs, each with the
#: index in ``Rule.args`` of that predicate ...
ON_PAIRS: dict[str, tuple[tuple[OnPairs, int], ...]] = {
    "copy": ((_copy, 0),),
    "swap": ((_swap, 0),),
    "dom": ((_dom, 0),),
    "rng": ((_rng, 0),),
    "hv2": ((_hv2, 0),),
    "chain": ((_chain_left, 0), (_chain_right, 1)),
    "svf": ((_svf_link, 0),),
    "avf": ((_avf_link, 1),),
    "fp": ((_fp, 0),),
    "ifp": ((_ifp, 0),),
    "maxc": ((_maxc_link, 1),),
}
#: ... and those for premises matched by a class's members, with the index of the class.
ON_MEMBERS: dict[str, tuple[tuple[OnMembers, int], ...]] = {
    "sup": ((_sup, 0),),
    "hv1": ((_hv1, 0),),
    "svf": ((_svf_filler, 1),),
    "avf": ((_avf_member, 0),),
    "maxc": ((_maxc_member, 0), (_maxc_filler, 2)),
}


@dataclass
class RuleIndex:
    """The compiled rules, by the predicate or class whose new triples trigger them."""

    by_pred: dict[int, list[tuple[OnPairs, Rule]]] = field(default_factory=dict)
    by_class: dict[int, list[tuple[OnMembers, Rule]]] = field(default_factory=dict)
    facts: list[Rule] = field(default_factory=list)

    @classmethod
    def build(cls, rules: frozenset[Rule]) -> RuleIndex:
        """Index ``rules`` by their triggers."""
        index = cls()
        for rule in sorted(rules):
            index._add(rule)
        return index

    def _add(self, rule: Rule) -> None:
        if rule.kind == "fact":
            self.facts.append(rule)
        elif rule.kind == "int":
            for member in rule.args[1:]:
                self.by_class.setdefault(member, []).append((_int, rule))
        elif rule.kind == "key":
            self.by_class.setdefault(rule.args[0], []).append((_key_member, rule))
            for prop in rule.args[1:]:
                self.by_pred.setdefault(prop, []).append((_key_link, rule))
        for on_pairs, slot in ON_PAIRS.get(rule.kind, ()):
            self.by_pred.setdefault(rule.args[slot], []).append((on_pairs, rule))
        for on_members, slot in ON_MEMBERS.get(rule.kind, ()):
            if rule.args[slot] != ANY_CLASS:
                self.by_class.setdefault(rule.args[slot], []).append((on_members, rule))


def apply(index: RuleIndex, st: TripleStore, delta: list[Triple], sink: Sink) -> None:
    """Fire every rule of ``index`` that ``delta`` (already in ``st``) can trigger."""
    by_pred: dict[int, Pairs] = {}
    for s, p, o in delta:
        found = by_pred.get(p)
        if found is None:
            by_pred[p] = [(s, o)]
        else:
            found.append((s, o))
    for p, pairs in by_pred.items():
        for on_pairs, rule in index.by_pred.get(p, ()):
            on_pairs(st, rule, pairs, sink)
    by_class: dict[int, Members] = {}
    for s, o in by_pred.get(T, ()):
        members = by_class.get(o)
        if members is None:
            by_class[o] = [s]
        else:
            members.append(s)
    for c, members in by_class.items():
        for on_members, rule in index.by_class.get(c, ()):
            on_members(st, rule, members, sink)


def fire_facts(index: RuleIndex, sink: Sink) -> None:
    """Emit the conclusions of premise-free rules (cls-oo)."""
    for rule in index.facts:
        s, p, o = rule.args
        sink.out.append((s, p, o))
        sink.reason(rule.name)


def everything(st: TripleStore) -> list[Triple]:
    """The whole store as one delta, for rules that are new to it."""
    return [(s, p, o) for p, by_s in st.sp.items() for s, objs in by_s.items() for o in objs]
