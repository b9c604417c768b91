"""The IRIs an Erasmus+ import mints and the vocabularies it points to.

Every IRI is written against the default base (the loader rebases, as for ``data/``):
flows ``id/mobility/erasmus-<h>``, new organisations ``id/organisation/erasmus-…``, new
places ``id/place/…``, activity concepts ``id/concept/erasmus-activity-…`` and the source
files ``id/source/erasmus-<sha256[:16]>``. Education levels and fields are concepts of
``data/isced.ttl`` (ISCED 2011, ISCED-F 2013), found here by code or by label.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from kuopio_kg.namespaces import DEFAULT_BASE
from kuopio_kg.reconcile.fold import fold, tokens

ID = DEFAULT_BASE + "id/"
CONCEPT = ID + "concept/"
PROGRAMME = URIRef(ID + "programme/erasmus-plus")
ACTIVITIES = URIRef(CONCEPT + "erasmus-activities")
ACTIVITIES_LABEL = "Erasmus+ mobility activities"
LEARNER_MOBILITY = URIRef(CONCEPT + "learner-mobility")
STAFF_MOBILITY = URIRef(CONCEPT + "staff-mobility")
LEVELS = URIRef(CONCEPT + "isced-2011")
FIELDS = URIRef(CONCEPT + "isced-f-2013")
#: The ISCED 2011 levels.
LEVEL_RANGE = range(9)


def slug(text: str) -> str:
    """``text`` folded, its words joined by ``-``: ``E MADRID03`` is ``e-madrid03``."""
    return "-".join(tokens(fold(text))).replace("+", "plus")


def short_hash(*parts: str, length: int = 16) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:length]


def source_iri(sha256: str) -> str:
    return f"{ID}source/erasmus-{sha256[:16]}"


def flow_iri(parts: Sequence[str]) -> str:
    """The flow of (sender, receiver, academic year, call year, activity, level, field),
    each as text, ``""`` when unknown."""
    return f"{ID}mobility/erasmus-{short_hash(*parts)}"


def organisation_iri(code: str | None, name_key: str, city_key: str, country: str) -> str:
    """A new organisation: by its Erasmus code, else by folded name, city and country."""
    if code:
        return f"{ID}organisation/erasmus-{slug(code)}"
    return f"{ID}organisation/erasmus-{short_hash(name_key, city_key, country, length=12)}"


def city_iri(iso2: str, city_key: str) -> str:
    return f"{ID}place/{iso2.lower()}-{slug(city_key)}"


def country_iri(name: str) -> str:
    return f"{ID}place/{slug(name)}"


def activity_iri(activity_key: str) -> str:
    return f"{CONCEPT}erasmus-activity-{slug(activity_key)}"


def activity_broader(activity_key: str) -> URIRef:
    """Staff mobility when the activity's text names staff, else learner mobility."""
    return STAFF_MOBILITY if "staff" in tokens(activity_key) else LEARNER_MOBILITY


def level_iri(level: int | None) -> str | None:
    """The ISCED 2011 level concept, or None for no level or one outside 0-8."""
    if level is None or level not in LEVEL_RANGE:
        return None
    return f"{CONCEPT}isced-2011-{level}"


class Fields:
    """The ISCED-F 2013 fields of the curated data, found by code or by folded label."""

    def __init__(self, curated: Graph) -> None:
        self._by_code: dict[str, str] = {}
        self._by_label: dict[str, str] = {}
        for concept in sorted(curated.subjects(SKOS.inScheme, FIELDS), key=str):
            for code in curated.objects(concept, SKOS.notation):
                self._by_code[str(code)] = str(concept)
            for label in curated.objects(concept, SKOS.prefLabel):
                self._by_label.setdefault(fold(str(label)), str(concept))

    def __len__(self) -> int:
        return len(self._by_code)

    def find(self, code: str | None, name: str | None) -> str | None:
        """The field of ``code``; a code the list does not have goes to the nearest field
        above it (``0419`` to ``041``); without a code, the field whose label is ``name``."""
        if code:
            for length in range(len(code), 1, -1):
                found = self._by_code.get(code[:length])
                if found is not None:
                    return found
        if name:
            return self._by_label.get(fold(name))
        return None
