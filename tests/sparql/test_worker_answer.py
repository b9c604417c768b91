"""worker.answer turns an answer that breaks off while its rows are read into a 502."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from kuopio_kg.errors import UpstreamError
from kuopio_kg.sparql import worker
from kuopio_kg.sparql.jobs import Failure, Job, Operation

#: SPARQL JSON results cut off after the first row, with text after it, as a store that
#: gives up mid-answer writes them; pyoxigraph parses rows as they are read.
_BROKEN = (b'{"head":{"vars":["x"]},"results":{"bindings":['
           b'{"x":{"type":"literal","value":"a"}},stopped here')  # fmt: skip


class _Answers:
    def query(self, text: str, **_: object) -> ox.QuerySolutions | ox.QueryBoolean:
        return ox.parse_query_results(_BROKEN, format=ox.QueryResultsFormat.JSON)


class _Handle:
    @contextmanager
    def reading(self, store_path: Path) -> Iterator[_Answers]:
        yield _Answers()

    def write(self, *_: object) -> None:
        raise AssertionError("no update here")


def test_an_answer_that_breaks_off_while_read_is_the_stores_fault() -> None:
    job = Job(Operation.QUERY, "SELECT ?x WHERE { ?x ?p ?o }", "", Path("unused"))
    messages = list(worker.answer(job, _Handle()))
    assert [type(m) for m in messages] == [Failure]
    failure = messages[0]
    assert isinstance(failure, Failure)
    assert failure.error == UpstreamError.__name__
    assert "could not be read" in failure.message
