"""Reading one mobility table in one streaming pass, and cleaning its cells.

:func:`scan` gives the columns the aggregate uses (never the personal ones) under their
aggregate names, as text, with each row's line in the file. :func:`tally` reads it with
polars' streaming engine, grouping the rows by their cells as written, so memory follows
the number of distinct rows (a few per flow), not of rows. :func:`clean` then turns the
written values of those groups into the values flows are grouped by.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
from fastexcel import FastExcelError

from kuopio_kg.errors import ImportFormatError, Problem
from kuopio_kg.ingest.erasmus.columns import EU_TO_ISO, USED, match_header

#: The column holding each row's line in its file (the header is line 1).
LINE = "line"

#: Cell texts that mean "unknown" once trimmed.
_UNKNOWN = ("", "-")


def scan(path: Path, shown: str | None = None) -> pl.LazyFrame:
    """The used columns of the table at ``path`` (``.xlsx``: its first sheet; anything
    else: semicolon-separated UTF-8 text), renamed, all text, with :data:`LINE`.

    Rows whose used cells are all empty (blank lines, formatted empty sheet rows) are left
    out; they are not data and are not counted. ``shown`` names the file in errors.
    """
    shown = str(path) if shown is None else shown
    reader = _READERS.get(path.suffix.lower(), _scan_text)
    frame = reader(path, shown)
    mapping = match_header(frame.collect_schema().names(), shown)
    names = [column.name for column in USED]
    return (
        frame.with_row_index(LINE, offset=2)
        .select(pl.col(LINE).cast(pl.Int64), *(pl.col(raw).alias(mapping[raw]) for raw in mapping))
        .filter(pl.any_horizontal(pl.col(name).is_not_null() for name in names))
    )


def _scan_text(path: Path, shown: str) -> pl.LazyFrame:
    frame = pl.scan_csv(
        path,
        separator=";",
        quote_char='"',
        infer_schema=False,
        encoding="utf8",
        raise_if_empty=False,
    )
    try:
        frame.collect_schema()
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise _unreadable(shown, exc) from None
    return frame


def _scan_xlsx(path: Path, shown: str) -> pl.LazyFrame:
    try:
        sheet = pl.read_excel(
            path,
            sheet_id=1,
            engine="calamine",
            infer_schema_length=0,
            drop_empty_rows=False,
            drop_empty_cols=False,
        )
    except (FastExcelError, pl.exceptions.PolarsError, OSError) as exc:
        raise _unreadable(shown, exc) from None
    return sheet.lazy()


#: How a file is read, by its suffix (in lower case); other suffixes are read as text.
_READERS: dict[str, Callable[[Path, str], pl.LazyFrame]] = {
    ".xlsx": _scan_xlsx,
    ".csv": _scan_text,
}


def _unreadable(shown: str, exc: BaseException) -> ImportFormatError:
    return ImportFormatError(
        Problem(
            shown,
            None,
            "(file)",
            f"it cannot be read as a table ({type(exc).__name__}: {exc})",
            "give the table as published: semicolon-separated UTF-8 text or an .xlsx sheet",
        )
    )


def tally(
    frame: pl.LazyFrame, shown: str, progress: Callable[[int], None] | None = None
) -> pl.DataFrame:
    """The rows of a :func:`scan` grouped by their cells as written, in one streaming pass.

    Each group has ``rows`` (how many), :data:`LINE` (its first line) and ``participants``
    (the sum of the valid counts). A count that is not a whole number above zero stays in
    ``bad_participants`` (and in the group key), so those rows keep their own groups; of
    the project reference only the start (the call year) is kept. ``progress`` is called
    with the number of rows in each batch read.
    """
    written = pl.col("participants").str.strip_chars()
    valid = (written.str.contains(r"^\d+$") & (written.cast(pl.Int64, strict=False) > 0)).fill_null(
        False
    )
    line = pl.col(LINE) if progress is None else _counted(pl.col(LINE), progress)
    keys = [column.name for column in USED if column.name not in _TALLIED]
    query = (
        frame.select(
            *(_written(key) for key in keys),
            line,
            call_prefix=pl.col("project_reference").str.strip_chars_start().str.slice(0, 5),
            bad_participants=pl.when(valid).then(None).otherwise(written.fill_null("")),
            count=pl.when(valid).then(written.cast(pl.Int64, strict=False)),
        )
        .group_by(*keys, "call_prefix", "bad_participants")
        .agg(
            pl.col("count").sum().alias("participants"),
            pl.len().cast(pl.Int64).alias("rows"),
            pl.col(LINE).min(),
        )
    )
    try:
        return query.collect(engine="streaming")
    except pl.exceptions.PolarsError as exc:
        raise _unreadable(shown, exc) from None


def _written(name: str) -> pl.Expr:
    """Column ``name`` as :func:`tally` groups it: spacing tidied as :func:`text` tidies it
    (which later steps do anyway), and a code's or country's case too, so the spellings
    that differ only there are one group; names keep their case, of which the most common
    is shown."""
    tidy = pl.col(name).str.replace_all(r"[\s\p{Cc}]+", " ").str.strip_chars()
    return (tidy.str.to_uppercase() if name in _CASELESS else tidy).alias(name)


#: Columns whose case means nothing: codes.
_CASELESS = ("sending_code", "receiving_code", "sending_country", "receiving_country")

#: Used columns that :func:`tally` reduces instead of grouping by them as written.
_TALLIED = ("project_reference", "participants")


def _counted(column: pl.Expr, progress: Callable[[int], None]) -> pl.Expr:
    """``column`` unchanged, reporting the length of each batch that passes to
    ``progress`` (the streaming engine calls this once per batch, in its own threads)."""

    def report(batch: pl.Series) -> pl.Series:
        progress(len(batch))
        return batch

    return column.map_batches(report, return_dtype=pl.Int64, is_elementwise=True)


def text(name: str) -> pl.Expr:
    """Column ``name`` trimmed, each run of spaces and control characters made one space,
    ``-`` or empty → null."""
    tidy = pl.col(name).str.replace_all(r"[\s\p{Cc}]+", " ").str.strip_chars()
    return pl.when(tidy.is_in(_UNKNOWN)).then(None).otherwise(tidy)


def _code(name: str) -> pl.Expr:
    return text(name).str.to_uppercase()


def _country(name: str) -> pl.Expr:
    return _code(name).replace(EU_TO_ISO)


def _academic_year(name: str) -> pl.Expr:
    """``2019-2020``, ``2019-20``, ``2019/2020`` → ``2019-2020``; anything else → null."""
    parts = text(name).str.extract_groups(r"^(\d{4})\s*[-/]\s*(\d{4}|\d{2})$")
    start = parts.struct.field("1").cast(pl.Int32)
    end = parts.struct.field("2")
    short = (start // 100) * 100 + end.cast(pl.Int32)
    end_year = (
        pl.when(end.str.len_chars() == 4)
        .then(end.cast(pl.Int32))
        .when(short < start)
        .then(short + 100)
        .otherwise(short)
    )
    return pl.format("{}-{}", start, end_year)


def _call_year(name: str) -> pl.Expr:
    return pl.col(name).str.extract(r"^(\d{4})-", 1).cast(pl.Int32)


def _level(name: str) -> pl.Expr:
    return text(name).str.extract(r"(?i)^ISCED\s*-?\s*(\d)\b", 1).cast(pl.Int8)


def _field_code(name: str) -> pl.Expr:
    return text(name).str.extract(r"^(\d{2,4})(?:[\s\-]|$)", 1)


def _field_name(name: str) -> pl.Expr:
    rest = text(name).str.replace(r"^\d{2,4}(?:\s*-\s*|\s+|$)", "")
    return pl.when(rest == "").then(None).otherwise(rest)


Cleaner = Callable[[str], pl.Expr]

#: Each column as :func:`tally` gives it → the cleaned columns made from it, and how.
_CLEANED: dict[str, dict[str, Cleaner]] = {
    "sending_code": {"sender_code": _code},
    "sending_organisation": {"sender_name": text},
    "sending_city": {"sender_city": text},
    "sending_country": {"sender_country": _country},
    "receiving_code": {"receiver_code": _code},
    "receiving_organisation": {"receiver_name": text},
    "receiving_city": {"receiver_city": text},
    "receiving_country": {"receiver_country": _country},
    "academic_year": {"academic_year": _academic_year},
    "call_prefix": {"call_year": _call_year},
    "activity": {"activity": text},
    "education_level": {"education_level": _level},
    "field": {"field_code": _field_code, "field_name": _field_name},
}


def clean(groups: pl.DataFrame) -> pl.DataFrame:
    """The cleaned values of each group of a :func:`tally`: codes, names and cities tidied,
    country codes upper case with the EU's codes mapped to ISO, the academic year in one
    spelling, the call year, ISCED level and field code taken out of their texts.

    Each column's distinct values are cleaned once and looked up, as a table holds far
    fewer names, cities and fields than rows.
    """
    cleaned: list[pl.Expr] = []
    for raw, made in _CLEANED.items():
        distinct = groups.select(pl.col(raw).unique().drop_nulls())
        table = distinct.select(
            pl.col(raw).alias("_written"), *(make(raw).alias(name) for name, make in made.items())
        )
        cleaned += [
            pl.col(raw).replace_strict(table["_written"], table[name], default=None).alias(name)
            for name in made
        ]
    return groups.select(LINE, "rows", "participants", "bad_participants", *cleaned)
