"""What rule handlers share: the sink they write conclusions to, and their signatures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kuopio_kg.reason.engine.compile import Rule
from kuopio_kg.reason.engine.derivation import Why
from kuopio_kg.reason.engine.store import Triple, TripleStore
from kuopio_kg.reason.engine.vocab import V

T = V.TYPE
SAME = V.SAME_AS
Pairs = list[tuple[int, int]]
Members = list[int]


@dataclass
class Sink:
    """Where handlers put conclusions; ``why`` runs parallel to ``out`` when recording."""

    out: list[Triple] = field(default_factory=list)
    why: list[Why] | None = None

    def reason(self, name: str, *premises: Triple) -> None:
        """Record why the conclusion just appended holds (only when recording)."""
        if self.why is not None:
            self.why.append((name, premises))


#: A handler for a premise matched by ``(s, o)`` pairs of one predicate.
OnPairs = Callable[[TripleStore, Rule, Pairs, Sink], None]
#: A handler for a premise ``?x rdf:type C`` matched by members of one class.
OnMembers = Callable[[TripleStore, Rule, Members, Sink], None]
