"""The datasets the project publishes, with their titles, descriptions and keywords in
English and Finnish: one for the whole release and one per asserted or inferred graph.

This table fixes the catalog's dataset IRIs. Harvesters delete a dataset that disappears
from a catalog, so an entry leaves only on purpose, together with its test.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DatasetText:
    title: dict[str, str]
    description: dict[str, str]
    keywords: dict[str, tuple[str, ...]]


_KEYWORDS: dict[str, tuple[str, ...]] = {
    "en": ("Kuopio", "international cooperation", "twin towns", "festivals", "linked data"),
    "fi": (
        "Kuopio",
        "kansainvälinen yhteistyö",
        "ystävyyskaupungit",
        "festivaalit",
        "linkitetty data",
    ),
}

#: Every dataset of the catalog, by named graph (``None``: the whole release).
DATASETS: dict[str | None, DatasetText] = {
    None: DatasetText(
        {
            "en": "Kuopio international cooperation knowledge graph",
            "fi": "Kuopion kansainvälisen yhteistyön tietograafi",
        },
        {
            "en": "Festivals and sports events, educational and cultural institutions, twin towns "
            "and networks, mobility and awards of the City of Kuopio, as linked open data "
            "with an OWL 2 RL ontology, links to Wikidata and a SPARQL endpoint.",
            "fi": "Kuopion kaupungin festivaalit ja urheilutapahtumat, koulutus- ja "
            "kulttuurilaitokset, ystävyyskaupungit ja verkostot, liikkuvuus ja palkinnot "
            "linkitettynä avoimena datana: OWL 2 RL -ontologia, Wikidata-linkit ja "
            "SPARQL-rajapinta.",
        },
        _KEYWORDS,
    ),
    "ontology": DatasetText(
        {"en": "Kuopio KG ontology", "fi": "Kuopio KG -ontologia"},
        {
            "en": "The OWL 2 RL ontology of the knowledge graph, aligned to schema.org and W3C "
            "vocabularies.",
            "fi": "Tietograafin OWL 2 RL -ontologia, kohdistettu schema.org- ja W3C-sanastoihin.",
        },
        {"en": ("ontology", "OWL"), "fi": ("ontologia", "OWL")},
    ),
    "data": DatasetText(
        {"en": "Kuopio KG curated facts", "fi": "Kuopio KG:n kuratoidut tiedot"},
        {
            "en": "The curated facts of the knowledge graph, each resource with its sources.",
            "fi": "Tietograafin kuratoidut tiedot lähteineen.",
        },
        _KEYWORDS,
    ),
    "links": DatasetText(
        {"en": "Kuopio KG links to Wikidata", "fi": "Kuopio KG:n Wikidata-linkit"},
        {
            "en": "Verified skos:exactMatch links from the graph's entities to Wikidata items.",
            "fi": "Tarkistetut skos:exactMatch-linkit tietograafin olioista Wikidataan.",
        },
        {"en": ("Wikidata", "links"), "fi": ("Wikidata", "linkit")},
    ),
    "mobility": DatasetText(
        {
            "en": "Kuopio KG Erasmus+ mobility flows",
            "fi": "Kuopio KG:n Erasmus+-liikkuvuusvirrat",
        },
        {
            "en": "Erasmus+ mobility flows to and from Kuopio, imported from the European "
            "Commission's published mobility tables and aggregated by sending and receiving "
            "organisation, year, activity, education level and field; no personal data.",
            "fi": "Kuopioon ja Kuopiosta suuntautuvat Erasmus+-liikkuvuusvirrat Euroopan "
            "komission julkaisemista liikkuvuustaulukoista koottuina lähettävän ja "
            "vastaanottavan organisaation, vuoden, toiminnon, koulutusasteen ja -alan mukaan; "
            "ei henkilötietoja.",
        },
        {"en": ("Erasmus+", "student mobility"), "fi": ("Erasmus+", "opiskelijaliikkuvuus")},
    ),
    "inferred": DatasetText(
        {"en": "Kuopio KG inferred triples", "fi": "Kuopio KG:n päätellyt kolmikot"},
        {
            "en": "The triples an OWL 2 RL reasoner adds to the asserted graphs at build time.",
            "fi": "Kolmikot, jotka OWL 2 RL -päättelijä lisää koostettaessa.",
        },
        {"en": ("OWL 2 RL", "inference"), "fi": ("OWL 2 RL", "päättely")},
    ),
}


#: The catalog that lists them.
CATALOG = DatasetText(
    {"en": "Kuopio KG data catalog", "fi": "Kuopio KG -dataluettelo"},
    DATASETS[None].description,
    {},
)
