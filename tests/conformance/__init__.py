"""Third-party conformance suites, copied unchanged with their licences, and the project's
own runners for them.

Data folders, each with a README naming its origin (repository, path, commit):

- ``sparql11/``               W3C SPARQL 1.1 query, result-format, protocol and service
  description tests
- ``sparql11-update/``        W3C SPARQL 1.1 Update tests (evaluation and syntax)
- ``gsp/``                    W3C SPARQL 1.1 Graph Store HTTP Protocol tests
- ``owl2rl/``                 OWL 2 RL test cases (RDF-Based Semantics sub-suite, W3C RL cases)
- ``dcat-ap/3.0.1/shacl/``    the DCAT-AP shapes the catalog must satisfy
- ``reconciliation/``         Reconciliation Service API schemas

Runners for the SPARQL suites, in the order data flows through them:

- ``manifest``  reads the manifests (evaluation, protocol, service description) into records
- ``answers``   answers and expected results in one exact form, read from any result format
- ``compare``   equality of answers up to blank-node renaming, and of graphs by isomorphism
- ``engines``   pyoxigraph in-process (the reference) and a server over HTTP
- ``evaluate``  runs the query-evaluation tests against an engine and scores it
- ``protocol``  runs the protocol and service-description tests against a server
- ``update_runner``  runs the update tests against pyoxigraph and a server, and scores them
- ``gsp_runner``  runs the Graph Store Protocol tests against a server's /graph-store

and for the OWL 2 RL cases, the package ``owl2rl_runner``.
"""

__all__ = [
    "answers",
    "compare",
    "engines",
    "evaluate",
    "gsp_runner",
    "manifest",
    "owl2rl_runner",
    "protocol",
    "update_runner",
]
