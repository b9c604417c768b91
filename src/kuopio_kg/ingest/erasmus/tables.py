"""The tables of an import: the resolved flows and the new entities, as CSV files that the
fast path (:mod:`.rdf`) and the published RML mapping both turn into ``graph/mobility``.

Each table has a header row and full IRIs; an empty cell is an absent value. Rows are
sorted, so the same flows give byte-identical files. The columns are :data:`COLUMNS`.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import polars as pl

from kuopio_kg.ingest.erasmus import vocab
from kuopio_kg.ingest.erasmus.entities import City, Organisation, Resolver, normal_code
from kuopio_kg.ingest.imports import write_if_changed

#: The columns of every table, by file name.
COLUMNS: dict[str, tuple[str, ...]] = {
    "flows.csv": (
        "flow", "label", "sender", "receiver", "academic_year", "call_year", "activity",
        "level", "field", "participants",
    ),
    "flow_sources.csv": ("flow", "source"),
    "organisations.csv": ("organisation", "label", "erasmus_code", "city"),
    "cities.csv": ("city", "label", "country", "lat", "long", "geonames"),
    "countries.csv": ("country", "label", "new", "code", "qid"),
    "activities.csv": ("activity", "label", "broader"),
    "entity_sources.csv": ("entity", "source"),
}  # fmt: skip

Row = dict[str, str]
_T = TypeVar("_T", str, tuple[str, str])
_SIDES = ("sender", "receiver")


@dataclass
class Tables:
    """The rows of each table (by file name), and what resolution found on the way."""

    rows: dict[str, list[Row]] = field(default_factory=dict)
    #: The rows being collected, as tuples in column order (a set: each row once).
    pending: dict[str, set[tuple[str, ...]]] = field(
        default_factory=lambda: {name: set() for name in COLUMNS}
    )
    matched: set[str] = field(default_factory=set)
    new: set[str] = field(default_factory=set)
    #: New cities the gazetteer could not place: "name (CC)".
    unplaced: set[str] = field(default_factory=set)
    seen: set[tuple[str, str]] = field(default_factory=set)

    def first(self, entity: str, source: str) -> bool:
        """Whether this is the first time ``entity`` is met in ``source`` (the rows about an
        entity are made once per file, not once per flow)."""
        if (entity, source) in self.seen:
            return False
        self.seen.add((entity, source))
        return True

    def add(self, table: str, **values: str) -> None:
        self.pending[table].add(tuple(values[column] for column in COLUMNS[table]))

    def finish(self) -> None:
        """Sort the collected rows into :attr:`rows`."""
        for name, columns in COLUMNS.items():
            rows = sorted(self.pending[name])
            self.rows[name] = [dict(zip(columns, row, strict=True)) for row in rows]


def build_tables(frames: Iterable[tuple[pl.DataFrame, str]], resolver: Resolver,
                 fields: vocab.Fields) -> Tables:  # fmt: skip
    """Resolve the flows of each (flows frame, source IRI) and make the tables.

    Flows that resolve to the same IRI (over files, or one org written with and without
    its code) are summed; a flow lists every file it came from.
    """
    records = [(row, source) for frame, source in frames for row in frame.iter_rows(named=True)]
    orgs = _organisations(records, resolver)
    activities = _most_written((r["activity_key"], r["activity"], r["rows"]) for r, _ in records)
    tables = Tables()
    flows: dict[str, Row] = {}
    participants: Counter[str] = Counter()
    sources: dict[str, set[str]] = defaultdict(set)
    activity_iris = {key: vocab.activity_iri(key) for key in activities}
    for row, source in records:
        sender, receiver = (orgs[_identity(row, side)] for side in _SIDES)
        activity = activity_iris.get(row["activity_key"] or "", "")
        level = vocab.level_iri(row["education_level"]) or ""
        field_iri = fields.find(row["field_code"], row["field_name"]) or ""
        call_year = "" if row["call_year"] is None else str(row["call_year"])
        academic_year = row["academic_year"] or ""
        key = (sender.iri, receiver.iri, academic_year, call_year, activity, level, field_iri)
        flow = vocab.flow_iri(key)
        year = academic_year or call_year
        label = f"Erasmus+ mobility from {sender.label} to {receiver.label}"
        label += f", {year}" if year else ""
        flows[flow] = dict(zip(COLUMNS["flows.csv"][:-1], (flow, label, *key), strict=True))
        participants[flow] += int(row["participants"])
        sources[flow].add(source)
        for org in (sender, receiver):
            if tables.first(org.iri, source):
                _add_organisation(tables, org, source)
        for side in _SIDES:
            if tables.first(row[f"{side}_country"], source):
                _add_country(tables, resolver, row[f"{side}_country"], source)
        if activity and tables.first(activity, source):
            tables.add(
                "activities.csv", activity=activity, label=activities[row["activity_key"]],
                broader=str(vocab.activity_broader(row["activity_key"])),
            )  # fmt: skip
            _source(tables, activity, source)
            _source(tables, str(vocab.ACTIVITIES), source)
    for flow, values in flows.items():
        tables.add("flows.csv", **values, participants=str(participants[flow]))
        for source in sources[flow]:
            tables.add("flow_sources.csv", flow=flow, source=source)
    tables.finish()
    return tables


def write_tables(tables: Tables, folder: Path) -> bool:
    """Write each table to ``folder`` (only the files whose content changed); whether any
    did."""
    changed = False
    for name, columns in COLUMNS.items():
        changed = write_if_changed(folder / name, _csv(columns, tables.rows[name])) or changed
    return changed


def _csv(columns: tuple[str, ...], rows: list[Row], batch: int = 10_000
         ) -> Iterator[str]:  # fmt: skip
    """The table as CSV text, a batch of rows at a time (a big table is never one string)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for start in range(0, len(rows), batch):
        writer.writerows(rows[start : start + batch])
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()


