"""An answer compared with the expected answer stored beside an example query.

The example tests on a fresh build (``test_queries.py``) and on an installed wheel
(``test_package.py``) both use it: rows are compared as multisets (as lists when the query
sorts), a graph with ``isomorphic``, never as text.
"""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import isomorphic

from kuopio_kg.examples import ExampleQuery

#: What a query answers: rows, a boolean, or (CONSTRUCT, DESCRIBE) a graph.
Answer = ox.QuerySolutions | ox.QueryBoolean | Graph


def assert_expected_answer(example: ExampleQuery, got: Answer) -> None:
    """Fail unless ``got`` is the answer stored for ``example``."""
    assert example.expected is not None, f"{example.name} has no expected answer beside it"
    if isinstance(got, Graph):
        assert isomorphic(got, Graph().parse(example.expected, format="turtle")), example.name
        return
    expected = ox.parse_query_results(path=example.expected, format=ox.QueryResultsFormat.JSON)
    if isinstance(got, ox.QueryBoolean):
        assert isinstance(expected, ox.QueryBoolean), example.name
        assert bool(got) == bool(expected), example.name
        return
    assert isinstance(expected, ox.QuerySolutions), example.name
    assert [v.value for v in got.variables] == [v.value for v in expected.variables]
    got_rows, want_rows = _rows(got), _rows(expected)
    assert got_rows, f"{example.name} returns no rows"
    if "ORDER BY" in example.text.upper():
        assert got_rows == want_rows, example.name
    else:
        assert Counter(got_rows) == Counter(want_rows), example.name


def _rows(solutions: ox.QuerySolutions) -> list[tuple[str, ...]]:
    variables = solutions.variables
    return [tuple(str(solution[v]) if solution[v] is not None else "" for v in variables)
            for solution in solutions]  # fmt: skip
