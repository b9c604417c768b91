"""Validate stage: run the SHACL shapes over the inputs and say, per violation, where and what.

Each shape in ``ontology/shapes.ttl`` carries ``sh:message`` (what is wrong) and
``sh:description`` (what to do); a violation becomes a :class:`~kuopio_kg.errors.Problem`
naming the file and line of the entity at fault.
"""

from __future__ import annotations

from collections.abc import Callable

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kuopio_kg.errors import Problem
from kuopio_kg.graphs import ASSERTED
from kuopio_kg.load import Loaded, display_path, line_of


def validate(loaded: Loaded) -> list[Problem]:
    """Every SHACL violation of the inputs, sorted by file and line (empty when valid)."""
    if len(loaded.shapes) == 0:
        return []
    data = loaded.union(*ASSERTED)  # the data with the ontology's class hierarchy

    def locate(focus: Node | None) -> tuple[str, int | None]:
        origin = loaded.origins.get(focus) if focus is not None else None
        if origin is None:
            return display_path(loaded.shapes_file, loaded.source), None
        return origin.shown, line_of(origin.path, loaded.graphs[origin.graph].namespaces(),
                                     str(focus))  # fmt: skip

    return _problems(data, loaded.shapes, locate)


def shacl_problems(data: Graph, shapes: Graph, where: str = "the update") -> list[Problem]:
    """Every SHACL violation of ``data``, each said to come from ``where``."""
    return _problems(data, shapes, lambda _focus: (where, None))


def _problems(
    data: Graph, shapes: Graph, locate: Callable[[Node | None], tuple[str, int | None]]
) -> list[Problem]:
    conforms, report, _ = shacl_validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    if conforms:
        return []
    problems = [
        _problem(data, shapes, report, result, locate)
        for result in report.subjects(SH.resultSeverity, SH.Violation)
    ]
    return sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.entity, p.what))


def _problem(
    data: Graph,
    shapes: Graph,
    report: Graph,
    result: Node,
    locate: Callable[[Node | None], tuple[str, int | None]],
) -> Problem:
    focus = report.value(result, SH.focusNode)
    shape = report.value(result, SH.sourceShape)
    message = report.value(result, SH.resultMessage)
    path = report.value(result, SH.resultPath)
    fix = _description(shapes, shape) or "see ontology/shapes.ttl for the rule"
    what = str(message) if message is not None else "breaks a shape"
    if isinstance(path, URIRef):
        what = f"{what} (property {data.namespace_manager.normalizeUri(path)})"
    file, line = locate(focus)
    return Problem(file, line, str(focus), what, fix)


def _description(shapes: Graph, shape: Node | None) -> str | None:
    """The shape's advice; a property shape without one inherits its node shape's."""
    if shape is None:
        return None
    text = shapes.value(shape, SH.description)
    if text is not None:
        return str(text)
    parent = shapes.value(None, SH.property, shape)
    return _description(shapes, parent) if parent is not None else None
