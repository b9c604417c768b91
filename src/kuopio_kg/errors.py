"""The one exception tree of kuopio-kg.

Every class knows the HTTP status a web request ends with and the exit code a CLI command
ends with; the Flask error handler and the CLI each translate it in exactly one place.
The message is one sentence for a person: what is wrong, where, what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class KuopioKgError(Exception):
    """Base of every error the project raises on purpose."""

    http_status = 500
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InternalError(KuopioKgError):
    """A failure that is nobody's input mistake (a bug, a crashed worker): logged, and shown
    to the user only as a request id to quote."""


def from_name(name: str, message: str) -> KuopioKgError:
    """The project error class called ``name``, made again with ``message``.

    Errors that cross a process boundary (from a query worker) travel by class name; a
    name that is not a project error taking a plain message becomes an InternalError.
    """
    pending: list[type[KuopioKgError]] = [KuopioKgError]
    while pending:
        cls = pending.pop()
        if cls.__name__ == name and cls.__init__ is KuopioKgError.__init__:
            return cls(message)
        pending += cls.__subclasses__()
    return InternalError(f"{name}: {message}")


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


class ImportFormatError(InputError):
    """A file given to an import is not laid out as that import reads it: its header lacks a
    column the import needs, or it is not a table of the expected kind at all."""

    http_status = 422
    exit_code = 65  # EX_DATAERR

    def __init__(self, problem: Problem) -> None:
        KuopioKgError.__init__(
            self, f"{problem.file} cannot be imported: {problem.what}; {problem.fix}."
        )
        self.problems = [problem]


class NoInputError(KuopioKgError):
    """The source folder holds none of the files a build needs (no ontology, or no data)."""

    exit_code = 66  # EX_NOINPUT

    def __init__(self, folder: Path, pattern: str) -> None:
        super().__init__(
            f"No input: {folder} holds no {pattern} file; point --source (KUOPIO_KG_SOURCE) "
            "at a folder with ontology/, data/ and queries/ inside."
        )
        self.folder = folder


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
    """The reasoner found the inputs (or an update) logically inconsistent (for example
    disjoint classes)."""

    http_status = 422
    exit_code = 1


class ReleaseError(KuopioKgError):
    """No release is available (nothing built yet) or a release folder is damaged."""

    http_status = 503
    exit_code = 3


class JournalError(KuopioKgError):
    """The update journal cannot be read or written (a full disk, a damaged line)."""

    http_status = 503
    exit_code = 74  # EX_IOERR


class StorageError(KuopioKgError):
    """A store cannot be written (a full disk): the build or update stops, and what was
    served before is served still."""

    http_status = 503
    exit_code = 74  # EX_IOERR


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


class EndpointError(KuopioKgError):
    """Base of the SPARQL endpoint's refusals; some add response headers (``headers``)."""

    def headers(self) -> dict[str, str]:
        """Extra HTTP headers the response carries (for example ``WWW-Authenticate``)."""
        return {}


class PolicyRefused(EndpointError):
    """The query or update asks for something the safety policy forbids (SERVICE, LOAD)."""

    http_status = 403


class AuthenticationRequired(EndpointError):
    """An update came without the bearer token that updates require."""

    http_status = 401

    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": 'Bearer realm="sparql-update"'}


class UpdateForbidden(EndpointError):
    """Updates are disabled on this endpoint, or the bearer token is wrong."""

    http_status = 403


class MethodNotAllowed(EndpointError):
    """An update was sent by GET; updates change the store and are accepted by POST only."""

    http_status = 405

    def headers(self) -> dict[str, str]:
        return {"Allow": "GET, POST, OPTIONS"}


class UpdateRefused(EndpointError):
    """An update would break the SHACL shapes or make the data inconsistent; nothing of it
    is applied."""

    http_status = 422


class PayloadTooLarge(EndpointError):
    """A request body is larger than the configured cap."""

    http_status = 413


class QueryTimeout(EndpointError):
    """A query ran past its deadline; its worker was killed and replaced."""

    http_status = 503

    def headers(self) -> dict[str, str]:
        return {"Retry-After": "5"}


