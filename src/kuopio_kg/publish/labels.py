"""Human labels of IRIs, for pages: the best ``rdfs:label`` or ``skos:prefLabel``.

English is preferred, then Finnish, then an untagged label, then any; an IRI without a label
falls back to its last path segment or fragment, so a page never shows a bare IRI where a
word would do.
"""

from __future__ import annotations

from collections.abc import Iterable

from kuopio_kg.store import OxigraphStore

#: Label languages in order of preference; "" is an untagged literal.
LANGUAGES = ("en", "fi", "")
_CHUNK = 200


def fallback(iri: str) -> str:
    """A readable stand-in for an IRI without a label: its local name."""
    tail = iri.rstrip("/#")
    for sep in ("#", "/"):
        if sep in tail:
            tail = tail.rsplit(sep, 1)[1]
    return tail or iri


def labels(store: OxigraphStore, iris: Iterable[str]) -> dict[str, str]:
    """The best label of every IRI in ``iris`` (each IRI gets one, a fallback if need be)."""
    wanted = sorted(set(iris))
    ranked: dict[str, tuple[int, str]] = {}
    for start in range(0, len(wanted), _CHUNK):
        values = " ".join(f"<{iri}>" for iri in wanted[start : start + _CHUNK])
        rows = store.select(
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            f"SELECT ?x ?label WHERE {{ VALUES ?x {{ {values} }} "
            "?x rdfs:label|skos:prefLabel ?label FILTER(isLiteral(?label)) }"
        )
        for row in rows:
            iri, literal = row["x"].value, row["label"]
            language = getattr(literal, "language", None) or ""
            rank = LANGUAGES.index(language) if language in LANGUAGES else len(LANGUAGES)
            if iri not in ranked or (rank, literal.value) < ranked[iri]:
                ranked[iri] = (rank, literal.value)
    return {iri: ranked[iri][1] if iri in ranked else fallback(iri) for iri in wanted}
