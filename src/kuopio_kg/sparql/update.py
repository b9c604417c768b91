"""An update's text as the worker runs it: the protocol's dataset written in, LOADs done.

SPARQL 1.1 Protocol §2.2.3: ``using-graph-uri`` and ``using-named-graph-uri`` act as
``USING`` / ``USING NAMED`` clauses of every operation that has a ``WHERE``, and an
operation that already has ``USING`` or ``WITH`` makes the request an error. Oxigraph has
no parameter for this, so the clauses are written into the text, right before each
operation's top-level ``WHERE``. Each ``LOAD`` operation is replaced by the ``INSERT DATA``
that :mod:`kuopio_kg.sparql.fetch` made of its document.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from kuopio_kg.errors import QueryError
from kuopio_kg.sparql.lexer import Lexed, Token
from kuopio_kg.sparql.policy import Load
from kuopio_kg.store.oxigraph import syntax_message


def rewrite(
    update: Lexed,
    using: tuple[str, ...] = (),
    using_named: tuple[str, ...] = (),
    replacements: Mapping[tuple[int, int], str] | None = None,
) -> str:
    """The update's text with the protocol's USING clauses added and each span of
    ``replacements`` (a LOAD operation) replaced; as it is when there is nothing to do."""
    edits = [(start, end, text) for (start, end), text in (replacements or {}).items()]
    if using or using_named:
        clause = " ".join(
            [*(f"USING <{g}>" for g in using), *(f"USING NAMED <{g}>" for g in using_named)]
        )
        edits += [(position, position, clause + " ") for position in _wheres(update)]
    text = update.text
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def check_syntax(update: Lexed, base_iri: str, loads: Iterable[Load]) -> None:
    """Raise QueryError when the update is not valid SPARQL, before anything is fetched.

    Oxigraph parses it on an empty in-memory store, each LOAD in it written as an empty
    ``INSERT DATA`` (so nothing is fetched); an error of evaluation there says nothing of
    the real store and is ignored.
    """
    text = rewrite(update, replacements={load.span: "INSERT DATA {}" for load in loads})
    try:
        ox.Store().update(text, base_iri=base_iri or None)
    except SyntaxError as exc:
        raise QueryError(f"The update is not valid SPARQL: {syntax_message(exc)}.") from None
    except (OSError, RuntimeError):
        pass


def _wheres(update: Lexed) -> list[int]:
    """Where each operation's USING clauses go: before its top-level WHERE."""
    inserts: list[int] = []
    for operation in _operations(update.tokens):
        if any(t.depth == 0 and t.is_word("USING", "WITH") for t in operation):
            raise QueryError(
                "The update has its own USING or WITH clause and the request also sends "
                "using-graph-uri or using-named-graph-uri; send only one of the two."
            )
        where = [t for t in operation if t.depth == 0 and t.is_word("WHERE")]
        if where and operation[0].is_word("DELETE", "INSERT") and not _is_delete_where(operation):
            inserts.append(where[0].start)
    return inserts


def _operations(toks: tuple[Token, ...]) -> list[list[Token]]:
    """The tokens of each operation, split at top-level ``;`` (prologues dropped)."""
    operations: list[list[Token]] = [[]]
    for token in toks:
        if token.depth == 0 and token.text == ";":
            operations.append([])
        else:
            operations[-1].append(token)
    result = []
    for operation in operations:
        body = _skip_prologue(operation)
        if body:
            result.append(body)
    return result


def _skip_prologue(operation: list[Token]) -> list[Token]:
    i = 0
    while i < len(operation) and operation[i].is_word("PREFIX", "BASE"):
        i += 3 if operation[i].is_word("PREFIX") else 2
    return operation[i:]


def _is_delete_where(operation: list[Token]) -> bool:
    return len(operation) > 1 and operation[0].is_word("DELETE") and operation[1].is_word("WHERE")
