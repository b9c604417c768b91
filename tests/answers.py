"""An answer compared with the expected answer stored beside an example query.

The example tests on a fresh build (``test_queries.py``) and on an installed wheel
(``test_package.py``) both use it: rows are compared as multisets (as lists when the query
sorts), a graph with ``isomorphic``, never as text. The items of a column the example
declares in its ``# lists:`` header are compared as a set, since ``GROUP_CONCAT`` keeps no order.
"""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import isomorphic

from kuopio_kg.examples import LIST_SEPARATOR, ExampleQuery

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
    got_rows, want_rows = _rows(got, example.lists), _rows(expected, example.lists)
    assert got_rows, f"{example.name} returns no rows"
    if "ORDER BY" in example.text.upper():
        assert got_rows == want_rows, example.name
    else:
        assert Counter(got_rows) == Counter(want_rows), example.name


def _rows(solutions: ox.QuerySolutions, lists: tuple[str, ...]) -> list[tuple[str, ...]]:
    variables = solutions.variables
    return [tuple(_cell(solution[v], v.value in lists) for v in variables)
            for solution in solutions]  # fmt: skip


def _cell(term: object, is_list: bool) -> str:
    if term is None:
        return ""
    if is_list and isinstance(term, ox.Literal):
        return repr(sorted(term.value.split(LIST_SEPARATOR)))
    return str(term)
