"""QuickStatements v1 lines a Wikidata editor can paste to point Wikidata back at us.

One line per ``skos:exactMatch`` link: the item, "described at URL" (P973) our IRI, with a
reference to the release: reference URL (S854) the dataset and retrieved (S813) the date.
"""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import SKOS

from kuopio_kg.link.entities import qid


def quickstatements(links: Graph, dataset_iri: str, day: str) -> list[str]:
    """The lines for every exact match of ``links``, sorted by item; ``day`` is YYYY-MM-DD."""
    lines = set()
    for subject, target in links.subject_objects(SKOS.exactMatch):
        item = qid(target)
        if item is None or '"' in str(subject):
            continue
        lines.add(f'{item}|P973|"{subject}"|S854|"{dataset_iri}"|S813|+{day}T00:00:00Z/11')
    return sorted(lines, key=lambda line: (int(line.split("|", 1)[0][1:]), line))