def _identity(row: dict[str, Any], side: str) -> tuple[str, ...]:
    """An organisation's identity in the rows: its code, else name, city and country."""
    code = row[f"{side}_code"]
    if code:
        return ("code", normal_code(code))
    return ("name", row[f"{side}_name_key"] or "", row[f"{side}_city_key"] or "",
            row[f"{side}_country"])  # fmt: skip


def _organisations(records: list[tuple[dict[str, Any], str]],
                   resolver: Resolver) -> dict[tuple[str, ...], Organisation]:  # fmt: skip
    """Each organisation of the rows, resolved once with the name and city written most."""
    names: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    homes: dict[tuple[str, ...], Counter[tuple[str, str]]] = defaultdict(Counter)
    for row, _ in records:
        for side in _SIDES:
            identity = _identity(row, side)
            names[identity][row[f"{side}_name"] or ""] += row["rows"]
            homes[identity][(row[f"{side}_city"] or "", row[f"{side}_country"])] += row["rows"]
    resolved = {}
    for identity in sorted(names):
        city, country = _top(homes[identity])
        code = identity[1] if identity[0] == "code" else None
        resolved[identity] = resolver.organisation(code, _top(names[identity]), city, country)
    return resolved


def _most_written(items: Iterable[tuple[str | None, str | None, int]]) -> dict[str, str]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for key, text, weight in items:
        if key:
            counts[key][text or key] += weight
    return {key: _top(counter) for key, counter in counts.items()}


def _top(counter: Counter[_T]) -> _T:
    """The most frequent value; ties go to the smallest."""
    return min(counter, key=lambda value: (-counter[value], value))


def _add_organisation(tables: Tables, org: Organisation, source: str) -> None:
    if not org.new:
        tables.matched.add(org.iri)
        return
    tables.new.add(org.iri)
    city = org.city
    tables.add(
        "organisations.csv", organisation=org.iri, label=org.label, erasmus_code=org.code or "",
        city=city.iri if city else "",
    )  # fmt: skip
    _source(tables, org.iri, source)
    if city is not None and city.new:
        _add_city(tables, city, source)


def _add_city(tables: Tables, city: City, source: str) -> None:
    place = city.place
    if place is None:
        tables.unplaced.add(f"{city.label} ({city.country_code})")
    tables.add(
        "cities.csv", city=city.iri, label=city.label, country=city.country,
        lat=_decimal(place.lat) if place else "", long=_decimal(place.lon) if place else "",
        geonames=str(place.geonameid) if place else "",
    )  # fmt: skip
    _source(tables, city.iri, source)


def _add_country(tables: Tables, resolver: Resolver, iso2: str, source: str) -> None:
    country = resolver.country(iso2)
    tables.add(
        "countries.csv", country=country.iri, label=country.label, new=str(country.new).lower(),
        code=country.code, qid=country.qid or "",
    )  # fmt: skip
    if country.new:
        _source(tables, country.iri, source)


def _source(tables: Tables, entity: str, source: str) -> None:
    tables.add("entity_sources.csv", entity=entity, source=source)


def _decimal(value: float) -> str:
    """A coordinate as an xsd:decimal lexical form (GeoNames gives five places at most)."""
    text = f"{value:.5f}".rstrip("0")
    return text + "0" if text.endswith(".") else text
