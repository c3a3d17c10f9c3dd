"""Typed records shared by every stage, with JSON (de)serialisation.

Every ``start``/``end`` pair is a character offset into ``Article.text`` exactly as
it was read: ``article.text[start:end] == text``. The JSON form of an
:class:`Extraction` is the output contract documented in ``docs/output-format.md``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

QuoteKind = Literal["direct", "indirect", "mixed"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Modality = Literal["asserted", "intent", "conditional", "hypothetical", "possible", "question"]

T = TypeVar("T")


@dataclass(slots=True)
class Span:
    """A piece of the article text, as evidence."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class SentenceSpan:
    """Offsets of the sentence an event was found in."""

    start: int
    end: int


@dataclass(slots=True)
class Actor:
    """A mention coded as a political actor: ISO3 country (or IGO code) and PLOVER sector.

    ``country`` and ``sector`` are None when the resolver does not know; it never guesses.
    """

    name: str
    country: str | None
    sector: str | None
    text: str
    start: int
    end: int
    wikidata: str | None = None


@dataclass(slots=True)
class Entity:
    """A named-entity mention with its coded actor, when one could be resolved."""

    text: str
    start: int
    end: int
    label: str
    actor: Actor | None = None


@dataclass(slots=True)
class Speaker:
    """Who said a quote: the full name, the mention that names them here, and who they are."""

    name: str
    mention: str
    start: int
    end: int
    title: str | None = None
    affiliation: str | None = None
    actor: Actor | None = None


@dataclass(slots=True)
class Quote:
    """A quotation or reported statement: its content span, cue and speaker."""

    text: str
    start: int
    end: int
    kind: QuoteKind
    cue: Span | None = None
    speaker: Speaker | None = None


@dataclass(slots=True)
class TimeExpression:
    """A temporal expression normalised to a TIMEX3 type and value (``XXXX`` where unanchored)."""

    text: str
    start: int
    end: int
    type: TimeType
    value: str
    mod: str | None = None
    """TIMEX3 ``mod``: START for "early 2017", END, MID, APPROX, MORE_THAN, LESS_THAN…"""


@dataclass(slots=True)
class Place:
    """Where an event happened, geocoded to a country and coordinates when known."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Event:
    """One PLOVER event found in a clause, with its evidence and CAMEO coding."""

    type: str
    mode: str | None
    context: list[str]
    actor: list[Actor]
    recipient: list[Actor]
    date: str | None
    date_text: str | None
    place: Place | None
    negated: bool
    modality: Modality
    trigger: Span
    sentence: SentenceSpan
    cameo: str | None
    goldstein: float | None
    quad: int | None
    confidence: float
    reported: bool = False
    date_inferred: bool = False
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    """A news article as read from a source. ``text`` is never modified after reading."""

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    origin: str | None = None
    warnings: list[str] = field(default_factory=list)
    furniture: list[Span] = field(default_factory=list)
    """Page furniture inside ``text`` ("View Comments", share lines…) that extractors skip."""

    def in_furniture(self, start: int, end: int) -> bool:
        """Whether the span ``start:end`` overlaps page furniture."""
        return any(f.start < end and start < f.end for f in self.furniture)

    @property
    def content_hash(self) -> str:
        """Stable key of the article: SHA-256 of its text, so re-reading adds nothing."""
        return content_hash(self.text)


@dataclass(slots=True)
class Extraction:
    """Everything tidings found in one article: the output record of ``tidings extract``."""

    article: Article
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The output-contract object: article fields flattened beside the findings."""
        a = self.article
        return {
            "id": a.id,
            "title": a.title,
            "published": a.published.isoformat() if a.published else None,
            "source": a.source,
            "url": a.url,
            "author": a.author,
            "content_hash": a.content_hash,
            "text": a.text,
            "quotes": [to_json(q) for q in self.quotes],
            "events": [to_json(e) for e in self.events],
            "times": [to_json(t) for t in self.times],
            "entities": [to_json(e) for e in self.entities],
            "warnings": [*a.warnings, *self.warnings],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Extraction:
        """Inverse of :meth:`to_json` (article warnings come back on the extraction)."""
        article = from_json(
            Article,
            {
                k: data.get(k)
                for k in ("id", "text", "title", "published", "source", "url", "author")
            },
        )
        return cls(
            article=article,
            quotes=[from_json(Quote, q) for q in data.get("quotes", [])],
            events=[from_json(Event, e) for e in data.get("events", [])],
            times=[from_json(TimeExpression, t) for t in data.get("times", [])],
            entities=[from_json(Entity, e) for e in data.get("entities", [])],
            warnings=list(data.get("warnings", [])),
        )


@dataclass(slots=True)
class Failure:
    """An input that could not be read or processed; recorded, never fatal to a run."""

    origin: str
    stage: str
    error: str
    article_id: str | None = None


def content_hash(text: str) -> str:
    """SHA-256 hex digest of a text, the key articles are stored under."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def to_json(record: Any) -> Any:
    """Convert a record (or list/dict of records) into JSON-ready values."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_json(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, list | tuple):
        return [to_json(v) for v in record]
    if isinstance(record, dict):
        return {k: to_json(v) for k, v in record.items()}
    if isinstance(record, dt.date):
        return record.isoformat()
    return record


def from_json(cls: type[T], data: Any) -> T:
    """Build a record of type ``cls`` from its :func:`to_json` form, recursing by type hints."""
    return typing.cast(T, _convert(cls, data))


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _convert(options[0], value) if len(options) == 1 else value
    if origin is list:
        (item,) = typing.get_args(tp)
        return [_convert(item, v) for v in value]
    if origin is Literal:
        return value
    if tp is dt.date:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        names = {f.name for f in dataclasses.fields(tp)}
        return tp(**{k: _convert(hints[k], v) for k, v in value.items() if k in names})
    return value
