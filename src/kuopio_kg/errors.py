"""The one exception tree of kuopio-kg.

Every class knows the HTTP status a web request ends with and the exit code a CLI command
ends with; the Flask error handler and the CLI each translate it in exactly one place.
The message is one sentence for a person: what is wrong, where, what to do.
"""

from __future__ import annotations

from dataclasses import dataclass


class KuopioKgError(Exception):
    """Base of every error the project raises on purpose."""

    http_status = 500
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SettingsError(KuopioKgError):
    """A setting (environment variable or CLI option) has an invalid value."""

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input: where it is and what to do about it."""

    file: str
    line: int | None
    entity: str
    what: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.entity}: {self.what} — {self.fix}"


class InputError(KuopioKgError):
    """An input file cannot be read or parsed."""

    exit_code = 65  # EX_DATAERR

    def __init__(self, problem: Problem) -> None:
        super().__init__(
            f"{problem.file} cannot be loaded; "
            "the build stopped and the current release is unchanged."
        )
        self.problems = [problem]


class ValidationError(KuopioKgError):
    """The inputs parse but break the SHACL shapes; the build stops."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        noun = "violation" if len(problems) == 1 else "violations"
        super().__init__(
            f"{len(problems)} SHACL {noun}; the build stopped and the current release is unchanged."
        )
        self.problems = problems


class InconsistentError(KuopioKgError):
    """The reasoner found the inputs logically inconsistent (for example disjoint classes)."""

    exit_code = 1


class ReleaseError(KuopioKgError):
    """No release is available (nothing built yet) or a release folder is damaged."""

    http_status = 503
    exit_code = 3


class QueryError(KuopioKgError):
    """A SPARQL query is malformed or uses something the endpoint does not allow."""

    http_status = 400
    exit_code = 1


class UnsupportedMediaType(KuopioKgError):
    """A request body has a content type the endpoint cannot read."""

    http_status = 415


class NotAcceptable(KuopioKgError):
    """No representation matches the client's Accept header."""

    http_status = 406
