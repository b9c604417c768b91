"""The embedded store: Oxigraph (RocksDB on disk), opened read-write by the build and
read-only by the server processes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

from kuopio_kg.errors import QueryError, ReleaseError


class OxigraphStore:
    """A store folder inside a release.

    ``in_memory`` reads the whole folder into an in-memory store, for reading only: scans
    and joins run 2-4 times faster there than through RocksDB, for about 600 bytes a triple.
    """

    def __init__(self, path: Path, *, read_only: bool = True, in_memory: bool = False) -> None:
        try:
            self._store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
            if in_memory:
                on_disk, self._store = self._store, ox.Store()
                self._store.bulk_extend(on_disk.quads_for_pattern(None, None, None, None))
                for graph in on_disk.named_graphs():  # empty ones too: they exist
                    self._store.add_graph(graph)
        except OSError as exc:
            raise ReleaseError(
                f"The store at {path} cannot be opened: {exc}. Rebuild with `kuopio-kg build`."
            ) from None
        self.path = path
        self.name = str(path)
        self.in_memory = in_memory

    def add_graph(self, graph_iri: str, ntriples: bytes) -> None:
        self._store.bulk_load(
            ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph_iri)
        )

    def add_quads(self, nquads: bytes) -> None:
        self._store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)

    def query(
        self,
        text: str,
        *,
        union_default_graph: bool = True,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        base_iri: str | None = None,
        prefixes: dict[str, str] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        try:
            return self._store.query(
                text,
                base_iri=base_iri,
                prefixes=prefixes,
                use_default_graph_as_union=union_default_graph and default_graphs is None,
                default_graph=None if default_graphs is None else [*_graphs(default_graphs)],
                named_graphs=None if named_graphs is None else _graphs(named_graphs),
            )
        except SyntaxError as exc:
            raise QueryError(f"The query is not valid SPARQL: {syntax_message(exc)}.") from None

    def update(self, text: str, *, base_iri: str | None = None) -> None:
        """Run a SPARQL update in one transaction (the store must be opened read-write)."""
        try:
            self._store.update(text, base_iri=base_iri)
        except SyntaxError as exc:
            raise QueryError(f"The update is not valid SPARQL: {syntax_message(exc)}.") from None

    def select(self, text: str, *, union_default_graph: bool = True) -> list[ox.QuerySolution]:
        """The solutions of a SELECT query, as a list."""
        result = self.query(text, union_default_graph=union_default_graph)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("Expected a SELECT query.")
        return list(result)

    def ask(self, text: str, *, union_default_graph: bool = True) -> bool:
        """The answer of an ASK query."""
        result = self.query(text, union_default_graph=union_default_graph)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("Expected an ASK query.")
        return bool(result)

    def graph_sizes(self) -> dict[str, int]:
        sizes: dict[str, int] = {}
        for graph in self._store.named_graphs():
            if isinstance(graph, ox.NamedNode):
                sizes[graph.value] = sum(
                    1 for _ in self._store.quads_for_pattern(None, None, None, graph)
                )
        return dict(sorted(sizes.items()))

    def quads(self) -> Iterator[ox.Quad]:
        return self._store.quads_for_pattern(None, None, None, None)

    def named_graphs(self) -> list[ox.NamedNode]:
        return [g for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)]

    def apply(
        self,
        remove: Sequence[ox.Quad],
        add: Sequence[ox.Quad],
        created: Sequence[ox.NamedNode] = (),
        dropped: Sequence[ox.NamedNode] = (),
    ) -> None:
        """Opened read-write only. Each step is a transaction of its own; the journal's
        replay makes a change cut short whole again (see kuopio_kg.updates.writer)."""
        for quad in remove:
            self._store.remove(quad)
        for graph in dropped:
            self._store.remove_graph(graph)
        for graph in created:
            self._store.add_graph(graph)
        self._store.extend(add)

    def flush(self) -> None:
        self._store.flush()


def _graphs(iris: list[str]) -> list[ox.NamedNode | ox.BlankNode]:
    """Graph IRIs as Oxigraph nodes."""
    return [ox.NamedNode(iri) for iri in iris]


#: How many of the parser's expected alternatives an error message lists.
_SHOWN_ALTERNATIVES = 6


def syntax_message(error: SyntaxError) -> str:
    """The parser's message with its position, its long list of alternatives shortened."""
    text = " ".join(str(error).split())
    head, marker, alternatives = text.partition("expected one of ")
    if not marker:
        return text
    options: list[str] = []
    depth = start = 0
    for index, char in enumerate(alternatives):
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char == "," and depth == 0:
            options.append(alternatives[start:index].strip())
            start = index + 1
    options.append(alternatives[start:].strip())
    shown = ", ".join(options[:_SHOWN_ALTERNATIVES])
    return head + marker + shown + (", …" if len(options) > _SHOWN_ALTERNATIVES else "")
