"""Row accounting: which rows are skipped and why, and the per-file counts a report shows.

A row is skipped, not fatal, for one reason of :data:`REASONS` (the first that applies, in
the table's order). Rows are classified in the groups of identical rows the reading pass
made, each with its first line; a report's examples are the first lines of each distinct
*detail* (the offending values), so they cost memory per distinct problem, not per row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from kuopio_kg.errors import InputError, Problem
from kuopio_kg.ingest.erasmus.read import LINE

#: At most this many example lines are kept per reason.
EXAMPLES = 5

#: The column naming a skipped row's reason (null when the row is kept).
REASON = "reason"
#: The column saying what exactly was wrong with a skipped row.
DETAIL = "detail"


@dataclass(frozen=True)
class Reason:
    """One kind of skipped row: its key in reports, and what it means for a person."""

    key: str
    description: str
    applies: Callable[[frozenset[str]], pl.Expr]
    detail: Callable[[], pl.Expr]


def _bad_country(codes: frozenset[str]) -> pl.Expr:
    listed = sorted(codes)
    sender, receiver = (
        pl.col(name).is_in(listed).fill_null(False)
        for name in ("sender_country", "receiver_country")
    )
    return ~(sender & receiver)


def _country_detail() -> pl.Expr:
    return pl.format(
        "Sending Country Code {}, Receiving Country Code {}",
        _quoted("sender_country"),
        _quoted("receiver_country"),
    )


def _bad_participants(_codes: frozenset[str]) -> pl.Expr:
    return pl.col("bad_participants").is_not_null()


def _participants_detail() -> pl.Expr:
    return pl.format("Participants {}", _quoted("bad_participants"))


def _no_organisation(_codes: frozenset[str]) -> pl.Expr:
    return (pl.col("sender_code").is_null() & pl.col("sender_name").is_null()) | (
        pl.col("receiver_code").is_null() & pl.col("receiver_name").is_null()
    )


def _organisation_detail() -> pl.Expr:
    sender = pl.col("sender_code").is_null() & pl.col("sender_name").is_null()
    return pl.when(sender).then(pl.lit("no sending")).otherwise(pl.lit("no receiving")) + pl.lit(
        " organisation (neither a name nor an Erasmus code)"
    )


def _quoted(name: str) -> pl.Expr:
    return pl.format("'{}'", pl.col(name).fill_null(""))


#: Why rows are skipped, checked in this order; the first that applies is the row's reason.
REASONS: tuple[Reason, ...] = (
    Reason(
        "unknown_country",
        "unknown country code: not ISO 3166-1 alpha-2, even after EL→GR and UK→GB",
        _bad_country,
        _country_detail,
    ),
    Reason(
        "bad_participants",
        "Participants is not a positive whole number",
        _bad_participants,
        _participants_detail,
    ),
    Reason(
        "no_organisation",
        "no sending or no receiving organisation (neither a name nor an Erasmus code)",
        _no_organisation,
        _organisation_detail,
    ),
)


def classify(groups: pl.DataFrame, codes: frozenset[str]) -> pl.DataFrame:
    """``groups`` (cleaned) with :data:`REASON` and :data:`DETAIL`, both null for the rows
    that are kept; ``codes`` are the valid country codes."""
    reason: pl.Expr = pl.lit(None, dtype=pl.String)
    detail: pl.Expr = pl.lit(None, dtype=pl.String)
    for kind in reversed(REASONS):
        applies = kind.applies(codes)
        reason = pl.when(applies).then(pl.lit(kind.key)).otherwise(reason)
        detail = pl.when(applies).then(kind.detail()).otherwise(detail)
    return groups.with_columns(reason.alias(REASON), detail.alias(DETAIL))


@dataclass(frozen=True)
class FileStats:
    """What happened to the rows of one input file."""

    path: Path
    sha256: str
    rows_read: int
    #: Rows that passed the checks and the place filter.
    rows_kept: int
    #: Reason key (of :data:`REASONS`) → rows skipped for it; every reason, zeros too.
    skipped: dict[str, int]
    #: Reason key → up to :data:`EXAMPLES` ``(line, detail)``, by line; the first line of
    #: each distinct detail.
    examples: dict[str, list[tuple[int, str]]]
    #: Valid rows dropped by the place filter.
    outside_place: int


def skipped_rows(problems: pl.DataFrame) -> tuple[dict[str, int], dict[str, list[tuple[int, str]]]]:
    """Counts and examples per reason from the skipped groups (columns :data:`REASON`,
    :data:`DETAIL`, ``rows`` and :data:`LINE`, each group's first line)."""
    skipped = {kind.key: 0 for kind in REASONS}
    examples: dict[str, list[tuple[int, str]]] = {kind.key: [] for kind in REASONS}
    distinct = problems.group_by(REASON, DETAIL).agg(pl.col("rows").sum(), pl.col(LINE).min())
    for key, rows, line, detail in (
        distinct.sort(LINE).select(REASON, "rows", LINE, DETAIL).iter_rows()
    ):
        skipped[key] += rows
        if len(examples[key]) < EXAMPLES:
            examples[key].append((line, detail))
    return skipped, examples


def sha256_of(path: Path) -> str:
    """The hex SHA-256 of the file's bytes, read in blocks; a file that cannot be read is
    an :class:`~kuopio_kg.errors.InputError`."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        problem = Problem(str(path), None, "(file)", f"cannot be read: {exc.strerror}",
                          "check the path of the file to import")  # fmt: skip
        raise InputError(problem) from None
    return digest.hexdigest()
