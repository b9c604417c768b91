"""The columns of the published Erasmus+ KA1 mobility tables, and how a header names them.

The European Commission publishes one table per call year. Across the years the header is
spelled differently (``Organisation`` and ``Organization``, in any column; ``GroupLeader``;
varying case and spacing) and starts with a byte-order mark, so a header name is matched by
its :func:`header_key`, not as written. Only the columns the aggregate needs are read; the
personal ones (age, gender, nationality, ...) are named here so that nothing selects them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pycountry

from kuopio_kg.errors import ImportFormatError, Problem


@dataclass(frozen=True)
class Column:
    """One column of the published table: its name in the aggregate and in the header."""

    name: str
    header: str
    personal: bool = False
    used: bool = True


#: Every column of the published layout, in the published order; ``header`` is the
#: spelling of the call years that write "Organization" in the name column.
COLUMNS: tuple[Column, ...] = (
    Column("project_reference", "Project Reference"),
    Column("academic_year", "Academic Year"),
    Column("start_month", "Mobility Start Month", used=False),
    Column("end_month", "Mobility End Month", used=False),
    Column("duration", "Mobility Duration", used=False),
    Column("activity", "Activity (mob)"),
    Column("field", "Field of Education"),
    Column("nationality", "Participant Nationality", personal=True, used=False),
    Column("education_level", "Education Level"),
    Column("gender", "Participant Gender", personal=True, used=False),
    Column("profile", "Participant Profile", personal=True, used=False),
    Column("special_needs", "Special Needs", personal=True, used=False),
    Column("fewer_opportunities", "Fewer Opportunities", personal=True, used=False),
    Column("group_leader", "GroupLeader", personal=True, used=False),
    Column("age", "Participant Age", personal=True, used=False),
    Column("sending_country", "Sending Country Code"),
    Column("sending_city", "Sending City"),
    Column("sending_organisation", "Sending Organization"),
    Column("sending_code", "Sending Organisation Erasmus Code"),
    Column("receiving_country", "Receiving Country Code"),
    Column("receiving_city", "Receiving City"),
    Column("receiving_organisation", "Receiving Organization"),
    Column("receiving_code", "Receiving Organisation Erasmus Code"),
    Column("participants", "Participants"),
)

#: The columns the aggregate reads; a header without one of them cannot be imported.
USED: tuple[Column, ...] = tuple(column for column in COLUMNS if column.used)

#: Names of the columns that describe a person; they are never read.
PERSONAL: frozenset[str] = frozenset(column.name for column in COLUMNS if column.personal)

#: Country codes the EU writes differently from ISO 3166-1 alpha-2 (the EU's
#: Interinstitutional Style Guide uses EL for Greece and UK for the United Kingdom).
EU_TO_ISO: dict[str, str] = {"EL": "GR", "UK": "GB"}

_SPACE = re.compile(r"\s+")
#: Spellings that differ between call years, folded to one.
_VARIANTS: tuple[tuple[str, str], ...] = (("organization", "organisation"),)


def header_key(name: str) -> str:
    """``name`` folded for comparison: no byte-order mark, case or spaces, and British
    spelling (``" Sending  ORGANIZATION"`` and ``"sending organisation"`` are one key)."""
    key = _SPACE.sub("", name.replace("\ufeff", "")).casefold()
    for variant, spelling in _VARIANTS:
        key = key.replace(variant, spelling)
    return key


def match_header(names: Sequence[str], shown: str) -> dict[str, str]:
    """The header names of one file mapped to the aggregate's column names.

    Only the columns the aggregate reads are mapped. A missing or doubled column is an
    :class:`ImportFormatError` naming the file (``shown``) and the column.
    """
    by_key: dict[str, str] = {}
    for name in names:
        key = header_key(name)
        if key in by_key:
            raise ImportFormatError(
                Problem(
                    shown,
                    1,
                    "(header)",
                    f"the header has the column {by_key[key]!r} twice (also as {name!r})",
                    "keep one of them",
                )
            )
        by_key[key] = name
    mapping: dict[str, str] = {}
    for column in USED:
        found = by_key.get(header_key(column.header))
        if found is None:
            raise ImportFormatError(
                Problem(
                    shown,
                    1,
                    "(header)",
                    f"the header has no column {column.header!r}",
                    "import the Erasmus+ KA1 mobility table as published, "
                    "semicolon-separated with its header in the first row",
                )
            )
        mapping[found] = column.name
    return mapping


def iso_alpha2() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code (from pycountry's copy of the standard)."""
    return frozenset(country.alpha_2 for country in pycountry.countries)
