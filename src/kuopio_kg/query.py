"""Querying the current release: the store that follows the release pointer, and stats."""

from __future__ import annotations

from dataclasses import dataclass, field

from kuopio_kg.namespaces import prefixes
from kuopio_kg.release import Release, Releases
from kuopio_kg.results import Result
from kuopio_kg.settings import Settings
from kuopio_kg.store import OxigraphStore

#: The classes ``stats`` counts instances of (after reasoning), by short name.
STATS_CLASSES: dict[str, str] = {
    "events": "https://schema.org/Event",
    "places": "https://schema.org/Place",
    "organisations": "https://schema.org/Organization",
    "educational organisations": "https://schema.org/EducationalOrganization",
}


@dataclass
class CurrentStore:
    """The store of the current release, reopened when the pointer moves to a new build.

    Checking costs one ``readlink`` per call, so a long-running server picks up a new
    release on the next request and never serves half of a build.
    """

    settings: Settings
    _open: tuple[Release, OxigraphStore] | None = field(default=None, init=False)

    def get(self) -> tuple[Release, OxigraphStore]:
        releases = Releases(self.settings.data_dir)
        if self._open is None or self._open[0].id != releases.current_id():
            release = releases.current()
            self._open = (release, OxigraphStore(release.store_path))
        return self._open

    def query(self, text: str) -> Result:
        """Run ``text`` over the union of the graphs; the usual prefixes need no PREFIX line."""
        return self.get()[1].query(text, prefixes=prefixes(self.settings.base_iri))


def stats(settings: Settings) -> dict[str, int]:
    """Triple counts per named graph and instance counts of the main classes."""
    release, store = CurrentStore(settings).get()
    counts = {f"graph {name}": size for name, size in release.metadata["graphs"].items()}
    for label, cls in STATS_CLASSES.items():
        (row,) = store.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{cls}> }}")
        counts[label] = int(row["n"].value)
    return counts
