"""A small SPARQL tokenizer, just enough to see what a query or update asks for.

The endpoint never evaluates with this; it reads the text the way the SPARQL grammar's
terminals do (IRIs, strings, comments, names) so the policy can find every ``SERVICE``
and ``LOAD`` target and the update rewriter can find each operation's ``WHERE``, without
being fooled by keywords inside strings, IRIs or comments.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

#: Token kinds, tried in this order at each position; the first match wins.
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("space", r"\s+"),
    ("comment", r"#[^\n\r]*"),
    ("iri", r"<(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>"),
    ("string", r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"),
    ("string", r'"(?:[^"\\\n\r]|\\.)*"' r"|'(?:[^'\\\n\r]|\\.)*'"),
    ("var", r"[?$][\w\u00B7-\uFFFF]+"),
    (
        "pname",
        r"(?:[A-Za-z\u00C0-\uFFFF][\w\-.\u00B7-\uFFFF]*)?:(?:[\w\-:%\u00B7-\uFFFF]|\\.|\.(?=[\w\-:%]))*",
    ),
    ("word", r"[A-Za-z_][\w\-]*"),
    ("other", r"."),
)
_TOKEN = re.compile("|".join(f"(?P<{kind}{i}>{p})" for i, (kind, p) in enumerate(_PATTERNS)), re.S)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    #: Nesting depth of ``{}`` braces around the token.
    depth: int

    def is_word(self, *words: str) -> bool:
        return self.kind == "word" and self.text.upper() in words


@dataclass(frozen=True)
class Lexed:
    """A query or update and its significant tokens: lexed once, read by every check."""

    text: str
    tokens: tuple[Token, ...]


def lex(text: str) -> Lexed:
    return Lexed(text, tuple(tokens(text)))


def tokens(text: str) -> list[Token]:
    """The significant tokens of ``text`` (no spaces, no comments), with brace depth."""
    out: list[Token] = []
    depth = 0
    for match in _TOKEN.finditer(text):
        kind = (match.lastgroup or "other").rstrip("0123456789")
        if kind in ("space", "comment"):
            continue
        value = match.group()
        if value == "}":
            depth -= 1
        out.append(Token(kind, value, match.start(), depth))
        if value == "{":
            depth += 1
    return out


def unescape(iri: str) -> str:
    """An IRI token's text without the angle brackets and with ``\\u`` escapes decoded."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), iri[1:-1])


class Prologue:
    """PREFIX and BASE declarations seen so far, to resolve IRIs the way the parser will."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.prefixes: dict[str, str] = {}

    def read(self, toks: tuple[Token, ...], i: int) -> None:
        """Record a declaration starting at ``toks[i]`` (a PREFIX or BASE word)."""
        if toks[i].is_word("BASE") and i + 1 < len(toks) and toks[i + 1].kind == "iri":
            self.base = urljoin(self.base, unescape(toks[i + 1].text))
        elif toks[i].is_word("PREFIX") and i + 2 < len(toks) and toks[i + 2].kind == "iri":
            name = toks[i + 1].text.rstrip(":")
            self.prefixes[name] = urljoin(self.base, unescape(toks[i + 2].text))

    def resolve(self, token: Token) -> str | None:
        """The absolute IRI a token names, or None (a variable, an unknown prefix, ...)."""
        if token.kind == "iri":
            return urljoin(self.base, unescape(token.text))
        if token.kind == "pname":
            prefix, _, local = token.text.partition(":")
            namespace = self.prefixes.get(prefix)
            return None if namespace is None else namespace + re.sub(r"\\(.)", r"\1", local)
        return None


def walk(lexed: Lexed, base: str) -> Iterator[tuple[tuple[Token, ...], int, Prologue]]:
    """Every token position with the prologue in force there (declarations are read first)."""
    toks = lexed.tokens
    prologue = Prologue(base)
    for i, token in enumerate(toks):
        if token.is_word("PREFIX", "BASE"):
            prologue.read(toks, i)
        yield toks, i, prologue
