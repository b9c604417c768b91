"""The review file: one row per candidate the linker could not decide on alone.

The curator fills the ``decision`` column with ``accept`` or ``reject`` (or leaves it empty
for later); ``kuopio-kg link --apply`` links the accepted rows.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kuopio_kg.errors import CandidatesError, Problem
from kuopio_kg.link.score import FEATURES, Scored

COLUMNS = [
    "entity",
    "label",
    "qid",
    "wikidata_label",
    "wikidata_description",
    *[f"{name}_{part}" for name in FEATURES for part in ("value", "score")],
    "total",
    "decision",
    "retrieved",
]
DECISIONS = ("accept", "reject", "")


@dataclass(frozen=True)
class Decided:
    """A row the curator accepted: which entity, which item, its score and retrieval date."""

    entity: str
    qid: str
    total: float
    retrieved: str


def row(scored: Scored, retrieved: str, decision: str = "") -> dict[str, str]:
    """The CSV row of one scored candidate."""
    values = {
        "entity": scored.entity.iri,
        "label": scored.entity.label,
        "qid": scored.candidate.qid,
        "wikidata_label": " | ".join(scored.candidate.names),
        "wikidata_description": scored.candidate.description,
        "total": f"{scored.total:.3f}",
        "decision": decision,
        "retrieved": retrieved,
    }
    for name, feature in scored.features.items():
        values[f"{name}_value"] = feature.value
        values[f"{name}_score"] = f"{feature.score:.2f}"
    return values


def earlier_decisions(path: Path) -> dict[tuple[str, str], str]:
    """(entity, QID) → the decision the curator already wrote in the review file, so that a
    re-run keeps it; an absent or unreadable file keeps nothing."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as source:
        return {
            (values.get("entity") or "", values.get("qid") or ""): values["decision"]
            for values in csv.DictReader(source)
            if values.get("decision")
        }


def write(path: Path, rows: Iterable[dict[str, str]]) -> None:
    """Write the review file (replacing an earlier one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def accepted(path: Path, shown: str) -> list[Decided]:
    """The rows of the review file marked ``accept``; every bad row is one Problem."""
    if not path.is_file():
        problem = Problem(
            shown,
            None,
            "file",
            "the candidates file does not exist",
            "run `kuopio-kg link` first, or give --candidates PATH",
        )
        raise CandidatesError([problem])
    problems: list[Problem] = []
    found: list[Decided] = []
    with path.open(encoding="utf-8", newline="") as source:
        reader = csv.DictReader(source)
        missing = sorted(set(COLUMNS) - set(reader.fieldnames or []))
        if missing:
            problem = Problem(
                shown,
                1,
                "header",
                f"missing columns {', '.join(missing)}",
                "keep the header the linker wrote",
            )
            raise CandidatesError([problem])
        for line, values in enumerate(reader, start=2):
            decision = (values["decision"] or "").strip().lower()
            entity = values["entity"] or "?"
            if decision not in DECISIONS:
                problems.append(
                    Problem(
                        shown,
                        line,
                        entity,
                        f"decision {values['decision']!r} is not one of accept, reject or empty",
                        "write accept, reject, or leave it empty",
                    )
                )
            elif decision == "accept":
                qid = (values["qid"] or "").strip()
                if not (qid.startswith("Q") and qid[1:].isdigit()):
                    problems.append(
                        Problem(
                            shown,
                            line,
                            entity,
                            f"QID {qid!r} is not a QID",
                            "keep the QID the linker wrote, such as Q162279",
                        )
                    )
                    continue
                found.append(Decided(entity, qid, float(values["total"] or 0), values["retrieved"]))
    if problems:
        raise CandidatesError(problems)
    return found
