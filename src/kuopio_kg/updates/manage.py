"""What ``kuopio-kg updates list | export | discard`` does, without click.

``discard`` sets the journal aside (it is kept beside it, never deleted) and builds the
inputs again: the build gets a release id of the next epoch (see
:func:`~kuopio_kg.updates.journal.epoch_suffix`), so what is served is the built graph.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path

from kuopio_kg.release import Release
from kuopio_kg.settings import Settings
from kuopio_kg.updates.journal import Entry, Journal

#: The forms ``updates export`` writes.
EXPORT_FORMATS = ("jsonl", "sparql")


def summary(entry: Entry) -> str:
    """One line about an entry: position, time, quads removed and added, the update."""
    removed, added = entry.remove.count("\n"), entry.add.count("\n")
    first = " ".join(entry.text.split())
    shown = first if len(first) <= 60 else first[:59] + "…"
    return f"{entry.position:>6}  {entry.time}  -{removed:<6} +{added:<6} {shown}"


def listing(settings: Settings) -> Iterator[str]:
    journal = Journal(settings.data_dir)
    yield f"journal {journal.path} (epoch {journal.epoch})"
    count = 0
    for entry in journal.entries():
        count += 1
        yield summary(entry)
    yield f"{count} updates"


def export(settings: Settings, form: str) -> Iterator[str]:
    """The entries as JSON lines (as kept), or as one SPARQL Update request that makes the
    same changes on another store (each update as it was sent, with its base IRI)."""
    entries = Journal(settings.data_dir).entries()
    if form == "jsonl":
        for entry in entries:
            yield json.dumps(asdict(entry), ensure_ascii=False) + "\n"
        return
    separator = ""
    for entry in entries:
        base = f"BASE <{entry.base_iri}>\n" if entry.base_iri else ""
        yield f"{separator}# update {entry.position}, {entry.time}\n{base}{entry.text.strip()}\n"
        separator = ";\n"


def discard(
    settings: Settings, rebuild: Callable[[Settings], Release]
) -> tuple[Path | None, Release]:
    """Set the journal aside and rebuild; where the entries went, and the new release."""
    journal = Journal(settings.data_dir)
    with journal.locked():
        kept = journal.discard()
    return kept, rebuild(settings)
