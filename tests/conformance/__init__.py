"""The project's runners for the W3C SPARQL 1.1 suites copied into ``sparql11/``.

Modules, in the order data flows through them:

- ``manifest``  reads the manifests (evaluation, protocol, service description) into records
- ``answers``   answers and expected results in one exact form, read from any result format
- ``compare``   equality of answers up to blank-node renaming, and of graphs by isomorphism
- ``engines``   pyoxigraph in-process (the reference) and a server over HTTP
- ``evaluate``  runs the query-evaluation tests against an engine and scores it
- ``protocol``  runs the protocol and service-description tests against a server
"""

__all__ = ["answers", "compare", "engines", "evaluate", "manifest", "protocol"]
