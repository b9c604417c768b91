"""The example queries are tests: each runs on a fresh build and gives its stored answer."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kuopio_kg.examples import ExampleQuery, load_examples
from kuopio_kg.release import Release
from kuopio_kg.settings import Settings
from kuopio_kg.store import OxigraphStore

EXAMPLES = load_examples(Settings.from_env(environ={}).queries_dir)


def test_there_are_enough_examples() -> None:
    assert len(EXAMPLES) >= 20


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_example_gives_its_expected_answer(example: ExampleQuery, release: Release) -> None:
    assert example.expected is not None, f"{example.name} has no expected answer beside it"
    result = OxigraphStore(release.store_path).query(example.text)
    if isinstance(result, ox.QueryTriples):
        got = Graph().parse(data=ox.serialize(result, format=ox.RdfFormat.N_TRIPLES), format="nt")
        assert isomorphic(got, Graph().parse(example.expected, format="turtle"))
        return
    expected = ox.parse_query_results(path=example.expected, format=ox.QueryResultsFormat.JSON)
    if isinstance(result, ox.QueryBoolean):
        assert isinstance(expected, ox.QueryBoolean)
        assert bool(result) == bool(expected)
        return
    assert isinstance(expected, ox.QuerySolutions)
    assert [v.value for v in result.variables] == [v.value for v in expected.variables]
    got_rows, want_rows = _rows(result), _rows(expected)
    assert got_rows, f"{example.name} returns no rows"
    if "ORDER BY" in example.text.upper():
        assert got_rows == want_rows
    else:
        assert Counter(got_rows) == Counter(want_rows)


def _rows(solutions: ox.QuerySolutions) -> list[tuple[str, ...]]:
    variables = solutions.variables
    return [tuple(str(solution[v]) if solution[v] is not None else "" for v in variables)
            for solution in solutions]  # fmt: skip
