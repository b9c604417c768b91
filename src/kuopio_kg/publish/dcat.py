"""The DCAT-AP catalog: one dataset for the whole release and one per named graph, each
with a distribution per dump and one for the SPARQL endpoint (a ``dcat:DataService``).

Dataset IRIs are fixed by :data:`DATASETS` (harvesters delete what disappears, so a dataset
leaves the catalog only by a change to that table). Large catalogs are paged with Hydra, as
ckanext-dcat's ``RDFParser.next_page()`` expects.

Two profiles (:class:`Profile`): DCAT-AP 3.0.1 (the default) and 2.1.1, which the EU portal
may still validate against. They contradict each other on two points, and those are what
the profile changes: the datatype of ``dcat:byteSize`` (3.0.1: ``xsd:nonNegativeInteger``,
2.1.1: ``xsd:decimal``) and the checksum (2.1.1 allows SHA-1 only, on every
``spdx:Checksum``; 3.0.1 takes any algorithm, and the catalog gives SHA-256 there).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from kuopio_kg.namespaces import VCARD
from kuopio_kg.publish import dcat_terms as terms
from kuopio_kg.publish.datasets import CATALOG, DATASETS, DatasetText
from kuopio_kg.publish.dumps import Written
from kuopio_kg.release import Release
from kuopio_kg.settings import Settings
from kuopio_kg.store import OxigraphStore

SPDX = Namespace("http://spdx.org/rdf/terms#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
_DATE = re.compile(r"^(\d{4})(-\d{2}-\d{2})?")


class Profile(StrEnum):
    """The DCAT-AP versions the catalog is served in (the ``?profile=`` of /catalog)."""

    V3 = "dcat-ap-3.0.1"
    V2 = "dcat-ap-2.1.1"


#: The datatype of ``dcat:byteSize`` and the checksum algorithm of each profile.
_BYTE_SIZE = {Profile.V3: XSD.nonNegativeInteger, Profile.V2: XSD.decimal}
_CHECKSUM = {Profile.V3: "sha256", Profile.V2: "sha1"}


def dataset_iri(settings: Settings, graph: str | None) -> URIRef:
    return URIRef(settings.graph_iri(graph) if graph else settings.dataset_iri)


def temporal_coverage(store: OxigraphStore) -> tuple[str, str] | None:
    """The first and last day of the events' start dates (``schema:startDate``, a date or a
    year: a year counts from its first day to its last)."""
    rows = store.select(
        "SELECT DISTINCT ?v WHERE { ?e <https://schema.org/startDate> ?d BIND(STR(?d) AS ?v) }"
    )
    starts, ends = [], []
    for row in rows:
        match = _DATE.match(row["v"].value)
        if match:
            year, day = match.groups()
            starts.append(f"{year}{day or '-01-01'}")
            ends.append(f"{year}{day or '-12-31'}")
    if not starts:
        return None
    return min(starts), max(ends)


def page_count(settings: Settings) -> int:
    return max(1, math.ceil(len(DATASETS) / settings.catalog_page_size))


def catalog_graph(
    settings: Settings,
    release: Release,
    dumps: list[Written],
    temporal: tuple[str, str] | None,
    page: int,
    page_url: Callable[[int], str],
    profile: Profile = Profile.V3,
) -> Graph:
    """Page ``page`` (from 1) of the catalog in ``profile``; ``page_url(n)`` is where page n
    is served."""
    graph = Graph()
    for prefix, ns in (
        ("dcat", DCAT),
        ("dct", DCTERMS),
        ("foaf", FOAF),
        ("vcard", VCARD),
        ("spdx", SPDX),
        ("hydra", HYDRA),
    ):
        graph.bind(prefix, ns)
    base = settings.base_iri
    catalog = URIRef(base + "catalog")
    shared = _Shared.add(graph, settings, release, temporal, profile)
    graph.add((catalog, RDF.type, DCAT.Catalog))
    _texts(graph, catalog, CATALOG)
    graph.add((catalog, DCTERMS.publisher, shared.publisher))
    graph.add((catalog, DCTERMS.license, shared.licence))
    graph.add((catalog, DCTERMS.modified, shared.modified))
    graph.add((catalog, DCTERMS.spatial, shared.spatial))
    graph.add((catalog, FOAF.homepage, _document(graph, URIRef(base))))
    for language in shared.languages:
        graph.add((catalog, DCTERMS.language, language))
    service = _service(graph, settings, shared)
    graph.add((catalog, DCAT.service, service))
    names = list(DATASETS)
    size = settings.catalog_page_size
    for name in names[(page - 1) * size : page * size]:
        dataset = dataset_iri(settings, name)
        graph.add((catalog, DCAT.dataset, dataset))
        _dataset(graph, settings, shared, name, dumps, service)
    _paging(graph, page, page_count(settings), len(names), size, page_url)
    return graph


@dataclass(frozen=True)
class _Shared:
    """Nodes every dataset points to."""

    publisher: URIRef
    contact: URIRef
    licence: URIRef
    modified: Literal
    spatial: URIRef
    temporal: URIRef | None
    languages: list[URIRef]
    themes: list[URIRef]
    frequency: URIRef
    access_rights: URIRef
    rights: URIRef
    profile: Profile

    @classmethod
    def add(
        cls,
        graph: Graph,
        settings: Settings,
        release: Release,
        temporal: tuple[str, str] | None,
        profile: Profile,
    ) -> _Shared:
        base = settings.base_iri
        publisher = URIRef(base + "catalog#publisher")
        graph.add((publisher, RDF.type, FOAF.Agent))
        graph.add((publisher, FOAF.name, Literal(settings.publisher_name)))
        contact = URIRef(base + "catalog#contact")
        graph.add((contact, RDF.type, VCARD.Kind))
        graph.add((contact, VCARD.fn, Literal(settings.publisher_name)))
        graph.add((contact, VCARD.hasEmail, URIRef("mailto:" + settings.contact_email)))
        period = None
        if temporal is not None:
            period = URIRef(base + "catalog#temporal")
            graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
            graph.add((period, DCAT.startDate, Literal(temporal[0], datatype=XSD.date)))
            graph.add((period, DCAT.endDate, Literal(temporal[1], datatype=XSD.date)))
        return cls(
            publisher=publisher,
            contact=contact,
            licence=terms.add_licence(graph),
            modified=Literal(release.metadata["created"], datatype=XSD.dateTime),
            spatial=terms.add_spatial(graph),
            temporal=period,
            languages=terms.add_languages(graph),
            themes=terms.add_themes(graph),
            frequency=terms.add_frequency(graph),
            access_rights=terms.add_access_rights(graph),
            rights=terms.add_rights(graph, URIRef(base + "catalog#rights")),
            profile=profile,
        )


def _texts(graph: Graph, node: URIRef, text: DatasetText) -> None:
    for language, value in text.title.items():
        graph.add((node, DCTERMS.title, Literal(value, lang=language)))
    for language, value in text.description.items():
        graph.add((node, DCTERMS.description, Literal(value, lang=language)))


def _document(graph: Graph, iri: URIRef) -> URIRef:
    graph.add((iri, RDF.type, FOAF.Document))
    return iri


def _service(graph: Graph, settings: Settings, shared: _Shared) -> URIRef:
    service = URIRef(settings.base_iri + "catalog#sparql")
    endpoint = URIRef(settings.base_iri + "sparql")
    graph.add((service, RDF.type, DCAT.DataService))
    graph.add((service, DCTERMS.title, Literal("Kuopio KG SPARQL endpoint", lang="en")))
    graph.add((service, DCTERMS.title, Literal("Kuopio KG:n SPARQL-rajapinta", lang="fi")))
    graph.add((service, DCAT.endpointURL, terms.add_resource(graph, endpoint)))
    graph.add((service, DCAT.endpointDescription, terms.add_resource(graph, endpoint)))
    graph.add((service, DCTERMS.license, shared.licence))
    graph.add((service, DCTERMS.accessRights, shared.access_rights))
    graph.add((service, DCTERMS.publisher, shared.publisher))
    graph.add((service, DCTERMS.conformsTo, _standard(graph)))
    for name in DATASETS:
        graph.add((service, DCAT.servesDataset, dataset_iri(settings, name)))
    return service


def _standard(graph: Graph) -> URIRef:
    sparql = URIRef("https://www.w3.org/TR/sparql11-protocol/")
    graph.add((sparql, RDF.type, DCTERMS.Standard))
    graph.add((sparql, DCTERMS.title, Literal("SPARQL 1.1 Protocol", lang="en")))
    return sparql


def _dataset(
    graph: Graph,
    settings: Settings,
    shared: _Shared,
    name: str | None,
    dumps: list[Written],
    service: URIRef,
) -> None:
    dataset = dataset_iri(settings, name)
    text = DATASETS[name]
    graph.add((dataset, RDF.type, DCAT.Dataset))
    _texts(graph, dataset, text)
    for language, words in text.keywords.items():
        for word in words:
            graph.add((dataset, DCAT.keyword, Literal(word, lang=language)))
    graph.add((dataset, DCTERMS.identifier, Literal(str(dataset))))
    graph.add((dataset, DCTERMS.publisher, shared.publisher))
    graph.add((dataset, DCAT.contactPoint, shared.contact))
    graph.add((dataset, DCTERMS.accessRights, shared.access_rights))
    graph.add((dataset, DCTERMS.modified, shared.modified))
    graph.add((dataset, DCTERMS.spatial, shared.spatial))
    graph.add((dataset, DCTERMS.accrualPeriodicity, shared.frequency))
    graph.add((dataset, DCAT.landingPage, _document(graph, URIRef(settings.base_iri))))
    if shared.temporal is not None:
        graph.add((dataset, DCTERMS.temporal, shared.temporal))
    for node in shared.languages:
        graph.add((dataset, DCTERMS.language, node))
    for node in shared.themes:
        graph.add((dataset, DCAT.theme, node))
    for written in dumps:
        if written.dump.graph == name:
            graph.add((dataset, DCAT.distribution, _dump(graph, settings, shared, written)))
    sparql = URIRef(f"{dataset}#sparql")
    graph.add((dataset, DCAT.distribution, sparql))
    graph.add((sparql, RDF.type, DCAT.Distribution))
    graph.add((sparql, DCTERMS.title, Literal("SPARQL endpoint", lang="en")))
    graph.add((sparql, DCAT.accessURL, URIRef(settings.base_iri + "sparql")))
    graph.add((sparql, DCAT.accessService, service))
    file_type, media_type = terms.add_sparql_results(graph)
    graph.add((sparql, DCTERMS.format, file_type))
    graph.add((sparql, DCAT.mediaType, media_type))
    _release_terms(graph, sparql, shared)


def _dump(graph: Graph, settings: Settings, shared: _Shared, written: Written) -> URIRef:
    dump = written.dump
    url = URIRef(f"{settings.base_iri}dumps/{dump.filename}")
    node = URIRef(f"{settings.base_iri}catalog#{dump.filename}")
    file_type, media_type = terms.add_format(graph, dump.format)
    graph.add((node, RDF.type, DCAT.Distribution))
    what = f"graph {dump.graph}" if dump.graph else "whole release"
    zipped = ", gzipped" if dump.gzipped else ""
    graph.add(
        (
            node,
            DCTERMS.title,
            Literal(f"Dump of the {what} ({dump.format.label}{zipped})", lang="en"),
        )
    )
    graph.add((node, DCAT.accessURL, url))
    graph.add((node, DCAT.downloadURL, url))
    graph.add((node, DCAT.mediaType, media_type))
    graph.add((node, DCTERMS.format, file_type))
    if dump.gzipped:
        graph.add((node, DCAT.compressFormat, terms.add_gzip(graph)))
    size = Literal(written.size, datatype=_BYTE_SIZE[shared.profile])
    graph.add((node, DCAT.byteSize, size))
    _release_terms(graph, node, shared)
    algorithm = _CHECKSUM[shared.profile]
    value = written.sha256 if algorithm == "sha256" else written.sha1
    graph.add((node, SPDX.checksum, _checksum(graph, node, algorithm, value)))
    return node


def _release_terms(graph: Graph, distribution: URIRef, shared: _Shared) -> None:
    """What every distribution of the release shares: licence, rights, issued, modified."""
    graph.add((distribution, DCTERMS.license, shared.licence))
    graph.add((distribution, DCTERMS.rights, shared.rights))
    graph.add((distribution, DCTERMS.issued, shared.modified))
    graph.add((distribution, DCTERMS.modified, shared.modified))


def _checksum(graph: Graph, node: URIRef, algorithm: str, value: str) -> URIRef:
    checksum = URIRef(f"{node}-{algorithm}")
    algorithm_iri = SPDX["checksumAlgorithm_" + algorithm]
    graph.add((algorithm_iri, RDF.type, SPDX.ChecksumAlgorithm))
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, algorithm_iri))
    graph.add((checksum, SPDX.checksumValue, Literal(value, datatype=XSD.hexBinary)))
    return checksum


def _paging(
    graph: Graph, page: int, pages: int, total: int, size: int, page_url: Callable[[int], str]
) -> None:
    view = URIRef(page_url(page))
    graph.add((view, RDF.type, HYDRA.PartialCollectionView))
    graph.add((view, HYDRA.totalItems, Literal(total, datatype=XSD.integer)))
    graph.add((view, HYDRA.itemsPerPage, Literal(size, datatype=XSD.integer)))
    graph.add((view, HYDRA.first, URIRef(page_url(1))))
    graph.add((view, HYDRA.last, URIRef(page_url(pages))))
    if page < pages:
        graph.add((view, HYDRA.next, URIRef(page_url(page + 1))))
    if page > 1:
        graph.add((view, HYDRA.previous, URIRef(page_url(page - 1))))
