"""A scorer of the EU data portal's Metadata Quality Assessment (MQA), for our catalog.

The indicator table, the points and the aggregation follow the portal's methodology page
(https://data.europa.eu/mqa/methodology) and its open-source implementation, piveau: the
metric definitions and points of ``piveau-data/piveau-vocabularies``
(``piveau-dqv-vocabulary.ttl``), the aggregation of ``piveau-metrics-score``
(``Scoring.kt``: the best distribution's points plus the dataset's, the dataset's own
issued/modified only when that distribution has none), HEAD-only URL checks
(``piveau-metrics-url-checker``), and the bands of ``PiveauScoring``. The EDP lists of
machine-readable and non-proprietary file types are those of
``gitlab.com/european-data-portal/edp-vocabularies`` (copied in
``opendata-swiss/metadata-quality-dashboard``). The table and its points are facts of those
sources; the code is ours.

Two simplifications, both on the strict side: a URL counts as reachable only with a 2xx
answer to HEAD, and a file type counts as one of the EU file-type table's when it is an
IRI of that table (``…/authority/file-type/…``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF
from rdflib.term import Node

EU = "http://publications.europa.eu/resource/authority/"
IANA = "http://www.iana.org/assignments/media-types/"
_FILE_TYPE = EU + "file-type/"
_MACHINE_READABLE = (
    "CSV GEOJSON ICS JSON JSON_LD KML KMZ NETCDF ODS RDFA RDF_N_QUADS RDF_N_TRIPLES RDF_TRIG "
    "RDF_TURTLE RDF_XML RSS SHP XLS XLSX XML"
)
_NON_PROPRIETARY = (
    "BMP CSV DBF GEOJSON GZIP HTML ICS JPEG2000 JSON JSON_LD KML KMZ NETCDF ODS PNG RDF_N_QUADS "
    "RDF_N_TRIPLES RDF_TRIG RDF_TURTLE RDF_XML RSS RTF TAR TIFF TSV TXT WMS_SRVC XML ZIP"
)
MACHINE_READABLE = {_FILE_TYPE + code for code in _MACHINE_READABLE.split()}
NON_PROPRIETARY = {_FILE_TYPE + code for code in _NON_PROPRIETARY.split()}
ACCESS_RIGHTS = {EU + "access-right/" + code for code in ("PUBLIC", "RESTRICTED", "NON_PUBLIC")}
BANDS = ((351, "Excellent"), (221, "Good"), (120, "Sufficient"), (0, "Bad"))


@dataclass(frozen=True)
class Context:
    """The catalog, how to send HEAD to one of its URLs, and whether it passed DCAT-AP."""

    graph: Graph
    head: Callable[[str], int]
    dcat_ap_compliant: bool

    def has(self, node: Node, prop: URIRef) -> bool:
        return (node, prop, None) in self.graph

    def values(self, node: Node, prop: URIRef) -> list[str]:
        return [str(value) for value in self.graph.objects(node, prop)]

    def reachable(self, node: Node, prop: URIRef) -> bool:
        urls = self.values(node, prop)
        return bool(urls) and all(200 <= self.head(url) < 300 for url in urls)


Check = Callable[[Context, Node], bool]


@dataclass(frozen=True)
class Indicator:
    dimension: str
    name: str
    points: int
    #: "dataset", "distribution", or "either" (the distribution's, else the dataset's).
    level: str
    check: Check


def _present(prop: URIRef) -> Check:
    return lambda ctx, node: ctx.has(node, prop)


def _in(prop: URIRef, allowed: Callable[[str], bool]) -> Check:
    return lambda ctx, node: any(allowed(v) for v in ctx.values(node, prop))


def _format_aligned(ctx: Context, node: Node) -> bool:
    file_type = _in(DCTERMS.format, lambda v: v.startswith(_FILE_TYPE))(ctx, node)
    return file_type and _in(DCAT.mediaType, lambda v: v.startswith(IANA))(ctx, node)


def _format_on(listed: set[str]) -> Check:
    return lambda ctx, node: _in(DCTERMS.format, listed.__contains__)(ctx, node)


INDICATORS = (
    Indicator("findability", "keywordAvailability", 30, "dataset", _present(DCAT.keyword)),
    Indicator("findability", "categoryAvailability", 30, "dataset", _present(DCAT.theme)),
    Indicator("findability", "spatialAvailability", 20, "dataset", _present(DCTERMS.spatial)),
    Indicator("findability", "temporalAvailability", 20, "dataset", _present(DCTERMS.temporal)),
    Indicator("accessibility", "accessUrlStatusCode", 50, "distribution",
              lambda ctx, node: ctx.reachable(node, DCAT.accessURL)),
    Indicator("accessibility", "downloadUrlAvailability", 20, "distribution",
              _present(DCAT.downloadURL)),
    Indicator("accessibility", "downloadUrlStatusCode", 30, "distribution",
              lambda ctx, node: ctx.reachable(node, DCAT.downloadURL)),
    Indicator("interoperability", "formatAvailability", 20, "distribution",
              _present(DCTERMS.format)),
    Indicator("interoperability", "mediaTypeAvailability", 10, "distribution",
              _present(DCAT.mediaType)),
    Indicator("interoperability", "formatMediaTypeVocabularyAlignment", 10, "distribution",
              _format_aligned),
    Indicator("interoperability", "formatMediaTypeNonProprietary", 20, "distribution",
              _format_on(NON_PROPRIETARY)),
    Indicator("interoperability", "formatMediaTypeMachineInterpretable", 20, "distribution",
              _format_on(MACHINE_READABLE)),
    Indicator("interoperability", "dcatApCompliance", 30, "dataset",
              lambda ctx, node: ctx.dcat_ap_compliant),
    Indicator("reusability", "licenceAvailability", 20, "distribution",
              _present(DCTERMS.license)),
    Indicator("reusability", "knownLicence", 10, "distribution",
              _in(DCTERMS.license, lambda v: v.startswith(EU + "licence/"))),
    Indicator("reusability", "accessRightsAvailability", 10, "dataset",
              _present(DCTERMS.accessRights)),
    Indicator("reusability", "accessRightsVocabularyAlignment", 5, "dataset",
              _in(DCTERMS.accessRights, ACCESS_RIGHTS.__contains__)),
    Indicator("reusability", "contactPointAvailability", 20, "dataset",
              _present(DCAT.contactPoint)),
    Indicator("reusability", "publisherAvailability", 10, "dataset",
              _present(DCTERMS.publisher)),
    Indicator("contextuality", "rightsAvailability", 5, "distribution",
              _present(DCTERMS.rights)),
    Indicator("contextuality", "byteSizeAvailability", 5, "distribution",
              _present(DCAT.byteSize)),
    Indicator("contextuality", "dateIssuedAvailability", 5, "either", _present(DCTERMS.issued)),
    Indicator("contextuality", "dateModifiedAvailability", 5, "either",
              _present(DCTERMS.modified)),
)  # fmt: skip
MAXIMUM = sum(indicator.points for indicator in INDICATORS)


@dataclass(frozen=True)
class Score:
    """One dataset's points per dimension, as the portal would add them up."""

    dataset: str
    dimensions: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.dimensions.values())

    @property
    def band(self) -> str:
        return next(name for floor, name in BANDS if self.total >= floor)


def score(ctx: Context, dataset: Node) -> Score:
    """The dataset's score: its best distribution's points plus the dataset-level ones."""
    best: dict[str, int] = {}
    for distribution in ctx.graph.objects(dataset, DCAT.distribution):
        points = _points(ctx, dataset, distribution)
        if sum(points.values()) > sum(best.values()):
            best = points
    dimensions = {indicator.dimension: 0 for indicator in INDICATORS}
    for dimension, earned in best.items():
        dimensions[dimension] += earned
    for indicator in INDICATORS:
        if indicator.level == "dataset" and indicator.check(ctx, dataset):
            dimensions[indicator.dimension] += indicator.points
    return Score(str(dataset), dimensions)


def _points(ctx: Context, dataset: Node, distribution: Node) -> dict[str, int]:
    points = {indicator.dimension: 0 for indicator in INDICATORS}
    for indicator in INDICATORS:
        if indicator.level == "dataset":
            continue
        met = indicator.check(ctx, distribution) or (
            indicator.level == "either" and indicator.check(ctx, dataset)
        )
        if met:
            points[indicator.dimension] += indicator.points
    return points


def datasets(graph: Graph) -> list[Node]:
    return sorted(graph.subjects(RDF.type, DCAT.Dataset), key=str)
