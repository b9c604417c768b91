"""Countries as the Erasmus+ tables name them: ISO 3166-1 alpha-2 codes, the EU's own codes
(``EL`` for Greece, ``UK`` for the United Kingdom), English short names and Wikidata QIDs.

``countries.csv`` beside this module holds the countries whose QID the project is sure of
(every EU and EEA country, the other Erasmus+ programme countries and the usual partner
countries), each with the English short name the graph labels it with; any other ISO code
is still known, by its name in pycountry, without a QID. The table is read on first use.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import pycountry

#: EU country codes that differ from ISO 3166-1 alpha-2, and their ISO codes.
EU_TO_ISO: dict[str, str] = {"EL": "GR", "UK": "GB"}
ISO_TO_EU: dict[str, str] = {iso: eu for eu, iso in EU_TO_ISO.items()}

#: Member states of the European Union, and the other EEA countries (ISO codes).
EU_MEMBERS = frozenset(
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    }
)  # fmt: skip
EEA_MEMBERS = EU_MEMBERS | {"IS", "LI", "NO"}


@dataclass(frozen=True)
class Country:
    """One country: its ISO code, the EU's code, its English short name and Wikidata QID."""

    iso2: str
    eu_code: str
    name: str
    qid: str | None
    #: Every English name it goes by (short, common, official), for matching labels.
    names: tuple[str, ...]


def iso2(code: str) -> str | None:
    """The ISO 3166-1 alpha-2 code for ``code`` (an ISO or an EU code, any case), or None
    when no country has that code."""
    wanted = code.strip().upper()
    wanted = EU_TO_ISO.get(wanted, wanted)
    return wanted if country(wanted) is not None else None


def country(iso: str) -> Country | None:
    """The country with ISO code ``iso``, or None if there is none."""
    return _table().get(iso.upper()) or _from_pycountry(iso.upper())


def known() -> list[Country]:
    """The countries of ``countries.csv``, by ISO code."""
    return [_table()[code] for code in sorted(_table())]


@cache
def _table() -> dict[str, Country]:
    text = files("kuopio_kg.ingest").joinpath("countries.csv").read_text(encoding="utf-8")
    table: dict[str, Country] = {}
    for row in csv.DictReader(text.splitlines()):
        names = (row["name"], *_pycountry_names(row["iso2"]))
        table[row["iso2"]] = Country(
            row["iso2"], row["eu_code"], row["name"], row["qid"] or None, _unique(names)
        )
    return table


@cache
def _from_pycountry(iso: str) -> Country | None:
    names = _pycountry_names(iso)
    if not names:
        return None
    return Country(iso, ISO_TO_EU.get(iso, iso), names[0], None, names)


def _pycountry_names(iso: str) -> tuple[str, ...]:
    """pycountry's common, short and official names of ``iso`` (common first)."""
    found = pycountry.countries.get(alpha_2=iso)
    if found is None:
        return ()
    names = [getattr(found, key, None) for key in ("common_name", "name", "official_name")]
    return _unique(name for name in names if name)


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))