class RunawayRefused(EndpointError):
    """The same query ran to its deadline at the remote store lately, and is not sent again
    until ``retry_after`` seconds have passed."""

    http_status = 503

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(max(1, round(self.retry_after)))}


class WorkerLost(EndpointError):
    """The query worker died while answering (killed, or over its memory limit); it was
    replaced, and the other requests are unaffected."""

    http_status = 503

    def headers(self) -> dict[str, str]:
        return {"Retry-After": "5"}


class UpstreamError(EndpointError):
    """Evaluating failed outside the query itself (a SERVICE endpoint, the disk)."""

    http_status = 502


class StoreUnavailable(EndpointError):
    """The remote SPARQL store (``KUOPIO_KG_STORE``) does not answer: the connection was
    refused or timed out, or the store answered with a server error. The message names the
    store; the next request tries it again, so service resumes when the store is back."""

    http_status = 503
    exit_code = 69  # EX_UNAVAILABLE

    def headers(self) -> dict[str, str]:
        return {"Retry-After": "5"}


class DocumentRefused(EndpointError):
    """A document an update LOADs is not one the endpoint takes: the host answered with an
    error, or it is not RDF in a graph format, or it is too large once read."""

    http_status = 422


class InvalidDocument(EndpointError):
    """A Graph Store request body is not RDF in the format its Content-Type names."""

    http_status = 400


class GraphNotFound(EndpointError):
    """The Graph Store was asked for a named graph the store does not hold."""

    http_status = 404


class GraphReadOnly(EndpointError):
    """A Graph Store write to a graph the build computes (inferred, metadata)."""

    http_status = 403


class InvalidTriple(KuopioKgError):
    """A triple to explain is not written as one N-Triples triple."""

    http_status = 400
    exit_code = 2


class NotInClosure(KuopioKgError):
    """A triple to explain is not in the release (neither asserted nor inferred)."""

    http_status = 404


class BadParameter(KuopioKgError):
    """A request parameter has a value the resource does not offer."""

    http_status = 400


class UnknownResource(KuopioKgError):
    """An IRI under the base that the current release does not mention."""

    http_status = 404

    def __init__(self, iri: str, suggestions: list[str]) -> None:
        super().__init__(
            f"Nothing is known about <{iri}> in the current release; "
            "check the spelling, or start from the landing page or the SPARQL endpoint."
        )
        self.suggestions = suggestions


class ReconcileError(KuopioKgError):
    """A reconciliation, suggest or extension request is malformed (bad JSON, a missing
    field, an unknown property or a JSONP callback that is not a plain name)."""

    http_status = 400


class UnknownEntity(KuopioKgError):
    """A reconciliation id that names no entity of the current release."""

    http_status = 404

    def __init__(self, entity_id: str) -> None:
        super().__init__(
            f"No entity has the id {entity_id!r} in the current release; reconcile the name "
            "again to get a current id."
        )


class WikidataError(KuopioKgError):
    """The Wikidata endpoint could not give an answer the linker can use."""

    http_status = 502
    exit_code = 69  # EX_UNAVAILABLE


class WikidataRefused(WikidataError):
    """The Wikidata endpoint refused the request (403): usually the User-Agent policy."""

    exit_code = 77  # EX_NOPERM


class WikidataTimeout(WikidataError):
    """The Wikidata endpoint did not answer within the timeout."""

    exit_code = 75  # EX_TEMPFAIL


class WikidataRateLimited(WikidataError):
    """The Wikidata endpoint still answered 429 after every allowed retry."""

    exit_code = 75  # EX_TEMPFAIL


class WikidataBadAnswer(WikidataError):
    """The Wikidata endpoint answered 200 with a body that is not SPARQL JSON results."""

    exit_code = 76  # EX_PROTOCOL


class CandidatesError(KuopioKgError):
    """The review file of link candidates holds a row the linker cannot apply."""

    exit_code = 65  # EX_DATAERR

    def __init__(self, problems: list[Problem]) -> None:
        noun = "row" if len(problems) == 1 else "rows"
        super().__init__(
            f"{len(problems)} {noun} of the candidates file cannot be applied; "
            "fix the decision column (accept, reject or empty) and run "
            "`kuopio-kg link --apply` again."
        )
        self.problems = problems
