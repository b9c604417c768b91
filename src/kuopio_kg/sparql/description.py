"""The SPARQL 1.1 Service Description, true to the running settings.

Served on ``GET /sparql`` without a query. It names the endpoint, the languages, the
result formats, the features, the default entailment regime (with the union default
graph on, the default graph includes the OWL 2 RL inferences), every named graph with
its size, and the active query policy in the project's own ``endpoint#`` terms.
"""

from __future__ import annotations

import pyoxigraph as ox

from kuopio_kg.formats import GRAPHS, RESULTS
from kuopio_kg.settings import Settings
from kuopio_kg.sparql.policy import Policy

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = "http://www.w3.org/2001/XMLSchema#"

#: The entailment regime of the default graph, by whether it is the union of the graphs.
REGIMES = {
    True: "http://www.w3.org/ns/entailment/OWL-RDF-Based",
    False: "http://www.w3.org/ns/entailment/Simple",
}
OWL2_RL_PROFILE = "http://www.w3.org/ns/owl-profile/RL"


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(SD + name)


def describe(
    endpoint_url: str, settings: Settings, policy: Policy, sizes: dict[str, int]
) -> list[ox.Triple]:
    """The description's triples; ``sizes`` maps graph IRIs ("" = default graph) to counts."""
    service = ox.NamedNode(endpoint_url)
    terms = settings.base_iri + "endpoint#"
    regime = ox.NamedNode(REGIMES[settings.union_default_graph])
    triples = [
        ox.Triple(service, RDF_TYPE, _sd("Service")),
        ox.Triple(service, _sd("endpoint"), service),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(service, _sd("defaultEntailmentRegime"), regime),
    ]
    if settings.union_default_graph:
        profile = ox.NamedNode(OWL2_RL_PROFILE)
        triples.append(ox.Triple(service, _sd("feature"), _sd("UnionDefaultGraph")))
        triples.append(ox.Triple(service, _sd("defaultSupportedEntailmentProfile"), profile))
    if settings.update_token:
        triples.append(ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Update")))
    if policy.service_allow:
        triples.append(ox.Triple(service, _sd("feature"), _sd("BasicFederatedQuery")))
    triples += [
        ox.Triple(service, _sd("resultFormat"), ox.NamedNode(f.w3c_iri))
        for f in (*RESULTS, *GRAPHS)
    ]
    triples += _policy(service, terms, policy, settings)
    triples += _dataset(service, sizes)
    return triples


def _policy(
    service: ox.NamedNode, terms: str, policy: Policy, settings: Settings
) -> list[ox.Triple]:
    values: dict[str, tuple[object, str]] = {
        "queryTimeoutSeconds": (policy.timeout, "decimal"),
        "serviceTimeoutSeconds": (policy.service_timeout, "decimal"),
        "maxRows": (policy.max_rows, "integer"),
        "maxBodyBytes": (settings.max_body, "integer"),
        "fetchesFromGraphs": ("false", "boolean"),
    }
    triples = [
        ox.Triple(
            service,
            ox.NamedNode(terms + name),
            ox.Literal(str(value), datatype=ox.NamedNode(XSD + datatype)),
        )
        for name, (value, datatype) in values.items()
    ]
    triples += [
        ox.Triple(service, ox.NamedNode(terms + "serviceAllowed"), ox.NamedNode(iri))
        for iri in policy.service_allow
    ]
    return triples


def _dataset(service: ox.NamedNode, sizes: dict[str, int]) -> list[ox.Triple]:
    # Fixed blank-node labels: the same dataset gives the same bytes (and Content-Length) on
    # every request, so a HEAD check and a GET agree.
    dataset, default = ox.BlankNode("dataset"), ox.BlankNode("defaultGraph")
    triples = [
        ox.Triple(service, _sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
        ox.Triple(dataset, _sd("defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, _sd("Graph")),
        ox.Triple(default, ox.NamedNode(VOID + "triples"), _integer(sizes.get("", 0))),
    ]
    named_sizes = sorted((iri, size) for iri, size in sizes.items() if iri)
    for number, (iri, size) in enumerate(named_sizes, start=1):
        named, graph = ox.BlankNode(f"namedGraph{number}"), ox.BlankNode(f"graph{number}")
        triples += [
            ox.Triple(dataset, _sd("namedGraph"), named),
            ox.Triple(named, RDF_TYPE, _sd("NamedGraph")),
            ox.Triple(named, _sd("name"), ox.NamedNode(iri)),
            ox.Triple(named, _sd("graph"), graph),
            ox.Triple(graph, RDF_TYPE, _sd("Graph")),
            ox.Triple(graph, ox.NamedNode(VOID + "triples"), _integer(size)),
        ]
    return triples


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
