"""Every setting of kuopio-kg, declared once and read from the environment once.

Each field carries its default and a help line; the environment variable of a field is
its upper-cased name behind the ``KUOPIO_KG_`` prefix (``port`` is ``KUOPIO_KG_PORT``).
The CLI derives its options from the same fields, and the README lists them (a test keeps
the two in step).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kuopio_kg import graphs
from kuopio_kg.errors import SettingsError

PREFIX = "KUOPIO_KG_"

#: The folder this package is installed in (or ``src/kuopio_kg`` in a checkout).
PACKAGE_DIR = Path(str(files("kuopio_kg")))

#: A list of endpoint IRIs, each an absolute http(s) IRI.
IRIList = tuple[str, ...]


class Reasoner(StrEnum):
    """The OWL 2 RL engines a build can use (the ``reasoner`` setting)."""

    KUOPIO = "kuopio"
    OWLRL = "owlrl"


def _parse_bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError("expected one of true/false, yes/no, on/off, 1/0")


def _parse_iri(text: str) -> str:
    if not text.startswith(("http://", "https://")) or not text.endswith(("/", "#")):
        raise ValueError("expected an http(s) IRI ending in '/' or '#'")
    return text


def _parse_reasoner(text: str) -> Reasoner:
    try:
        return Reasoner(text.strip())
    except ValueError:
        raise ValueError("expected one of " + ", ".join(Reasoner)) from None


def _parse_iri_list(text: str) -> IRIList:
    iris = tuple(text.split())
    for iri in iris:
        parts = urlsplit(iri)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ValueError(f"{iri!r} is not an absolute http(s) IRI")
    return iris


#: How a text value becomes a typed one, by the field's declared type.
_PARSERS: dict[str, Callable[[str], Any]] = {
    "str": str,
    "int": int,
    "float": float,
    "bool": _parse_bool,
    "Path": lambda text: Path(text).expanduser(),
    "IRI": _parse_iri,
    "Reasoner": _parse_reasoner,
    "IRIList": _parse_iri_list,
}


@dataclass(frozen=True)
class Settings:
    """The typed configuration of one process (build, server or test)."""

    host: str = field(default="127.0.0.1", metadata={"help": "Address the server listens on."})
    port: int = field(default=8080, metadata={"help": "TCP port the server listens on."})
    data_dir: Path = field(
        default=Path("var"),
        metadata={
            "help": "Folder holding the releases and the pointer to the current one "
            "(a relative path is taken from the current directory)."
        },
    )
    base_iri: str = field(
        default="https://w3id.org/kuopio-kg/",
        metadata={"help": "Base of every IRI the graph mints (ontology, instances, graphs)."},
    )
    source: Path = field(
        default=PACKAGE_DIR / "inputs",
        metadata={
            "help": "Folder with the inputs: ontology/ (with the SHACL shapes), data/ (links "
            "in data/links/) and queries/ (the examples); the default is the copy installed "
            "with the package."
        },
    )
    reasoner: Reasoner = field(
        default=Reasoner.KUOPIO,
        metadata={"help": "OWL 2 RL engine of the build: kuopio (fast), or owlrl (the reference)."},
    )
    workers: int = field(
        default=2, metadata={"help": "gunicorn worker processes for `kuopio-kg serve`."}
    )
    publisher_name: str = field(
        default="kuopio-kg project",
        metadata={"help": "Publisher and contact name in the DCAT catalog."},
    )
    contact_email: str = field(
        default="kuopio-kg@example.org",
        metadata={
            "help": "Contact e-mail address in the DCAT catalog and in the User-Agent of "
            "every request to Wikidata."
        },
    )
    catalog_page_size: int = field(
        default=100, metadata={"help": "Datasets per page of the DCAT catalog (Hydra paging)."}
    )
    threads: int = field(
        default=8, metadata={"help": "Request threads per gunicorn worker process."}
    )
    query_workers: int = field(
        default=2,
        metadata={"help": "Query worker processes per server process, each killable."},
    )
    memory_store: bool = field(
        default=True,
        metadata={
            "help": "Query workers read a copy of the release held in memory (2-4x faster "
            "scans, about 600 bytes a triple per worker); false reads the store on disk."
        },
    )
    memory_store_triples: int = field(
        default=1000000,
        metadata={
            "help": "Largest release, in triples, that query workers copy into memory (with "
            "KUOPIO_KG_MEMORY_STORE); a larger one is read from the store on disk, whose page "
            "cache all processes share, so memory does not grow with the number of workers."
        },
    )
    worker_memory: int = field(
        default=0,
        metadata={
            "help": "MiB of memory each query worker may allocate (its data segment, with its "
            "copy of the release); a query that needs more is stopped with a 503 and the "
            "worker replaced; 0 sets no limit."
        },
    )
    result_cache: int = field(
        default=64,
        metadata={
            "help": "Megabytes of answers each server process keeps for repeated queries "
            "(never those calling SERVICE, NOW, RAND, UUID or BNODE, nor any over a remote store); "
            "0 keeps none."
        },
    )
    query_timeout: float = field(
        default=30.0,
        metadata={"help": "Seconds a query or update may run before its worker is killed."},
    )
    max_rows: int = field(
        default=10000,
        metadata={"help": "Most result rows (or triples) returned; a cut result is flagged."},
    )
    max_body: int = field(
        default=2097152, metadata={"help": "Largest request body accepted, in bytes (else 413)."}
    )
    union_default_graph: bool = field(
        default=True,
        metadata={"help": "Query the union of the named graphs as the default graph."},
    )
    update_token: str = field(
        default="",
        metadata={"help": "Bearer token that enables SPARQL Update; empty disables updates."},
    )
    service_allow: IRIList = field(
        default=("https://query.wikidata.org/sparql",),
        metadata={
            "help": "Space-separated SERVICE endpoints federated queries may call "
            "(absolute http or https IRIs)."
        },
    )
    service_timeout: float = field(
        default=10.0,
        metadata={
            "help": "Deadline in seconds of a query that calls a SERVICE endpoint, and of "
            "each network wait while an update fetches a LOAD document."
        },
    )
    store: str = field(
        default="",
        metadata={
            "help": "Query URL of a remote SPARQL 1.1 store (Virtuoso, Oxigraph server, "
            "Fuseki) that `build` loads and `serve` answers from; empty uses the embedded "
            "store under data_dir."
        },
    )
    store_update: str = field(
        default="",
        metadata={"help": "Update URL of the remote store; empty means its query URL."},
    )
    store_graph_store: str = field(
        default="",
        metadata={
            "help": "Graph Store Protocol URL of the remote store, which `build` loads graphs "
            "through when set (needed for Virtuoso: its SPARQL update refuses some literals)."
        },
    )
    store_user: str = field(
        default="",
        metadata={"help": "User name for the remote store (HTTP digest or basic); empty: none."},
    )
    store_password: str = field(
        default="", metadata={"help": "Password for the remote store's user."}
    )
    wikidata_endpoint: str = field(
        default="https://query.wikidata.org/sparql",
        metadata={"help": "SPARQL endpoint `kuopio-kg link` asks for Wikidata candidates."},
    )
    wikidata_timeout: float = field(
        default=60.0,
        metadata={"help": "Seconds `kuopio-kg link` waits for one answer from Wikidata."},
    )
    wikidata_retries: int = field(
        default=3,
        metadata={"help": "Times `kuopio-kg link` retries a request Wikidata answered with 429."},
    )

    @classmethod
    def from_env(cls, prefix: str = PREFIX, environ: Mapping[str, str] | None = None) -> Settings:
        """Read every field from ``environ`` (default: the process environment)."""
        if environ is None:
            import os

            environ = os.environ
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            name = prefix + f.name.upper()
            if name in environ:
                values[f.name] = parse_value(f, environ[name], name)
        return cls(**values)

    def replace(self, **changes: Any) -> Settings:
        """A copy with some fields changed (used by the CLI options and by tests)."""
        return dataclasses.replace(self, **changes)

    @property
    def ontology_dir(self) -> Path:
        """The ontology and the SHACL shapes, inside :attr:`source`."""
        return self.source / "ontology"

    @property
    def input_dir(self) -> Path:
        """The curated Turtle data (links in ``links/``), inside :attr:`source`."""
        return self.source / "data"

    @property
    def queries_dir(self) -> Path:
        """The example queries with their expected answers, inside :attr:`source`."""
        return self.source / "queries"

    @property
    def imports_dir(self) -> Path:
        """What ``kuopio-kg import`` writes (one folder per kind, e.g. ``erasmus/``), inside
        :attr:`data_dir`; the build loads the graphs it holds."""
        return self.data_dir / "imports"

    @property
    def ontology_iri(self) -> str:
        return self.base_iri + "ontology"

    def graph_iri(self, name: str) -> str:
        """The IRI of one of the named graphs of :mod:`kuopio_kg.graphs` under the base."""
        return graphs.graph_iri(self.base_iri, name)

    @property
    def dataset_iri(self) -> str:
        """The IRI of the whole dataset under the base."""
        return graphs.dataset_iri(self.base_iri)


def field_kind(f: dataclasses.Field[Any]) -> str:
    """The parser name of a field: its type, except that ``base_iri`` is checked as an IRI."""
    if f.name.endswith("_iri"):
        return "IRI"
    return str(f.type)


def parse_value(f: dataclasses.Field[Any], text: str, origin: str) -> Any:
    """Turn the text of one setting into its typed value, or say clearly what is wrong."""
    try:
        return _PARSERS[field_kind(f)](text)
    except ValueError as exc:
        raise SettingsError(f"{origin}={text!r} is not valid: {exc}.") from None


def describe() -> list[tuple[str, str, str]]:
    """(environment variable, default, help) for every setting, for docs and ``--help``."""
    return [
        (PREFIX + f.name.upper(), _shown(f.default), str(f.metadata["help"]))
        for f in dataclasses.fields(Settings)
    ]


def _shown(default: object) -> str:
    """A default as the docs show it: the package's own folders by their place in it."""
    if isinstance(default, Path) and default.is_relative_to(PACKAGE_DIR):
        return str(default.relative_to(PACKAGE_DIR.parent))
    if isinstance(default, tuple):
        return " ".join(default)
    return str(default)
