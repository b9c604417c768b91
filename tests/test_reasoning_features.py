"""Each OWL 2 RL feature of the ontology, shown by the triple the reasoner infers.

One small synthetic fixture (example.org IRIs) is closed together with the ontology, once by
the engine a build uses by default (the one the release ships) and once by the other, so
every feature holds for both; each test then asserts one inferred triple. The real data is
never used here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.query import ResultRow

from kuopio_kg.reason import infer
from kuopio_kg.settings import Reasoner, Settings

REPO = Path(__file__).resolve().parent.parent
#: The build's engine first, then the other one.
SHIPPED = Settings.from_env(environ={}).reasoner
ENGINES = [SHIPPED, *(engine for engine in Reasoner if engine is not SHIPPED)]
KKG = Namespace("https://w3id.org/kuopio-kg/ontology#")
SCHEMA = Namespace("https://schema.org/")
EX = Namespace("http://example.org/")
ORIENTEERING = URIRef("https://w3id.org/kuopio-kg/id/concept/orienteering")

FIXTURE = """
@prefix kkg:    <https://w3id.org/kuopio-kg/ontology#> .
@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .
@prefix ex:     <http://example.org/> .
@prefix concept: <https://w3id.org/kuopio-kg/id/concept/> .

ex:town a kkg:City ; skos:prefLabel "Town"@en ; kkg:locatedIn ex:region .
ex:region kkg:locatedIn ex:country .
ex:twin kkg:twinnedWith ex:town .
ex:orgA kkg:partnerOf ex:orgB .

ex:series a kkg:Festival ; kkg:hasEdition ex:edition2 ; kkg:organiser ex:club .
ex:edition1 kkg:editionOf ex:series ; kkg:heldIn ex:venue ;
    kkg:startDate "2025-07-07"^^xsd:date .
ex:race kkg:partOfEvent ex:edition1 ; kkg:heldIn ex:stadium ; kkg:sport concept:orienteering .
ex:meeting a kkg:Meeting ; kkg:hostedBy ex:host .
ex:college a kkg:VocationalCollege .

ex:award kkg:awardedBy ex:body .
ex:conferral kkg:conferredAward ex:award ; kkg:recipient ex:winner .
"""


@pytest.fixture(scope="module")
def asserted() -> Graph:
    """The ontology plus the synthetic fixture."""
    graph = Graph().parse(REPO / "ontology" / "kuopio.ttl", format="turtle")
    return graph.parse(data=FIXTURE, format="turtle")


@pytest.fixture(scope="module", params=ENGINES, ids=[e.value for e in ENGINES])
def inferred(request: pytest.FixtureRequest, asserted: Graph) -> Graph:
    """Only the new triples (each engine runs once per module), so each test sees an
    inference."""
    engine: Reasoner = request.param
    return infer(asserted, engine)


def test_the_build_ships_the_kuopio_engine() -> None:
    assert SHIPPED is Reasoner.KUOPIO


@pytest.fixture(scope="module")
def closed(asserted: Graph, inferred: Graph) -> Graph:
    """Asserted plus inferred: what a query sees after the build."""
    return asserted + inferred


def test_subclass(inferred: Graph) -> None:
    assert (EX.series, RDF.type, KKG.EventSeries) in inferred
    assert (EX.series, RDF.type, SCHEMA.Festival) in inferred


def test_subproperty(inferred: Graph) -> None:
    assert (EX.race, KKG.discipline, ORIENTEERING) in inferred
    assert (EX.meeting, KKG.organiser, EX.host) in inferred


def test_inverse_hosts_hosted_by(inferred: Graph) -> None:
    assert (EX.host, KKG.hosts, EX.meeting) in inferred


def test_inverse_has_edition_edition_of(inferred: Graph) -> None:
    assert (EX.series, KKG.hasEdition, EX.edition1) in inferred
    assert (EX.edition2, KKG.editionOf, EX.series) in inferred


def test_transitive_place_containment(inferred: Graph) -> None:
    assert (EX.town, KKG.locatedIn, EX.country) in inferred
    assert (EX.country, KKG.containsPlace, EX.town) in inferred


def test_transitive_event_parts(inferred: Graph) -> None:
    assert (EX.race, KKG.partOfEvent, EX.series) in inferred


def test_symmetric_twinning(inferred: Graph) -> None:
    assert (EX.town, KKG.twinnedWith, EX.twin) in inferred
    assert (EX.town, KKG.partnerOf, EX.twin) in inferred


def test_symmetric_partnership(inferred: Graph) -> None:
    assert (EX.orgB, KKG.partnerOf, EX.orgA) in inferred


def test_property_chain_series_held_where_its_editions_were(inferred: Graph) -> None:
    assert (EX.series, KKG.heldIn, EX.venue) in inferred
    assert (EX.series, KKG.heldIn, EX.stadium) in inferred


def test_property_chain_received_award(inferred: Graph) -> None:
    assert (EX.winner, KKG.receivedAward, EX.award) in inferred


def test_domain(inferred: Graph) -> None:
    assert (EX.edition1, RDF.type, KKG.EventEdition) in inferred
    assert (EX.conferral, RDF.type, KKG.Conferral) in inferred


def test_range(inferred: Graph) -> None:
    assert (EX.venue, RDF.type, KKG.Place) in inferred
    assert (EX.club, RDF.type, KKG.Organisation) in inferred
    assert (EX.body, RDF.type, KKG.AwardingBody) in inferred


def test_has_value_definition(inferred: Graph) -> None:
    assert (EX.race, RDF.type, KKG.OrienteeringEvent) in inferred


def test_some_values_from_definitions(inferred: Graph) -> None:
    assert (EX.club, RDF.type, KKG.FestivalOrganiser) in inferred
    assert (EX.winner, RDF.type, KKG.AwardRecipient) in inferred


def test_label_design_gives_rdfs_label_and_schema_name(inferred: Graph) -> None:
    assert (EX.town, RDFS.label, Literal("Town", lang="en")) in inferred
    assert (EX.town, SCHEMA.name, Literal("Town", lang="en")) in inferred


def test_schema_org_alignment(closed: Graph) -> None:
    """A query in schema.org terms only finds the events with place, date and hierarchy."""
    rows = closed.query(
        """
        PREFIX schema: <https://schema.org/>
        SELECT ?event ?place ?start ?super WHERE {
            ?event a schema:Event ; schema:location ?place .
            OPTIONAL { ?event schema:startDate ?start }
            OPTIONAL { ?event schema:superEvent ?super }
        }
        """
    )
    found = {tuple(row) for row in rows if isinstance(row, ResultRow)}
    start = Literal("2025-07-07", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))
    assert (EX.edition1, EX.venue, start, EX.series) in found
    assert any(r[0] == EX.race and r[3] == EX.edition1 for r in found)
    assert (EX.series, RDF.type, SCHEMA.Event) in closed
    assert (EX.meeting, SCHEMA.organizer, EX.host) in closed
    assert (EX.town, RDF.type, SCHEMA.Place) in closed
    assert (EX.town, SCHEMA.containedInPlace, EX.country) in closed
    assert (EX.college, RDF.type, SCHEMA.EducationalOrganization) in closed
