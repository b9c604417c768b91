"""The SPARQL the linker sends: portable SPARQL 1.1 over Wikidata's RDF shapes.

No ``wikibase:label`` or ``mwapi`` SERVICE, so any SPARQL 1.1 store loaded with
Wikidata-shaped data can answer. Every prefix is declared, and the text of a query depends
only on its inputs (sorted), so the on-disk cache recognises a query it has answered.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kuopio_kg.link.classes import every_class
from kuopio_kg.link.entities import Entity

PREFIXES = """PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
"""

#: Languages whose labels we compare: ours, and Wikidata's language-independent ``mul``.
LANGUAGES = ("fi", "en", "mul")


def _literal(text: str, lang: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"@{lang}'


def variants(text: str) -> list[str]:
    """The label as written, lower-cased, capitalised and title-cased, each once."""
    forms = [text, text.lower(), text[:1].upper() + text[1:].lower(), text.title()]
    return list(dict.fromkeys(forms))


def _qids(qids: Iterable[str]) -> str:
    return " ".join(f"wd:{q}" for q in sorted(set(qids))) or "wd:Q0"


def candidate_query(batch: Sequence[Entity]) -> str:
    """Candidates for each entity of ``batch`` (keyed by its index): items whose label or
    alias equals one of its labels in fi, en or mul, with their classes among the class
    table, the places they lie in (P131*, and P17), start years and descriptions."""
    pairs = sorted(
        {
            f'("{key}" {_literal(form, lang)})'
            for key, entity in enumerate(batch)
            for text, _ in entity.labels
            for form in variants(text)
            for lang in LANGUAGES
        }
    )
    values = "\n    ".join(pairs)
    return f"""{PREFIXES}SELECT ?key ?item
  (GROUP_CONCAT(DISTINCT ?name; separator="|") AS ?names)
  (GROUP_CONCAT(DISTINCT STR(?type); separator=" ") AS ?types)
  (GROUP_CONCAT(DISTINCT STR(?place); separator=" ") AS ?places)
  (GROUP_CONCAT(DISTINCT STR(YEAR(?start)); separator=" ") AS ?years)
  (SAMPLE(?about) AS ?description)
WHERE {{
  VALUES (?key ?label) {{
    {values}
  }}
  ?item rdfs:label|skos:altLabel ?label .
  OPTIONAL {{ ?item rdfs:label ?name . FILTER(LANG(?name) IN ("fi", "en", "mul")) }}
  OPTIONAL {{ VALUES ?type {{ {_qids(every_class())} }} ?item wdt:P31/wdt:P279* ?type . }}
  OPTIONAL {{ ?item wdt:P131*/wdt:P17? ?place . FILTER(?place != ?item) }}
  OPTIONAL {{ ?item wdt:P571|wdt:P580 ?start . }}
  OPTIONAL {{ ?item schema:description ?about . FILTER(LANG(?about) = "en") }}
}}
GROUP BY ?key ?item
ORDER BY ?key ?item
"""


def facts_query(qids: Iterable[str]) -> str:
    """What Wikidata says of the linked items that the report checks: country (P17),
    containing region (P131), coordinates (P625), inception (P571), twin towns (P190)."""
    return f"""{PREFIXES}SELECT ?item ?property ?value WHERE {{
  VALUES ?item {{ {_qids(qids)} }}
  VALUES ?property {{ wdt:P17 wdt:P131 wdt:P625 wdt:P571 wdt:P190 }}
  ?item ?property ?value .
}}
ORDER BY ?item ?property ?value
"""
