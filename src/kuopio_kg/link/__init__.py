"""Linking our entities with Wikidata, and checking the links (``kuopio-kg link``).

:mod:`.client` asks the Wikidata Query Service politely (User-Agent, POST, one at a time,
429 waited out) and :mod:`.cache` keeps its answers on disk; :mod:`.entities` reads our
side, :mod:`.classes` maps our classes to Wikidata's, :mod:`.queries` writes the portable
SPARQL, :mod:`.score` scores candidates and picks clear winners, :mod:`.candidates` is the
review file, :mod:`.records` the file of links made, :mod:`.linker` runs a linking pass,
:mod:`.report` checks the links against Wikidata, :mod:`.export` writes QuickStatements
and :mod:`.commands` runs the modes of the command.
"""

from kuopio_kg.link.cache import Answer, AnswerCache
from kuopio_kg.link.client import WikidataClient, client_for, user_agent
from kuopio_kg.link.export import quickstatements
from kuopio_kg.link.linker import Outcome, apply, find, our_graph
from kuopio_kg.link.report import Finding, report

__all__ = [
    "Answer",
    "AnswerCache",
    "Finding",
    "Outcome",
    "WikidataClient",
    "apply",
    "client_for",
    "find",
    "our_graph",
    "quickstatements",
    "report",
    "user_agent",
]
