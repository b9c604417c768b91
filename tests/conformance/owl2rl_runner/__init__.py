"""Runs an OWL 2 RL reasoner over the cases in ``tests/conformance/owl2rl`` and scores it.

The modules follow the data: :mod:`.cases` lists the cases from the collections' own
metadata, :mod:`.graphs` reads premises (with their local imports) and conclusions,
:mod:`.entailment` decides whether a closure contains a conclusion, :mod:`.reference` wraps
owlrl as the reference reasoner, and :mod:`.run` checks every case and keeps the score.
"""

from conformance.owl2rl_runner.cases import SUITE_DIR, Case, Kind, Suite
from conformance.owl2rl_runner.reference import owlrl_reasoner
from conformance.owl2rl_runner.run import Outcome, Reasoner, Report, Verdict, run

__all__ = [
    "SUITE_DIR",
    "Case",
    "Kind",
    "Outcome",
    "Reasoner",
    "Report",
    "Suite",
    "Verdict",
    "owlrl_reasoner",
    "run",
]
