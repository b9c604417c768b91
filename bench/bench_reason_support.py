"""Shared helpers of the reasoning benchmarks: stable graph loading and owlrl caching.

Blank nodes keep the labels of the N-Triples file they were read from, so a closure
computed by owlrl in one run (cached on disk, it takes minutes) can be compared as a plain
set with a closure computed now.
"""

from __future__ import annotations

import time
from pathlib import Path

from rdflib import BNode, Graph
from rdflib.term import Node

from kuopio_kg.reason.trivial import is_trivial

TermTriple = tuple[Node, Node, Node]


def load_stable(path: Path) -> Graph:
    """Parse the N-Triples file ``path`` keeping its blank-node labels (literal subjects,
    which owlrl writes but no parser reads, are skipped)."""
    text = "".join(line for line in path.open(encoding="utf-8") if not line.startswith('"'))
    labels: dict[str, BNode] = {}
    parsed = Graph()
    parsed.parse(data=text, format="nt", bnode_context=labels)
    back: dict[Node, Node] = {node: BNode(label) for label, node in labels.items()}
    graph = Graph()
    for s, p, o in parsed:
        graph.add((back.get(s, s), p, back.get(o, o)))
    return graph


def knowledge(graph: Graph) -> set[TermTriple]:
    """The triples of ``graph`` that are not noise by :func:`is_trivial`."""
    return {t for t in graph if not is_trivial(t)}


def owlrl_closure_cached(source: Path, cache_dir: Path) -> tuple[Graph, float | None]:
    """owlrl's closure of ``source`` and the seconds it took (None when read from cache)."""
    import owlrl

    cache = cache_dir / f"owlrl-{source.stem}.nt"
    if cache.exists() and cache.stat().st_mtime > source.stat().st_mtime:
        return load_stable(cache), None
    graph = load_stable(source)
    started = time.perf_counter()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    took = time.perf_counter() - started
    cache_dir.mkdir(parents=True, exist_ok=True)
    graph.serialize(cache, format="nt", encoding="utf-8")
    return graph, took
