"""What the journal's writer is told: plain data, light to import (it travels to the query
workers with each update, and a worker imports neither rdflib nor pySHACL until it writes)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kuopio_kg import graphs
from kuopio_kg.settings import Settings


@dataclass(frozen=True)
class Names:
    """The graphs the writer treats apart, and the statement of the journal position."""

    inferred: str
    metadata: str
    dataset: str
    position_property: str


@dataclass(frozen=True)
class Config:
    """Where the journal is, the shapes, the names."""

    data_dir: Path
    shapes: Path | None
    names: Names


def writer_config(settings: Settings) -> Config:
    """The writer's configuration under ``settings``."""
    return Config(
        settings.data_dir.resolve(),
        settings.ontology_dir / "shapes.ttl",
        Names(
            settings.graph_iri(graphs.INFERRED),
            settings.graph_iri(graphs.METADATA),
            settings.dataset_iri,
            settings.base_iri + "ontology#journalPosition",
        ),
    )
