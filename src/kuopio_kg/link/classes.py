"""Which Wikidata classes each of our classes corresponds to, as one small table.

A candidate item whose ``wdt:P31/wdt:P279*`` reaches one of the QIDs of our entity's class
scores on the type feature. Classes absent from the table are still linked, on the other
features alone.
"""

from __future__ import annotations

#: Our class (local name in the ontology) → the Wikidata classes (QIDs) it falls under.
CLASS_QIDS: dict[str, tuple[str, ...]] = {
    "City": ("Q515", "Q486972"),
    "Lake": ("Q23397",),
    "Festival": ("Q132241",),
    "University": ("Q3918",),
    "UniversityOfAppliedSciences": ("Q3918", "Q1371037"),
    "Country": ("Q6256",),
    "Region": ("Q56061",),
}


def wikidata_classes(kind: str) -> tuple[str, ...]:
    """The QIDs of our class ``kind`` (empty if the table does not list it)."""
    return CLASS_QIDS.get(kind, ())


def every_class() -> list[str]:
    """Every Wikidata class of the table, once each, sorted (for a query's VALUES)."""
    return sorted({qid for qids in CLASS_QIDS.values() for qid in qids})
