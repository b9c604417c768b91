"""Kuopio's partner places as GeoJSON, from the rows of ``queries/explore-places.rq``.

One Feature per place, a Point where the graph has coordinates and no geometry where it
has none (RFC 7946 allows such unlocated features, so the place's participants still
count for its country); the properties are the query's columns.
"""

from __future__ import annotations

from typing import Any

from kuopio_kg.examples import LIST_SEPARATOR
from kuopio_kg.web.explore.rows import Row

#: Columns carried as they are, and those read as whole numbers.
TEXT = ("place", "label", "country", "countryLabel", "countryCode")
NUMBERS = ("outgoing", "incoming", "flows")


def feature_collection(rows: list[Row]) -> dict[str, Any]:
    """The GeoJSON FeatureCollection of the places."""
    return {"type": "FeatureCollection", "features": [_feature(row) for row in rows]}


def _feature(row: Row) -> dict[str, Any]:
    geometry = None
    if "lat" in row and "long" in row:
        geometry = {"type": "Point", "coordinates": [float(row["long"]), float(row["lat"])]}
    properties: dict[str, Any] = {name: row.get(name) for name in TEXT}
    properties.update({name: int(row.get(name, "0")) for name in NUMBERS})
    properties["ties"] = sorted(row.get("ties", "").split(LIST_SEPARATOR))
    return {"type": "Feature", "id": row["place"], "geometry": geometry, "properties": properties}
