"""Load stage: find the input files, parse them, and put each in its named graph.

Which graph a file belongs to is decided by where it lies in the ``source`` folder
(:data:`LAYOUT`); a source without an ontology or without data is an error, not an empty
build. Imported graphs (``kuopio-kg import``) lie in :attr:`Settings.imports_dir` and are
optional: no import yet is an empty graph. The SHACL shapes are found here too but only
validate, they are never stored. Files are written against
:data:`~kuopio_kg.namespaces.DEFAULT_BASE`; with another base configured, every IRI under
it is rewritten while loading.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.exceptions import ParserError
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from kuopio_kg import __version__
from kuopio_kg.errors import InputError, NoInputError, Problem
from kuopio_kg.graphs import ALL
from kuopio_kg.ingest.imports import ERASMUS, GRAPH_FILE, manifest_path
from kuopio_kg.namespaces import DEFAULT_BASE
from kuopio_kg.settings import Settings

SHAPES_FILE = "shapes.ttl"

#: (Settings property naming a folder of the source, glob below it, named graph), in load order.
LAYOUT: tuple[tuple[str, str, str], ...] = (
    ("ontology_dir", "*.ttl", "ontology"),
    ("input_dir", "*.ttl", "data"),
    ("input_dir", "links/*.ttl", "links"),
    ("imports_dir", f"{ERASMUS}/{GRAPH_FILE}", "mobility"),
)

#: The rdflib parser of an input file, by its suffix.
PARSERS = {".ttl": "turtle", ".nt": "nt"}

#: The named graphs a build cannot do without: at least one file must feed each.
REQUIRED_GRAPHS = ("ontology", "data")


@dataclass(frozen=True)
class InputFile:
    path: Path
    graph: str
    #: The path relative to the source folder: in messages, the release record and its id.
    shown: str


@dataclass
class Loaded:
    """The parsed inputs: one rdflib graph per named graph, and where each subject came from."""

    graphs: dict[str, Graph]
    files: list[InputFile]
    shapes: Graph
    shapes_file: Path
    source: Path
    origins: dict[Node, InputFile] = field(default_factory=dict)

    def union(self, *names: str) -> Graph:
        """One graph holding the triples of the named graphs ``names``."""
        merged = Graph()
        for name in names:
            for triple in self.graphs[name]:
                merged.add(triple)
        return merged


def display_path(path: Path, root: Path) -> str:
    """``path`` as a person should see it: relative to ``root`` when it lies below it."""
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def discover(settings: Settings) -> list[InputFile]:
    """Every input file in load order, with the graph it goes to.

    Raises :class:`NoInputError` naming the folder when the ontology or the data is missing.
    """
    found: list[InputFile] = []
    for folder_property, pattern, graph in LAYOUT:
        folder: Path = getattr(settings, folder_property)
        paths = [path for path in sorted(folder.glob(pattern)) if path.name != SHAPES_FILE]
        if not paths and graph in REQUIRED_GRAPHS:
            raise NoInputError(folder.absolute(), pattern)
        found.extend(InputFile(path, graph, _shown(settings, path)) for path in paths)
    return found


def _shown(settings: Settings, path: Path) -> str:
    """How a file is named in messages and in the release id: relative to the source
    folder, or (an import) to the data folder, so the id does not depend on where it is."""
    root = settings.data_dir if path.is_relative_to(settings.imports_dir) else settings.source
    return display_path(path, root)


def shapes_path(settings: Settings) -> Path:
    return settings.ontology_dir / SHAPES_FILE


def input_digest(settings: Settings) -> str:
    """A content hash of everything a build reads: the release id.

    Unchanged inputs (files, shapes, base IRI, reasoner, code version) give the same id.
    """
    digest = hashlib.sha256()
    for part in (__version__, settings.base_iri, settings.reasoner):
        digest.update(part.encode() + b"\0")
    paths = [f.path for f in discover(settings)]
    paths += [p for p in (shapes_path(settings), manifest_path(settings)) if p.exists()]
    for path in paths:
        digest.update(_shown(settings, path).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def parse_file(path: Path, base_iri: str = DEFAULT_BASE, shown: str | None = None) -> Graph:
    """Parse one Turtle (``.ttl``) or N-Triples (``.nt``) file, rewriting the default base to
    ``base_iri``.

    A syntax error becomes an :class:`InputError` naming the file (as ``shown``, by default
    the path itself) and, for Turtle, the line.
    """
    shown = str(path) if shown is None else shown
    graph = Graph()
    try:
        graph.parse(path, format=PARSERS.get(path.suffix, "turtle"))
    except ParserError as exc:
        raise InputError(
            Problem(shown, None, "(syntax)", f"N-Triples syntax error: {exc}", "import it again")
        ) from None
    except BadSyntax as exc:
        raise InputError(
            Problem(
                file=shown,
                line=exc.lines + 1,
                entity="(syntax)",
                what=f"Turtle syntax error: {exc._why}",
                fix="correct the Turtle at that line",
            )
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            Problem(shown, None, "(file)", f"cannot be read: {exc}", "check the file")
        ) from None
    if base_iri != DEFAULT_BASE:
        graph = _rebase(graph, base_iri)
    return graph


def _rebase(graph: Graph, base_iri: str) -> Graph:
    def move(term: Node) -> Node:
        if isinstance(term, URIRef) and term.startswith(DEFAULT_BASE):
            return URIRef(base_iri + term[len(DEFAULT_BASE) :])
        return term

    moved = Graph()
    for prefix, namespace in graph.namespaces():
        moved.bind(prefix, move(namespace), override=True)
    for s, p, o in graph:
        moved.add((move(s), move(p), move(o)))
    return moved


def load(settings: Settings) -> Loaded:
    """Parse every input into its named graph, remembering which file each subject is in."""
    graphs = {name: Graph() for name in ALL}
    files = discover(settings)
    origins: dict[Node, InputFile] = {}
    for item in files:
        parsed = parse_file(item.path, settings.base_iri, item.shown)
        target = graphs[item.graph]
        for prefix, namespace in parsed.namespaces():
            target.bind(prefix, namespace, override=False)
        for triple in parsed:
            target.add(triple)
            origins.setdefault(triple[0], item)
    shapes_file = shapes_path(settings)
    shapes = Graph()
    if shapes_file.exists():
        shown = display_path(shapes_file, settings.source)
        shapes = parse_file(shapes_file, settings.base_iri, shown)
    return Loaded(graphs, files, shapes, shapes_file, settings.source, origins)


def line_of(path: Path, graph_prefixes: Iterable[tuple[str, URIRef]], iri: str) -> int | None:
    """The first line of ``path`` that names ``iri`` (in full or by a prefixed name)."""
    needles = [f"<{iri}>"]
    for prefix, namespace in graph_prefixes:
        if iri.startswith(str(namespace)) and len(iri) > len(namespace):
            needles.append(f"{prefix}:{iri[len(namespace) :]}")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for number, text in enumerate(lines, start=1):
        if any(_names(text, needle) for needle in needles):
            return number
    return None


def _names(text: str, needle: str) -> bool:
    """Whether ``needle`` stands in ``text`` as a whole term (not inside a longer name)."""
    start = text.find(needle)
    while start != -1:
        end = start + len(needle)
        before_ok = start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "-_:")
        after_ok = end == len(text) or not (text[end].isalnum() or text[end] in "-_")
        if before_ok and after_ok:
            return True
        start = text.find(needle, start + 1)
    return False
