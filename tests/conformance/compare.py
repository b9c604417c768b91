"""Does an answer equal the expected one? Blank nodes may carry any labels.

Solutions are compared as multisets of rows under one consistent one-to-one renaming of
blank nodes (found by a bounded backtracking search); when the query has a top-level
``ORDER BY``, the sequence of the ordering variables' values must match as well. Graphs
are compared with :func:`rdflib.compare.isomorphic`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rdflib.compare import isomorphic

from .answers import Answer, Boolean, Key, Row, Solutions, Triples

#: How many partial assignments the blank-node search may try before it gives up.
SEARCH_BUDGET = 200_000


def _has_bnode(row: Row) -> bool:
    return any(value[0] == "bnode" for value in row.values())


def _frozen(row: Row) -> frozenset[tuple[str, Key]]:
    return frozenset(row.items())


def _extend(
    expected: Row, actual: Row, renaming: dict[str, str], taken: set[str]
) -> dict[str, str] | None:
    """The blank-node pairs that make ``expected`` equal ``actual`` on top of ``renaming``."""
    if expected.keys() != actual.keys():
        return None
    new: dict[str, str] = {}
    for name, want in expected.items():
        have = actual[name]
        if want[0] != "bnode" or have[0] != "bnode":
            if want != have:
                return None
            continue
        mapped = renaming.get(want[1], new.get(want[1]))
        if mapped is None:
            if have[1] in taken or have[1] in new.values():
                return None
            new[want[1]] = have[1]
        elif mapped != have[1]:
            return None
    return new


class _Search:
    """Backtracking assignment of rows with blank nodes, expected to actual."""

    def __init__(self, expected: list[Row], actual: list[Row]) -> None:
        self.expected = expected
        self.actual = actual
        self.renaming: dict[str, str] = {}
        self.taken: set[str] = set()
        self.used = [False] * len(actual)
        self.budget = SEARCH_BUDGET

    def run(self, position: int = 0) -> bool:
        if position == len(self.expected):
            return True
        self.budget -= 1
        if self.budget < 0:
            return False
        for index, candidate in enumerate(self.actual):
            if self.used[index]:
                continue
            new = _extend(self.expected[position], candidate, self.renaming, self.taken)
            if new is None:
                continue
            self.renaming.update(new)
            self.taken.update(new.values())
            self.used[index] = True
            if self.run(position + 1):
                return True
            self.used[index] = False
            for label in new:
                self.taken.discard(self.renaming.pop(label))
        return False


def renaming(expected: Sequence[Row], actual: Sequence[Row]) -> dict[str, str] | None:
    """A blank-node renaming under which the rows are equal as multisets, or None."""
    if len(expected) != len(actual):
        return None
    plain_expected = Counter(_frozen(row) for row in expected if not _has_bnode(row))
    plain_actual = Counter(_frozen(row) for row in actual if not _has_bnode(row))
    if plain_expected != plain_actual:
        return None
    search = _Search(
        [row for row in expected if _has_bnode(row)], [row for row in actual if _has_bnode(row)]
    )
    return search.renaming if search.run() else None


def _sequence(
    rows: Sequence[Row], variables: Sequence[str], rename: dict[str, str]
) -> list[tuple[Key | None, ...]]:
    def value(row: Row, name: str) -> Key | None:
        found = row.get(name)
        if found is not None and found[0] == "bnode":
            return ("bnode", rename.get(found[1], found[1]))
        return found

    return [tuple(value(row, name) for name in variables) for row in rows]


def _example(expected: Solutions, actual: Solutions) -> str:
    """One row without blank nodes that only one side has, to show in a failure."""
    plain = [
        Counter(_frozen(r) for r in side.rows if not _has_bnode(r)) for side in (expected, actual)
    ]
    for side, extra in (("missing", plain[0] - plain[1]), ("unexpected", plain[1] - plain[0])):
        for row in extra:
            return f"; {side}: " + ", ".join(f"?{name}={value[1:]}" for name, value in sorted(row))
    return ""


def _solutions(expected: Solutions, actual: Solutions, order: Sequence[str]) -> str | None:
    if expected.variables and set(expected.variables) != set(actual.variables):
        return f"variables {sorted(actual.variables)}, expected {sorted(expected.variables)}"
    found = renaming(expected.rows, actual.rows)
    if found is None:
        return f"{len(actual.rows)} rows, expected {len(expected.rows)}{_example(expected, actual)}"
    ordered = [name for name in order if name in expected.variables or not expected.variables]
    if _sequence(expected.rows, ordered, found) != _sequence(actual.rows, ordered, {}):
        return f"rows in another order on {ordered}"
    return None


def difference(expected: Answer, actual: Answer, order: Sequence[str] = ()) -> str | None:
    """None when ``actual`` is the expected answer, else a short reason.

    ``order`` names the variables of the query's top-level ``ORDER BY``, if any.
    """
    if type(expected) is not type(actual):
        return f"a {type(actual).__name__} answer, expected {type(expected).__name__}"
    if isinstance(expected, Boolean):
        assert isinstance(actual, Boolean)
        return None if expected == actual else f"{actual.value}, expected {expected.value}"
    if isinstance(expected, Triples):
        assert isinstance(actual, Triples)
        if isomorphic(expected.graph, actual.graph):
            return None
        return f"graphs differ: {len(actual.graph)} triples, expected {len(expected.graph)}"
    assert isinstance(actual, Solutions)
    return _solutions(expected, actual, order)
