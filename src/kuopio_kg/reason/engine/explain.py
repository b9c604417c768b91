"""Why does the closure hold a triple? The rule and premises, down to asserted triples.

An :class:`Explainer` closes a graph once while recording, for every derived triple, the
first rule firing that produced it; :meth:`Explainer.explain` then unfolds that record into
an :class:`Explanation` tree whose leaves are asserted triples (or premise-free axioms such
as ``owl:Thing a owl:Class``). :func:`format_explanation` renders a tree as indented text
for the ``why`` command; the web pages can walk the tree themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph
from rdflib.namespace import OWL
from rdflib.term import Node

from kuopio_kg.reason.engine.api import encode, paused_gc
from kuopio_kg.reason.engine.engine import ASSERTED, Reasoner
from kuopio_kg.reason.engine.store import Triple

TermTriple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class Explanation:
    """A triple, the OWL 2 RL rule that gives it (``asserted`` for input), its premises."""

    triple: TermTriple
    rule: str
    premises: tuple[Explanation, ...] = ()


class Explainer:
    """Explanations for the closure of one graph (closed once, when created)."""

    def __init__(self, graph: Graph) -> None:
        with paused_gc():
            self.reasoner = Reasoner(record=True)
            self.reasoner.add(encode(self.reasoner.table, graph))

    def explain(self, triple: TermTriple) -> Explanation | None:
        """How the closure derives ``triple``; None when the closure does not hold it."""
        r = self.reasoner
        try:
            s, p, o = (r.table.ids[term] for term in triple)
        except KeyError:
            return None
        find = r.eq.find
        if p == r.table.ids.get(OWL.sameAs) and find(s) == find(o):
            return self._same(s, o)
        canonical = (find(s), find(p), find(o))
        if canonical not in r.store:
            return None
        tree = self._unfold(canonical, frozenset())
        if canonical == (s, p, o):
            return tree
        links = tuple(self._same(a, b) for a, b in zip((s, p, o), canonical, strict=True) if a != b)
        return Explanation(triple, "eq-rep", (tree, *links))

    def _decode(self, t: Triple) -> TermTriple:
        terms = self.reasoner.table.terms
        return terms[t[0]], terms[t[1]], terms[t[2]]

    def _unfold(self, t: Triple, seen: frozenset[Triple]) -> Explanation:
        r = self.reasoner
        if t in r.asserted:
            return Explanation(self._decode(t), ASSERTED)
        why = (r.why or {}).get(t)
        if why is None or t in seen:
            return Explanation(self._decode(t), ASSERTED if why is None else why[0])
        rule, premises = why
        inner = seen | {t}
        return Explanation(self._decode(t), rule, tuple(self._unfold(q, inner) for q in premises))

    def _same(self, a: int, b: int) -> Explanation:
        """``a owl:sameAs b``: the merge that joined them, when one was recorded directly."""
        r = self.reasoner
        same = r.table.ids[OWL.sameAs]
        triple = self._decode((a, same, b))
        if a == b:
            return Explanation(triple, "eq-ref")
        for key, rule in ((a, b), "merge"), ((b, a), "eq-sym"):
            reason = r.same_why.get(key)
            if reason is not None:
                name, premises = reason
                inner = tuple(self._unfold(q, frozenset()) for q in premises)
                node = Explanation(self._decode((key[0], same, key[1])), name, inner)
                return node if rule == "merge" else Explanation(triple, rule, (node,))
        if (a, same, b) in r.asserted:
            return Explanation(triple, ASSERTED)
        return Explanation(triple, "eq-trans")


def explain(graph: Graph, triple: TermTriple) -> Explanation | None:
    """How the OWL 2 RL closure of ``graph`` derives ``triple`` (None if it does not)."""
    return Explainer(graph).explain(triple)


def format_explanation(tree: Explanation, indent: str = "  ") -> str:
    """The tree as text: one triple per line (N-Triples terms), its rule in brackets,
    premises indented below it."""
    lines: list[str] = []

    def walk(node: Explanation, depth: int) -> None:
        s, p, o = (term.n3() for term in node.triple)
        lines.append(f"{indent * depth}{s} {p} {o} .  [{node.rule}]")
        for premise in node.premises:
            walk(premise, depth + 1)

    walk(tree, 0)
    return "\n".join(lines)
