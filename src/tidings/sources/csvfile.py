"""CSV and TSV with a header row: one article per row, streamed, columns named by the FieldMap."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager

from tidings.config import Settings
from tidings.records import Article, Failure
from tidings.sources.fields import article_from_record
from tidings.sources.inputs import Input, ReadError
from tidings.sources.lines import Lines

_DELIMITERS = (",", ";", "\t", "|")


def read_csv(source: Input, settings: Settings) -> Iterator[Article | Failure]:
    """One article per row; a malformed row is a Failure and reading goes on.

    Raises :class:`ReadError` when the header cannot be read or has no text column.
    """
    rows = _rows(source, settings)
    columns = _header(rows, settings.fields.text)
    for line, row, warnings in rows:
        origin = f"{source.origin}:{line}"
        if isinstance(row, Exception):
            yield Failure(origin, "read", _message(row, settings))
        elif len(row) != len(columns):
            yield Failure(
                origin, "read", f"row has {len(row)} fields but the header has {len(columns)}"
            )
        else:
            article = article_from_record(
                dict(zip(columns, row, strict=True)), settings.fields, origin
            )
            article.warnings.extend(warnings)
            yield article


def count_rows(source: Input, settings: Settings) -> int:
    """Data rows (records, including malformed ones) without building articles."""
    return max(sum(1 for _ in _rows(source, settings)) - 1, 0)


def _rows(
    source: Input, settings: Settings
) -> Iterator[tuple[int, list[str] | Exception, list[str]]]:
    """``(first line number, row or the error reading it, encoding warnings)`` per record."""
    lines = Lines(source, settings.max_record_bytes)
    delimiter = "\t" if source.suffix == ".tsv" else _delimiter(source.head, settings.fields.text)
    reader = csv.reader(lines, delimiter=delimiter)
    while True:
        start = lines.number + 1
        try:
            with _field_limit(settings.max_record_bytes):
                row: list[str] | Exception = next(reader)
        except StopIteration:
            return
        except (csv.Error, ReadError) as exc:
            row = exc
        warnings = lines.take_warnings()
        if row != []:  # a blank line
            yield start, row, warnings


def _header(rows: Iterator[tuple[int, list[str] | Exception, list[str]]], text: str) -> list[str]:
    first = next(rows, None)
    if first is None:
        raise ReadError("no header row")
    if isinstance(first[1], Exception):
        raise ReadError(f"unreadable header row: {first[1]}")
    columns = [c.strip().lstrip("\ufeff") for c in first[1]]
    if text not in columns and text.lower() not in (c.lower() for c in columns):
        shown = ", ".join(repr(c) for c in columns[:20])
        raise ReadError(
            f"no {text!r} column for the article text (columns: {shown}); "
            f"name the right one with --field text=NAME"
        )
    return columns


def _delimiter(head: bytes, text: str) -> str:
    """The delimiter whose split of the first line has the text column, else the widest split."""
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace")
    splits = {
        d: [c.strip(" \ufeff").lower() for c in next(csv.reader([first], delimiter=d), [])]
        for d in _DELIMITERS
    }
    for d, columns in splits.items():
        if text.lower() in columns:
            return d
    return max(_DELIMITERS, key=lambda d: len(splits[d]))


@contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    """``csv``'s field size limit is process-wide: raise it for one record, then restore it."""
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _message(exc: Exception, settings: Settings) -> str:
    if isinstance(exc, csv.Error) and "field larger than field limit" in str(exc):
        return (
            f"a field is larger than the limit of {settings.max_record_bytes:,} characters "
            f"(max_record_bytes)"
        )
    return f"malformed CSV: {exc}" if isinstance(exc, csv.Error) else str(exc)
