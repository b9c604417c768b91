"""The engine's triple store: integer triples indexed by predicate, both ways.

``sp[p][s]`` is the set of objects of ``s`` under ``p`` and ``po[p][o]`` the set of
subjects; every rule join is one or two dictionary look-ups in these. Only canonical
triples (every term its owl:sameAs representative) are kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kuopio_kg.reason.engine.vocab import V

Triple = tuple[int, int, int]
Index = dict[int, dict[int, set[int]]]

_EMPTY: frozenset[int] = frozenset()


class TripleStore:
    """A set of integer triples with subject and object indexes per predicate."""

    def __init__(self) -> None:
        self.sp: Index = {}
        self.po: Index = {}

    def __contains__(self, triple: Triple) -> bool:
        s, p, o = triple
        by_s = self.sp.get(p)
        return by_s is not None and o in by_s.get(s, _EMPTY)

    def add(self, s: int, p: int, o: int) -> bool:
        """Store ``(s, p, o)``; whether it was new."""
        by_s = self.sp.get(p)
        if by_s is None:
            by_s = self.sp[p] = {}
            self.po[p] = {}
        objs = by_s.get(s)
        if objs is None:
            by_s[s] = {o}
        elif o in objs:
            return False
        else:
            objs.add(o)
        subs = self.po[p].get(o)
        if subs is None:
            self.po[p][o] = {s}
        else:
            subs.add(s)
        return True

    def discard(self, s: int, p: int, o: int) -> bool:
        """Remove ``(s, p, o)``; whether it was there."""
        by_s = self.sp.get(p)
        objs = by_s.get(s) if by_s is not None else None
        if by_s is None or objs is None or o not in objs:
            return False
        objs.discard(o)
        if not objs:
            del by_s[s]
        by_o = self.po[p]
        subs = by_o[o]
        subs.discard(s)
        if not subs:
            del by_o[o]
        return True

    def objects(self, s: int, p: int) -> set[int] | frozenset[int]:
        """The objects of ``s`` under ``p`` (do not modify)."""
        by_s = self.sp.get(p)
        return _EMPTY if by_s is None else by_s.get(s, _EMPTY)

    def subjects(self, p: int, o: int) -> set[int] | frozenset[int]:
        """The subjects having ``o`` under ``p`` (do not modify)."""
        by_o = self.po.get(p)
        return _EMPTY if by_o is None else by_o.get(o, _EMPTY)

    def items(self, head: int) -> list[int]:
        """The members of the rdf:List at ``head``, read as rdflib's ``Graph.items`` does."""
        found: list[int] = []
        seen = {head}
        node = head
        while True:
            firsts = self.objects(node, V.FIRST)
            if firsts:
                found.append(min(firsts))
            rests = self.objects(node, V.REST)
            if not rests:
                return found
            node = min(rests)
            if node in seen:
                return found
            seen.add(node)

    def pairs(self, p: int) -> Iterator[tuple[int, int]]:
        """Every ``(s, o)`` with ``(s, p, o)`` stored."""
        for s, objs in self.sp.get(p, {}).items():
            for o in objs:
                yield s, o

    def mentioning(self, terms: Iterable[int]) -> set[Triple]:
        """The stored triples with one of ``terms`` as subject, predicate or object."""
        wanted = set(terms)
        found: set[Triple] = set()
        for p, by_s in self.sp.items():
            if p in wanted:
                found.update((s, p, o) for s, objs in by_s.items() for o in objs)
                continue
            for s in wanted.intersection(by_s):
                found.update((s, p, o) for o in by_s[s])
            by_o = self.po[p]
            for o in wanted.intersection(by_o):
                found.update((s, p, o) for s in by_o[o])
        return found
