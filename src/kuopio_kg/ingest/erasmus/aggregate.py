"""Erasmus+ mobility rows aggregated into flows: one row per sender → receiver, academic
year, call year, activity, education level and field, with the participants summed.

One streaming pass (:func:`.read.tally`) groups the rows by their cells as written, so
memory follows the number of distinct rows (a few per flow), not of rows. Those groups are
cleaned, checked (:mod:`.stats`), their names folded (:func:`kuopio_kg.reconcile.fold.fold`,
once per distinct value), filtered by place and merged into flows; each flow shows the
spelling most rows used.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl

from kuopio_kg.ingest.erasmus.columns import iso_alpha2
from kuopio_kg.ingest.erasmus.read import clean, scan, tally
from kuopio_kg.ingest.erasmus.stats import (
    REASON,
    FileStats,
    classify,
    sha256_of,
    skipped_rows,
)
from kuopio_kg.reconcile.fold import fold

__all__ = ["FLOW_SCHEMA", "FileStats", "aggregate_file"]

#: The columns of a flows frame, in order (see the import's specification).
FLOW_SCHEMA: dict[str, pl.DataType] = {
    "sender_code": pl.String(),
    "sender_name": pl.String(),
    "sender_name_key": pl.String(),
    "sender_city": pl.String(),
    "sender_city_key": pl.String(),
    "sender_country": pl.String(),
    "receiver_code": pl.String(),
    "receiver_name": pl.String(),
    "receiver_name_key": pl.String(),
    "receiver_city": pl.String(),
    "receiver_city_key": pl.String(),
    "receiver_country": pl.String(),
    "academic_year": pl.String(),
    "call_year": pl.Int32(),
    "activity": pl.String(),
    "activity_key": pl.String(),
    "education_level": pl.Int8(),
    "field_code": pl.String(),
    "field_name": pl.String(),
    "participants": pl.Int64(),
    "rows": pl.Int64(),
}

#: The cleaned values of the rows a flow is made of: its key and the spellings it shows.
_VARIANT = (
    "sender_code", "sender_name", "sender_city", "sender_country",
    "receiver_code", "receiver_name", "receiver_city", "receiver_country",
    "academic_year", "call_year", "activity", "education_level", "field_code", "field_name",
)  # fmt: skip

#: The counts a flow sums.
_SUMMED = ("participants", "rows")

#: Text columns and the column their folded form goes to.
_FOLDED = {
    "sender_name": "sender_name_key",
    "sender_city": "sender_city_key",
    "receiver_name": "receiver_name_key",
    "receiver_city": "receiver_city_key",
    "activity": "activity_key",
    "field_name": "field_key",
}

#: Folded field names that say the field is not known.
_UNKNOWN_FIELD = ("", "unknown")

#: Shown values chosen per flow by majority, each with the columns that follow it.
_SHOWN: tuple[tuple[str, ...], ...] = (
    ("sender_name", "sender_name_key"),
    ("sender_city", "sender_city_key"),
    ("sender_country",),
    ("receiver_name", "receiver_name_key"),
    ("receiver_city", "receiver_city_key"),
    ("receiver_country",),
    ("activity",),
    ("field_name",),
)


def aggregate_file(
    path: Path,
    place: str | None,
    progress: Callable[[int], None] | None = None,
    sha256: str | None = None,
) -> tuple[pl.DataFrame, FileStats]:
    """The flows of one mobility table and what happened to its rows.

    ``place`` keeps the rows whose sending or receiving city folds to the same text as it
    (``None`` keeps every row). ``progress`` is called with the number of rows just read,
    batch by batch, as the file is read. ``sha256`` is the file's digest when the caller
    has it already (else it is computed). A header without a needed column raises
    :class:`~kuopio_kg.errors.ImportFormatError`; bad rows are only counted.
    """
    shown = str(path)
    problems, variants, rows_read = _checked(tally(scan(path, shown), shown, progress))
    skipped, examples = skipped_rows(problems)
    flows = _reduce(variants if place is None else variants.filter(_in_place(place)))
    rows_kept = int(flows["rows"].sum())
    stats = FileStats(
        path=path,
        sha256=sha256 or sha256_of(path),
        rows_read=rows_read,
        rows_kept=rows_kept,
        skipped=skipped,
        examples=examples,
        outside_place=rows_read - rows_kept - sum(skipped.values()),
    )
    return flows, stats


def _checked(groups: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """The skipped groups of a :func:`.read.tally`, the kept ones cleaned and keyed, and
    the number of rows. (The groups are dropped once this returns, halving the peak.)"""
    classified = classify(clean(groups), iso_alpha2())
    kept = pl.col(REASON).is_null()
    variants = classified.filter(kept).select(*_VARIANT, *_SUMMED)
    return classified.filter(~kept), _with_keys(variants), int(classified["rows"].sum())


def _fold_column(frame: pl.DataFrame, name: str) -> pl.Expr:
    """Column ``name`` folded, calling :func:`fold` once per distinct value."""
    distinct = frame[name].drop_nulls().unique().to_list()
    folded = [fold(value) for value in distinct]
    return pl.col(name).replace_strict(distinct, folded, default=None, return_dtype=pl.String)


def _with_keys(variants: pl.DataFrame) -> pl.DataFrame:
    """The variants with the folded key of every name, city, activity and field; a field
    whose name folds to "unknown" (``? Unknown ?``) or to nothing has no name."""
    keyed = variants.with_columns(
        _fold_column(variants, name).alias(key) for name, key in _FOLDED.items()
    )
    unknown = pl.col("field_key").is_in(_UNKNOWN_FIELD).fill_null(False)
    return keyed.with_columns(
        pl.when(unknown).then(None).otherwise(pl.col(name)).alias(name)
        for name in ("field_name", "field_key")
    )


def _in_place(place: str) -> pl.Expr:
    target = fold(place)
    return (
        (pl.col("sender_city_key") == target) | (pl.col("receiver_city_key") == target)
    ).fill_null(False)


def _identity(side: str) -> list[pl.Expr]:
    """What identifies one side's organisation: its code when it has one, else its folded
    name, folded city and country."""
    code = pl.col(f"{side}_code")
    return [
        code,
        *(
            pl.when(code.is_null()).then(pl.col(f"{side}_{part}"))
            for part in ("name_key", "city_key", "country")
        ),
    ]


#: The flow key beyond the two organisations' identities.
_KEY = ("academic_year", "call_year", "activity_key", "education_level", "field_code", "field_key")

#: The column holding each row's flow key as one text; :func:`.read.text` leaves no
#: control character in a value, so the separator and the null mark cannot occur in one.
_FLOW = "_flow"


def _flow_key() -> pl.Expr:
    parts = [*_identity("sender"), *_identity("receiver"), *(pl.col(name) for name in _KEY)]
    return pl.concat_str(
        [part.cast(pl.String).fill_null("\x00") for part in parts], separator="\x1f"
    ).alias(_FLOW)


def _reduce(frame: pl.DataFrame) -> pl.DataFrame:
    """Flows from rows that carry every flow column (and ``field_key``): the rows of one
    flow key are summed, and each shown value is the one most rows used (ties: the
    smallest; an unknown value only when no row knows it)."""
    keyed = frame.with_columns(_flow_key()).with_columns(_n=pl.len().over(_FLOW))
    shared = keyed.filter(pl.col("_n") > 1)
    if shared.is_empty():
        flows = keyed.select(*FLOW_SCHEMA)
    else:
        alone = keyed.filter(pl.col("_n") == 1).select(*FLOW_SCHEMA)
        flows = pl.concat([alone, _merged(shared)])
    flows = flows.select(pl.col(name).cast(dtype) for name, dtype in FLOW_SCHEMA.items())
    return flows.sort(list(FLOW_SCHEMA), nulls_last=True)


def _merged(rows: pl.DataFrame) -> pl.DataFrame:
    """One flow per :data:`_FLOW` of ``rows`` (which all share their key with others)."""
    weighted = rows.with_columns(
        pl.col("rows").sum().over([_FLOW, shown[0]]).alias(f"_weight_{shown[0]}")
        for shown in _SHOWN
    )
    choices: list[pl.Expr] = []
    for shown in _SHOWN:
        order = [pl.col(shown[0]).is_null(), -pl.col(f"_weight_{shown[0]}"), pl.col(shown[0])]
        choices += [pl.col(name).sort_by(order).first() for name in shown]
    chosen = {name for shown in _SHOWN for name in shown}
    same = [name for name in FLOW_SCHEMA if name not in chosen and name not in _SUMMED]
    return (
        weighted.group_by(_FLOW)
        .agg(
            *(pl.col(name).first() for name in same),
            *choices,
            *(pl.col(name).sum() for name in _SUMMED),
        )
        .select(*FLOW_SCHEMA)
    )
