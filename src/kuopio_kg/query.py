"""Querying the current release from the command line: a query, and the graph's stats."""

from __future__ import annotations

from kuopio_kg.current import Follower
from kuopio_kg.namespaces import prefixes
from kuopio_kg.results import Result
from kuopio_kg.settings import Settings

#: The classes ``stats`` counts instances of (after reasoning), by short name.
STATS_CLASSES: dict[str, str] = {
    "events": "https://schema.org/Event",
    "places": "https://schema.org/Place",
    "organisations": "https://schema.org/Organization",
    "educational organisations": "https://schema.org/EducationalOrganization",
}


def query(settings: Settings, text: str) -> Result:
    """Run ``text`` over the union of the graphs; the usual prefixes need no PREFIX line."""
    store = Follower(settings.data_dir).get().store
    return store.query(text, prefixes=prefixes(settings.base_iri))


def stats(settings: Settings) -> dict[str, int]:
    """Triple counts per named graph and instance counts of the main classes."""
    current = Follower(settings.data_dir).get()
    counts = {f"graph {name}": size for name, size in current.release.metadata["graphs"].items()}
    for label, cls in STATS_CLASSES.items():
        (row,) = current.store.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{cls}> }}")
        counts[label] = int(row["n"].value)
    return counts
