"""Facts a page shows in a form of its own: a point on a map, a timeline of editions.

Queries use the standard terms (WGS84, schema.org, GeoSPARQL), which the reasoner
materialises from our ontology's subproperties, so they work whatever our own terms are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from kuopio_kg.publish.describe import iri_ref
from kuopio_kg.publish.labels import labels
from kuopio_kg.store import OxigraphStore

_PREFIXES = (
    "PREFIX wgs84: <http://www.w3.org/2003/01/geo/wgs84_pos#> "
    "PREFIX schema: <https://schema.org/> "
    "PREFIX geo: <http://www.opengis.net/ont/geosparql#> "
)
_POINT = re.compile(r"POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)", re.IGNORECASE)


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Edition:
    iri: str
    label: str
    start: str


def point(store: OxigraphStore, iri: str) -> Point | None:
    """Where the resource is, from WGS84, schema.org coordinates or a GeoSPARQL WKT point."""
    ref = iri_ref(iri)
    rows = store.select(
        _PREFIXES + "SELECT ?lat ?long ?wkt WHERE { "
        f"{{ {ref} wgs84:lat ?lat ; wgs84:long ?long }} "
        f"UNION {{ {ref} schema:latitude ?lat ; schema:longitude ?long }} "
        f"UNION {{ {ref} schema:geo ?g . ?g schema:latitude ?lat ; schema:longitude ?long }} "
        f"UNION {{ {ref} geo:hasGeometry/geo:asWKT ?wkt }} }} LIMIT 5"
    )
    for row in rows:
        latitude, longitude = _number(row["lat"]), _number(row["long"])
        if latitude is not None and longitude is not None:
            return Point(latitude, longitude)
        wkt = row["wkt"]
        match = _POINT.search(wkt.value) if isinstance(wkt, ox.Literal) else None
        if match:
            return Point(float(match.group(2)), float(match.group(1)))
    return None


def _number(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> float | None:
    if not isinstance(term, ox.Literal):
        return None
    try:
        return float(term.value)
    except ValueError:
        return None


def editions(store: OxigraphStore, iri: str) -> list[Edition]:
    """The events of a series (``schema:subEvent`` / ``schema:superEvent``), by start date."""
    ref = iri_ref(iri)
    rows = store.select(
        _PREFIXES + "SELECT DISTINCT ?e (SAMPLE(?d) AS ?start) WHERE { "
        f"{{ ?e schema:superEvent {ref} }} UNION {{ {ref} schema:subEvent ?e }} "
        "OPTIONAL { ?e schema:startDate ?d } FILTER(isIRI(?e)) } GROUP BY ?e"
    )
    found = {row["e"].value: row["start"].value if row["start"] else "" for row in rows}
    names = labels(store, found)
    timeline = [Edition(e, names[e], start) for e, start in found.items()]
    timeline.sort(key=lambda edition: (edition.start == "", edition.start, edition.label))
    return timeline


@dataclass(frozen=True)
class Neighbour:
    iri: str
    label: str
    point: Point


def neighbours(store: OxigraphStore, iri: str, limit: int = 100) -> list[Neighbour]:
    """The other places with WGS84 coordinates that the resource links to or is linked
    from, in either direction (a twin town, the region it lies in, a venue in it), by label."""
    ref = iri_ref(iri)
    rows = store.select(
        _PREFIXES + "SELECT ?other (SAMPLE(?la) AS ?lat) (SAMPLE(?lo) AS ?long) WHERE { "
        f"{{ {ref} ?p ?other }} UNION {{ ?other ?p {ref} }} "
        f"FILTER (isIRI(?other) && ?other != {ref}) "
        f"?other wgs84:lat ?la ; wgs84:long ?lo }} GROUP BY ?other LIMIT {limit}"
    )
    points = {}
    for row in rows:
        latitude, longitude = _number(row["lat"]), _number(row["long"])
        if latitude is not None and longitude is not None:
            points[row["other"].value] = Point(latitude, longitude)
    names = labels(store, points)
    found = [Neighbour(other, names[other], point) for other, point in points.items()]
    return sorted(found, key=lambda neighbour: (neighbour.label, neighbour.iri))
