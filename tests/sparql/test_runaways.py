"""The memory of runaways over a remote store: what is refused, and for how long."""

from __future__ import annotations

from pathlib import Path

import pytest

from kuopio_kg.errors import QueryTimeout, RunawayRefused
from kuopio_kg.sparql import remote
from kuopio_kg.sparql.jobs import Job, Operation


def _job(text: str, named: tuple[str, ...] | None = None) -> Job:
    return Job(Operation.QUERY, text, "", Path("unused"), named_graphs=named)


def _run_to_deadline(runaways: remote._Runaways, job: Job) -> None:
    with pytest.raises(QueryTimeout), runaways.watch(remote._key(job), job, "the 1 s limit"):
        raise QueryTimeout("stopped at the store")


def test_only_a_query_that_ran_to_its_deadline_is_refused() -> None:
    runaways = remote._Runaways()
    slow = _job("SELECT * WHERE { ?s ?p ?o }")
    with runaways.watch(remote._key(slow), slow, "the 1 s limit"):
        pass  # answered: nothing is remembered
    with runaways.watch(remote._key(slow), slow, "the 1 s limit"):
        pass
    _run_to_deadline(runaways, slow)
    same = _job("SELECT *\n  WHERE {\t?s ?p ?o }")
    refused = pytest.raises(RunawayRefused, match="ran past the 1 s limit")
    with refused as caught, runaways.watch(remote._key(same), same, "the 1 s limit"):
        pytest.fail("a known runaway was sent again")
    # refused just now: the whole REFUSE_FOR is still to wait
    assert caught.value.headers() == {"Retry-After": f"{remote.REFUSE_FOR:.0f}"}
    assert f"for another {remote.REFUSE_FOR:.0f} s" in caught.value.message
    other_dataset = _job(slow.text, named=("https://example.org/g",))
    with runaways.watch(remote._key(other_dataset), other_dataset, "the 1 s limit"):
        pass


def test_a_runaway_is_sent_again_once_refuse_for_has_passed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    runaways = remote._Runaways()
    job = _job("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }")
    _run_to_deadline(runaways, job)
    monkeypatch.setattr(remote, "REFUSE_FOR", 0.0)
    with runaways.watch(remote._key(job), job, "the 1 s limit"):
        pass  # sent: the memory of the runaway has expired ...
    monkeypatch.undo()
    with runaways.watch(remote._key(job), job, "the 1 s limit"):
        pass  # ... and was dropped, so it is not refused once REFUSE_FOR is long again
