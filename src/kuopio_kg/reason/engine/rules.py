"""Semi-naive application of the compiled instance rules to one round's new triples.

A round's delta is grouped by predicate (and ``rdf:type`` triples also by class); every
compiled rule is indexed under each premise a new triple can match, and the handler for
that premise joins the delta against the whole store. Handlers append conclusions (and,
when explanations are recorded, their reasons) to a :class:`Sink`; the engine decides
what is new. ``owl:sameAs`` conclusions go the same way and become merges there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kuopio_kg.reason.engine.compile import ANY_CLASS, Rule
from kuopio_kg.reason.engine.rules_equality import (
    fp,
    ifp,
    key_link,
    key_member,
    maxc_filler,
    maxc_link,
    maxc_member,
)
from kuopio_kg.reason.engine.sink import Members, OnMembers, OnPairs, Pairs, Sink, T
from kuopio_kg.reason.engine.store import Triple, TripleStore


def _premise_pairs(r: Rule, p: int, items: Pairs, k: Sink) -> None:
    """Record, when explanations are on, that each conclusion rests on its ``s p o``."""
    if k.why is not None:
        k.why.extend([(r.name, ((s, p, o),)) for s, o in items])


def _copy(st: TripleStore, r: Rule, items: Pairs, k: Sink) -> None:
    p, q = r.args
    k.out.extend([(s, q, o) for s, o in items])
    _premise_pairs(r, p, items, k)


def _swap(st: TripleStore, r: Rule, items: Pairs, k: Sink) -> None:
    p, q = r.args
    k.out.extend([(o, q, s) for s, o in items])
    _premise_pairs(r, p, items, k)


def _dom(st: TripleStore, r: Rule, items: Pairs, k: Sink) -> None:
    p, c = r.args
    k.out.extend([(s, T, c) for s, _ in items])
    _premise_pairs(r, p, items, k)


def _rng(st: TripleStore, r: Rule, items: Pairs, k: Sink) -> None:
    p, c = r.args
    k.out.extend([(o, T, c) for _, o in items])
    _premise_pairs(r, p, items, k)


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
    "fp": ((fp, 0),),
    "ifp": ((ifp, 0),),
    "maxc": ((maxc_link, 1),),
}
#: ... and those for premises matched by a class's members, with the index of the class.
ON_MEMBERS: dict[str, tuple[tuple[OnMembers, int], ...]] = {
    "sup": ((_sup, 0),),
    "hv1": ((_hv1, 0),),
    "svf": ((_svf_filler, 1),),
    "avf": ((_avf_member, 0),),
    "maxc": ((maxc_member, 0), (maxc_filler, 2)),
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
            self.by_class.setdefault(rule.args[0], []).append((key_member, rule))
            for prop in rule.args[1:]:
                self.by_pred.setdefault(prop, []).append((key_link, rule))
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
