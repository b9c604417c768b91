"""The journal's writer: one accepted update at a time, validated, closed and durable.

:meth:`Writer.update` holds the journal lock for the whole of one update:

1. bring the store up to the journal (entries a crash left unapplied) and the writer's
   :class:`~.state.State` up to the store;
2. evaluate the update on the state's copy: the exact quads it removes and adds;
3. refuse it whole when the asserted triples after it break the SHACL shapes, or when the
   closure becomes inconsistent;
4. append it to the journal and flush it to disk;
5. apply it, with the closure's change, to the store under the store's exclusive lock, and
   move the store's position.

Any refusal drops the state (it holds the refused change); the next update rebuilds it
from the store. :func:`catch_up` is steps 1 and 5 alone: the build and a starting server
call it.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kuopio_kg.errors import KuopioKgError, Problem, StorageError, UpdateRefused
from kuopio_kg.store import OxigraphStore
from kuopio_kg.store.lock import store_lock
from kuopio_kg.updates.config import Config
from kuopio_kg.updates.journal import Entry, Journal
from kuopio_kg.updates.position import position, set_position
from kuopio_kg.updates.state import Delta, State
from kuopio_kg.validate import shacl_problems

#: How many violations a refusal names.
_SHOWN = 5


class Writer:
    """The writer of one process, with the state of the store it wrote last."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.journal = Journal(config.data_dir)
        self._state: tuple[Path, State] | None = None
        self._shapes: Graph | None = None

    def update(self, store_path: Path, text: str, base_iri: str | None) -> Entry | None:
        """Apply one SPARQL update; its journal entry (None: it changed nothing)."""
        with self.journal.locked():
            state = self._caught_up(store_path)
            try:
                if state.violations is None:
                    state.violations = self._violations(state)
                delta = state.evaluate(text, base_iri)
                if not delta:
                    self._state = (store_path, state)  # the copy is unchanged
                    return None
                self._validate(state)
                closure = state.close(state.position + 1)
                entry = self.journal.append(state.position, text, base_iri or "", delta)
            except BaseException:
                self._state = None
                raise
            try:
                _write(store_path, delta.then(closure), entry.position)
            except StorageError:
                self._state = None
                raise
            self._state = (store_path, state)
            return entry

    def catch_up(self, store_path: Path) -> int:
        """Apply to the store the journal entries it lacks; how many there were."""
        with self.journal.locked():
            behind = self.journal.length() - position(store_path)
            if behind > 0:
                self._caught_up(store_path)
            return max(0, behind)

    def _caught_up(self, store_path: Path) -> State:
        """The state of the store at the journal's last entry, the store brought there."""
        stored = position(store_path)
        cached = self._state[1] if self._state and self._state[0] == store_path else None
        if cached is None or cached.position > stored:
            quads, named = _read(store_path)
            cached = State(quads, self.config.names, stored, named)
        if cached.position < stored:  # another process wrote: follow its entries
            for entry in self.journal.entries(after=cached.position):
                if entry.position > stored:
                    break
                cached.replay(entry.change())
            cached.close(stored)
        entries = list(self.journal.entries(after=stored))
        if entries:  # the store is behind the journal (a crash between the two)
            delta = Delta()
            for entry in entries:
                delta = delta.then(cached.replay(entry.change()))
            closure = cached.close(entries[-1].position)
            _write(store_path, delta.then(closure), entries[-1].position)
        self._state = (store_path, cached)
        return cached

    def _violations(self, state: State) -> frozenset[Problem]:
        """The SHACL violations of the state's asserted triples."""
        if self.config.shapes is None or not self.config.shapes.exists():
            return frozenset()
        if self._shapes is None:
            self._shapes = Graph().parse(self.config.shapes, format="turtle")
        return frozenset(shacl_problems(state.asserted(), self._shapes))

    def _validate(self, state: State) -> None:
        """Refuse the update when it adds a violation. Violations the store had before are
        not the update's: the store writes some datatypes in their base form (Oxigraph
        keeps ``"1"^^xsd:positiveInteger`` as ``xsd:integer``), which the shapes that
        passed the inputs may then find."""
        after = self._violations(state)
        problems = sorted(after - (state.violations or frozenset()), key=str)
        state.violations = after
        if problems:
            shown = "; ".join(f"{p.entity}: {p.what} ({p.fix})" for p in problems[:_SHOWN])
            more = f" and {len(problems) - _SHOWN} more" if len(problems) > _SHOWN else ""
            noun = "violation" if len(problems) == 1 else "violations"
            raise UpdateRefused(
                f"The update was refused, nothing of it applied: {len(problems)} SHACL "
                f"{noun}: {shown}{more}."
            )


def _read(store_path: Path) -> tuple[list[ox.Quad], list[ox.NamedNode]]:
    """Every quad of the store, and its named graphs (empty ones too)."""
    with store_lock(store_path, exclusive=False):
        store = OxigraphStore(store_path)
        quads, named = list(store.quads()), store.named_graphs()
        del store
    return quads, named


def _write(store_path: Path, delta: Delta, at: int) -> None:
    """Apply ``delta`` to the store and move its position to ``at``, under the store lock."""
    with store_lock(store_path, exclusive=True):
        failure = _apply(store_path, delta)
        if failure is not None:
            raise failure
        set_position(store_path, at)


def _apply(store_path: Path, delta: Delta) -> KuopioKgError | None:
    """Open read-write, apply, flush and close; the error comes back only once closed (a
    raised exception's traceback would keep the store open past the lock)."""
    try:
        store = OxigraphStore(store_path, read_only=False)
    except KuopioKgError as exc:
        return StorageError(exc.message)
    try:
        store.apply(delta.remove, delta.add, delta.created, delta.dropped)
        store.flush()
    except OSError as exc:
        return StorageError(
            f"The store {store_path} could not take the update ({exc}); it is in the journal "
            "and will be applied when the store can be written."
        )
    finally:
        del store
    return None
