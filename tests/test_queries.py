"""The example queries are tests: each runs on a fresh build and gives its stored answer."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph

from answers import Answer, assert_expected_answer
from kuopio_kg.examples import ExampleQuery, load_examples
from kuopio_kg.release import Release
from kuopio_kg.settings import Settings
from kuopio_kg.store import OxigraphStore

EXAMPLES = load_examples(Settings.from_env(environ={}).queries_dir)


def test_there_are_enough_examples() -> None:
    assert len(EXAMPLES) >= 20


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_example_gives_its_expected_answer(example: ExampleQuery, release: Release) -> None:
    result = OxigraphStore(release.store_path).query(example.text)
    got: Answer
    if isinstance(result, ox.QueryTriples):
        nt = ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
        got = Graph().parse(data=nt, format="nt")
    else:
        got = result
    assert_expected_answer(example, got)
