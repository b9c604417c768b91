"""The modes of ``kuopio-kg link`` as plain functions that print through callbacks, so
the CLI only parses options (and click stays out of this package).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kuopio_kg.link.client import client_for
from kuopio_kg.link.export import quickstatements
from kuopio_kg.link.linker import apply, find, our_graph
from kuopio_kg.link.report import Finding, report
from kuopio_kg.settings import Settings

Echo = Callable[[str], None]


@dataclass(frozen=True)
class Request:
    """One call of ``kuopio-kg link``: its files and where its lines go."""

    settings: Settings
    accepted: Path
    candidates: Path
    csv_path: Path | None
    output: Path | None
    out: Echo
    err: Echo


def _find(request: Request) -> None:
    client = client_for(request.settings)
    outcome = find(request.settings, client, request.accepted, request.candidates)
    request.err(
        f"link: {outcome.entities} unlinked entities asked about in {client.requests} "
        f"requests; {len(outcome.linked)} linked in {request.accepted}, "
        f"{len(outcome.review)} candidates to review in {request.candidates}"
    )


def _apply(request: Request) -> None:
    links = apply(request.settings, request.accepted, request.candidates)
    request.err(f"link: {len(links)} accepted rows linked in {request.accepted}")


def _report(request: Request) -> None:
    rows = report(our_graph(request.settings), client_for(request.settings))
    for line in table(rows):
        request.out(line)
    if request.csv_path is not None:
        with request.csv_path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["kind", "entity", "ours", "wikidata"])
            writer.writerows([r.kind, r.entity, r.ours, r.wikidata] for r in rows)


def _export(request: Request) -> None:
    ours = our_graph(request.settings)
    day = datetime.now(UTC).date().isoformat()
    lines = quickstatements(ours.links, request.settings.dataset_iri, day)
    if request.output is None:
        for line in lines:
            request.out(line)
    else:
        request.output.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        request.err(f"link: {len(lines)} QuickStatements lines in {request.output}")


def table(rows: list[Finding]) -> list[str]:
    """The report as aligned text columns."""
    cells = [("kind", "entity", "ours", "wikidata")] + [
        (r.kind, r.entity, r.ours, r.wikidata) for r in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(4)]
    return [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]


#: Mode name → what it does.
MODES: dict[str, Callable[[Request], None]] = {
    "find": _find,
    "apply": _apply,
    "report": _report,
    "export": _export,
}


def run(
    settings: Settings,
    mode: str,
    accepted: Path,
    candidates: Path,
    csv_path: Path | None,
    output: Path | None,
    out: Echo,
    err: Echo,
) -> None:
    """Run one mode of ``kuopio-kg link``."""
    MODES[mode](Request(settings, accepted, candidates, csv_path, output, out, err))
