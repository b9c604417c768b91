"""What a site map of the release needs: the typed entities of the data graph, by class,
the semantic sitemap, and the schema.org ``Dataset`` description for dataset search engines.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from kuopio_kg.publish.datasets import DATASETS
from kuopio_kg.publish.dumps import Written
from kuopio_kg.settings import Settings
from kuopio_kg.store import OxigraphStore

#: The licence of the data (and of the ontology).
LICENCE = "https://creativecommons.org/licenses/by/4.0/"


def data_classes(store: OxigraphStore, settings: Settings) -> list[tuple[str, int]]:
    """(class, instances) of every class asserted in the data graph, most instances first."""
    rows = store.select(
        f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH <{settings.graph_iri('data')}> "
        "{ ?s a ?c } FILTER(isIRI(?s)) } GROUP BY ?c ORDER BY DESC(?n) ?c"
    )
    return [(row["c"].value, int(row["n"].value)) for row in rows]


def instances(store: OxigraphStore, settings: Settings, cls: str | None) -> list[str]:
    """Entities of the data graph typed ``cls`` (every typed entity when ``cls`` is None)."""
    pattern = f"<{cls}>" if cls else "?c"
    rows = store.select(
        f"SELECT DISTINCT ?s WHERE {{ GRAPH <{settings.graph_iri('data')}> "
        f"{{ ?s a {pattern} }} FILTER(isIRI(?s)) }} ORDER BY ?s"
    )
    return [row["s"].value for row in rows]


def instances_by_class(store: OxigraphStore, settings: Settings) -> list[tuple[str, list[str]]]:
    """(class, its entities) for every class asserted in the data graph, largest class first
    (then by IRI); an entity typed with two classes is in both."""
    rows = store.select(
        f"SELECT DISTINCT ?c ?s WHERE {{ GRAPH <{settings.graph_iri('data')}> "
        "{ ?s a ?c } FILTER(isIRI(?s)) } ORDER BY ?c ?s"
    )
    groups: dict[str, list[str]] = {}
    for row in rows:
        groups.setdefault(row["c"].value, []).append(row["s"].value)
    return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))


def sitemap(settings: Settings, site: str, pages: list[str], dumps: list[Written]) -> str:
    """A sitemap of ``pages`` (paths on this host) with the semantic-sitemap ``sc:dataset``."""
    base = settings.base_iri
    urls = "".join(f"<url><loc>{escape(site + page.lstrip('/'))}</loc></url>\n" for page in pages)
    dump_locations = "".join(
        f"<sc:dataDumpLocation>{escape(base)}dumps/{w.dump.filename}</sc:dataDumpLocation>\n"
        for w in dumps
        if w.dump.graph is None
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:sc="http://sw.deri.org/2007/07/sitemapextension/scschema.xsd">\n'
        "<sc:dataset>\n"
        f"<sc:datasetLabel>{escape(DATASETS[None].title['en'])}</sc:datasetLabel>\n"
        f"<sc:datasetURI>{escape(base)}dataset</sc:datasetURI>\n"
        '<sc:linkedDataPrefix sc:slicing="subject-object">'
        f"{escape(base)}id/</sc:linkedDataPrefix>\n"
        f"<sc:sparqlEndpointLocation>{escape(base)}sparql</sc:sparqlEndpointLocation>\n"
        f"{dump_locations}"
        "<changefreq>weekly</changefreq>\n"
        "</sc:dataset>\n"
        f"{urls}"
        "</urlset>\n"
    )


def robots(site: str) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {site}sitemap.xml\n"


def dataset_jsonld(
    settings: Settings,
    counts: dict[str, int],
    temporal: tuple[str, str] | None,
    dumps: list[Written],
) -> dict[str, Any]:
    """schema.org ``Dataset`` of the release, as Google Dataset Search reads it."""
    base = settings.base_iri
    text = DATASETS[None]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": base + "dataset",
        "name": text.title["en"],
        "alternateName": text.title["fi"],
        "description": f"{text.description['en']} {counts['triples']} triples.",
        "url": base,
        "license": LICENCE,
        "isAccessibleForFree": True,
        "inLanguage": ["en", "fi"],
        "keywords": list(text.keywords["en"]),
        "creator": {"@type": "Organization", "name": settings.publisher_name},
        "spatialCoverage": {
            "@type": "Place",
            "name": "Kuopio, Finland",
            "geo": {"@type": "GeoCoordinates", "latitude": 62.8925, "longitude": 27.678333},
            "sameAs": "https://sws.geonames.org/650224/",
        },
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": w.dump.media_type,
                "contentUrl": f"{base}dumps/{w.dump.filename}",
                "contentSize": f"{w.size} B",
            }
            for w in dumps
            if w.dump.graph is None
        ],
    }
    if temporal is not None:
        data["temporalCoverage"] = f"{temporal[0]}/{temporal[1]}"
    return data
