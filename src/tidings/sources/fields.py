"""Records (a JSON object, a CSV row, a sidecar file) mapped to Article fields by a FieldMap."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tidings.config import FieldMap
from tidings.records import Article, content_hash
from tidings.sources.dates import parse_date
from tidings.sources.inputs import ReadError

_MISSING = object()
_METADATA = ("title", "url", "source", "author")


def lookup(record: Mapping[str, Any], key: str) -> Any:
    """``record[key]``, else a key differing only in case, else a dotted path (``meta.date``)."""
    if key in record:
        return record[key]
    folded = key.casefold()
    for k, v in record.items():
        if isinstance(k, str) and k.casefold() == folded:
            return v
    if "." not in key:
        return _MISSING
    value: Any = record
    for part in key.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return _MISSING
        value = value[part]
    return value


def article_from_record(record: Mapping[str, Any], fields: FieldMap, origin: str) -> Article:
    """An Article from one record; raises :class:`ReadError` when it has no usable text."""
    text = lookup(record, fields.text)
    if text is _MISSING or text is None:
        keys = ", ".join(repr(k) for k in list(record)[:20]) or "none"
        raise ReadError(
            f"no {fields.text!r} field for the article text (fields: {keys}); "
            f"name the right one with --field text=NAME"
        )
    if not isinstance(text, str):
        raise ReadError(f"field {fields.text!r} is a {type(text).__name__}, not text")
    record_id = _string(lookup(record, fields.id))
    article = Article(id=record_id or content_hash(text)[:16], text=text, origin=origin)
    apply_metadata(article, record, fields)
    return article


def apply_metadata(article: Article, record: Mapping[str, Any], fields: FieldMap) -> None:
    """Set the article's title, url, source, author and date from ``record`` where it has them.

    An unreadable date leaves the article's date as it was, with a warning.
    """
    for name in _METADATA:
        if value := _string(lookup(record, getattr(fields, name))):
            setattr(article, name, value)
    raw = lookup(record, fields.published)
    if raw is _MISSING or raw is None or raw == "":
        return
    if published := parse_date(raw):
        article.published = published
    else:
        article.warnings.append(f"unrecognised publication date {str(raw)[:80]!r}")


def _string(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None
