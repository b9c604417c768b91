"""Checks a reasoner against every case and keeps the score.

A reasoner is called with a fresh premise graph (imports merged in), may close it in place,
and returns the closure and whether it found the premise inconsistent. A case passes when:
positive entailment, the conclusion is in the closure; negative entailment, the
non-conclusion is not; consistency / inconsistency, the verdict is right. Cases without a
premise file here, and profile-only cases, are skipped. A reasoner that raises fails the
case it raised on, with the error as the reason, and the run goes on.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Graph

from conformance.owl2rl_runner import graphs
from conformance.owl2rl_runner.cases import Case, Kind, Suite
from conformance.owl2rl_runner.entailment import BudgetExceeded, entails

Reasoner = Callable[[Graph], tuple[Graph, bool]]


class Verdict(enum.Enum):
    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Outcome:
    case: Case
    verdict: Verdict
    reason: str = ""


@dataclass(frozen=True)
class Report:
    """The outcome of every case, in suite order."""

    outcomes: tuple[Outcome, ...]

    def labels(self, verdict: Verdict) -> frozenset[str]:
        """The cases (``suite/name``) that ended with ``verdict``."""
        return frozenset(o.case.label for o in self.outcomes if o.verdict is verdict)

    @property
    def passed(self) -> frozenset[str]:
        return self.labels(Verdict.PASSED)

    def summary(self) -> str:
        """``N passed, N failed, N skipped``, then one such line per collection."""
        lines = [_counts(self.outcomes)]
        for suite in sorted({o.case.suite for o in self.outcomes}):
            of_suite = [o for o in self.outcomes if o.case.suite == suite]
            lines.append(f"  {suite}: {_counts(of_suite)}")
        return "\n".join(lines)

    def failures(self) -> str:
        """One line per failed case, with its kind and the reason."""
        return "\n".join(
            f"{o.case.label} [{o.case.kind.value}]: {o.reason}"
            for o in self.outcomes
            if o.verdict is Verdict.FAILED
        )


def run(reasoner: Reasoner, suite: Suite) -> Report:
    """Check ``reasoner`` against every case of ``suite``."""
    return Report(tuple(_check(reasoner, case, suite) for case in suite.cases))


def _check(reasoner: Reasoner, case: Case, suite: Suite) -> Outcome:
    if case.premise is None or case.kind is Kind.PROFILE_ONLY:
        return Outcome(case, Verdict.SKIPPED, "no premise here" if case.premise is None else "")
    premise = graphs.premise(case.premise, suite.imports)
    target = graphs.conclusion(case.conclusion) if case.conclusion is not None else None
    try:
        closure, inconsistent = reasoner(premise)
    except Exception as error:  # the reasoner failed this case; the others still run
        return Outcome(case, Verdict.FAILED, f"error: {type(error).__name__}: {error}"[:200])
    try:
        reason = _judge(case.kind, closure, inconsistent, target)
    except BudgetExceeded as error:
        reason = str(error)
    return Outcome(case, Verdict.FAILED, reason) if reason else Outcome(case, Verdict.PASSED)


def _judge(kind: Kind, closure: Graph, inconsistent: bool, target: Graph | None) -> str:
    """Why the case failed, or "" if it passed."""
    if kind is Kind.INCONSISTENCY:
        return "" if inconsistent else "inconsistency not detected"
    if kind is Kind.CONSISTENCY:
        return "consistent premise reported inconsistent" if inconsistent else ""
    assert target is not None, f"{kind.value} case without a conclusion"
    if kind is Kind.POSITIVE_ENTAILMENT:
        return "" if entails(closure, target) else "conclusion not entailed"
    return "non-conclusion was derived (unsound)" if entails(closure, target) else ""


def _counts(outcomes: list[Outcome] | tuple[Outcome, ...]) -> str:
    counts = Counter(o.verdict for o in outcomes)
    return ", ".join(f"{counts[v]} {v.value}" for v in Verdict)
