"""Rendering query results: SPARQL result formats, RDF formats and a plain-text table."""

from __future__ import annotations

import pyoxigraph as ox

from kuopio_kg.errors import QueryError
from kuopio_kg.formats import GRAPHS, RESULTS

Result = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

#: SELECT and ASK result formats by name (from the format table).
RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {f.name: f.results_format for f in RESULTS}

#: CONSTRUCT and DESCRIBE result formats by name (from the format table).
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {f.name: f.rdf_format for f in GRAPHS}

#: Every name ``render`` accepts: the two tables above and the human ``table``.
FORMAT_NAMES = ("table", *RESULT_FORMATS, *GRAPH_FORMATS)


def render(result: Result, name: str, prefixes: dict[str, str]) -> bytes:
    """Serialize ``result`` as format ``name``; graphs in ``table`` form come out as Turtle."""
    if isinstance(result, ox.QueryTriples):
        graph_format = GRAPH_FORMATS.get("turtle" if name == "table" else name)
        if graph_format is None:
            raise QueryError(
                f"A CONSTRUCT or DESCRIBE result cannot be written as {name}; "
                f"use one of: {', '.join(GRAPH_FORMATS)}."
            )
        return ox.serialize(result, format=graph_format, prefixes=prefixes) or b""
    if name == "table":
        return _table(result, prefixes).encode()
    result_format = RESULT_FORMATS.get(name)
    if result_format is None:
        raise QueryError(
            f"A SELECT or ASK result cannot be written as {name}; "
            f"use one of: table, {', '.join(RESULT_FORMATS)}."
        )
    return result.serialize(format=result_format) or b""


def short(
    term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None, prefixes: dict[str, str]
) -> str:
    """A compact text form of a term: prefixed names, bare literal values."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in prefixes.items():
            if term.value.startswith(namespace) and len(term.value) > len(namespace):
                return f"{prefix}:{term.value[len(namespace) :]}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return term.value + (f"@{term.language}" if term.language else "")
    return str(term)


def _table(result: ox.QuerySolutions | ox.QueryBoolean, prefixes: dict[str, str]) -> str:
    if isinstance(result, ox.QueryBoolean):
        return ("true" if bool(result) else "false") + "\n"
    header = [v.value for v in result.variables]
    rows = [[short(solution[v], prefixes) for v in result.variables] for solution in result]
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]
    lines = [" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
