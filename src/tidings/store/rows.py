"""Records ↔ table rows: flattening an Extraction for bulk writes, and rebuilding it.

Row tuples follow the column order of ``schema.sql``; :func:`to_arrow` turns a list of them
into an Arrow table with the types the schema declares. Event rows leave out the columns
derived from the article, the event's place in it and its texts (:data:`DERIVED`), which
:meth:`Rows.arrow` computes for the whole batch in Arrow. Writing then reading an extraction
gives back an equal record (tests/store check this), so the tables lose nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from tidings.records import (
    Actor,
    Article,
    Entity,
    Event,
    Extraction,
    Failure,
    Place,
    Quote,
    SentenceSpan,
    Span,
    Speaker,
    TimeExpression,
    to_json,
)
from tidings.store.dedup import group_keys
from tidings.store.schema import arrow_schemas

Row = tuple[Any, ...]
_NO_ACTOR: Row = (None,) * 7
_NO_SIDE: Row = (None,) * 8
_NO_PLACE: Row = (None,) * 7
SPEAKER_ACTOR_COLUMNS = (
    "speaker_actor_name",
    "speaker_country",
    "speaker_sector",
    "speaker_actor_text",
    "speaker_actor_start",
    "speaker_actor_end",
    "speaker_wikidata",
)
_ACTOR_FIELDS = ("name", "country", "sector", "text", "start", "end", "wikidata")
ENTITY_ACTOR_COLUMNS = tuple(f"actor_{c}" for c in _ACTOR_FIELDS)
DERIVED = ("event_id", "article_hash", "idx", "group_key")
"""Events columns computed per batch, not per event: ids from the article and the block."""


class Rows:
    """Row tuples per table, gathered from a batch of extractions and failures."""

    def __init__(self) -> None:
        self.tables: dict[str, list[Row]] = {name: [] for name in arrow_schemas()}
        self._event_articles: list[tuple[str, int]] = []  # (hash, events) per article

    def add_extraction(self, ex: Extraction, h: str, stored_at: dt.datetime) -> None:
        """Add the rows of ``ex``, whose article has content hash ``h``."""
        a = ex.article
        self.tables["articles"].append(
            (
                h,
                a.id,
                a.title,
                a.published,
                a.source,
                a.url,
                a.author,
                a.origin,
                a.text,
                _json_list(a.furniture),
                _json_list(a.warnings),
                _json_list(ex.warnings),
                stored_at,
            )
        )
        quotes = self.tables["quotes"]
        for i, q in enumerate(ex.quotes):
            quotes.append(_quote_row(h, i, q))
        if ex.events:
            self._event_articles.append((h, len(ex.events)))
            events, others = self.tables["events"], self.tables["event_actors"]
            for i, e in enumerate(ex.events):
                events.append(_event_row(h, i, e, a.text, others))
        times = self.tables["times"]
        for i, t in enumerate(ex.times):
            times.append((h, i, t.text, t.start, t.end, t.type, t.value))
        entities = self.tables["entities"]
        for i, n in enumerate(ex.entities):
            entities.append((h, i, n.text, n.start, n.end, n.label, *_actor_cols(n.actor)))

    def add_failure(self, f: Failure, recorded_at: dt.datetime) -> None:
        self.tables["failures"].append((f.origin, f.stage, f.error, f.article_id, recorded_at))

    def arrow(self) -> dict[str, pa.Table]:
        """The Arrow table of every table with rows."""
        out = {t: to_arrow(t, rows) for t, rows in self.tables.items() if rows and t != "events"}
        if self.tables["events"]:
            out["events"] = self._events()
        return out

    def _events(self) -> pa.Table:
        hashes = [h for h, _ in self._event_articles]
        idx = pa.array([i for _, n in self._event_articles for i in range(n)], pa.int32())
        article = pa.array([j for j, (_, n) in enumerate(self._event_articles) for _ in range(n)])
        article_hash = pa.array(hashes, pa.string()).take(article)
        event_id = pc.binary_join_element_wise(
            pc.utf8_slice_codeunits(article_hash, 0, 16), pc.cast(idx, pa.string()), "-"
        )
        body = pa.Table.from_struct_array(
            pa.array(self.tables["events"], type=_struct_type("events", DERIVED))
        )
        derived = {"event_id": event_id, "article_hash": article_hash, "idx": idx}
        derived["group_key"] = group_keys(
            event_id, *(body[c] for c in ("type", "actor_country", "recipient_country",
                                          "negated", "modality", "day"))
        )  # fmt: skip
        schema = arrow_schemas()["events"]
        return pa.Table.from_arrays(
            [derived[n] if n in derived else body[n] for n in schema.names], schema=schema
        )


def event_days(events: pa.Table) -> list[tuple[str, dt.date | None]]:
    """(group_key, day) of the events of a write: where deduplication must look again."""
    pairs = events.select(["group_key", "day"]).group_by(["group_key", "day"]).aggregate([])
    return sorted(
        zip(pairs["group_key"].to_pylist(), pairs["day"].to_pylist(), strict=True), key=str
    )


def to_arrow(table: str, rows: list[Row]) -> pa.Table:
    """An Arrow table of ``rows`` with the types ``schema.sql`` declares for ``table``."""
    # Arrow reads the tuples as structs, in C++: twice as fast as transposing them in Python.
    structs = pa.array(rows, type=_struct_type(table))
    return pa.Table.from_struct_array(structs)


@functools.cache
def _struct_type(table: str, leave_out: tuple[str, ...] = ()) -> pa.StructType:
    return pa.struct([f for f in arrow_schemas()[table] if f.name not in leave_out])


def _json_list(items: list[Any]) -> str:
    # Most lists are empty: skip the serialiser for them (it dominates bulk-write time).
    return json.dumps(to_json(items), ensure_ascii=False) if items else "[]"


def _actor_cols(a: Actor | None) -> Row:
    if a is None:
        return _NO_ACTOR
    return (a.name, a.country, a.sector, a.text, a.start, a.end, a.wikidata)


def _quote_row(h: str, i: int, q: Quote) -> Row:
    cue, sp = q.cue, q.speaker
    cue_cols = (cue.text, cue.start, cue.end) if cue else (None, None, None)
    if sp is None:
        speaker_cols: Row = (None,) * 6 + _NO_ACTOR
    else:
        speaker_cols = (
            sp.name,
            sp.mention,
            sp.start,
            sp.end,
            sp.title,
            sp.affiliation,
            *_actor_cols(sp.actor),
        )
    return (h, i, q.text, q.start, q.end, q.kind, *cue_cols, *speaker_cols)


def _first_coded(actors: list[Actor]) -> int:
    """Index of the first actor with a country, else 0 (-1 for no actors)."""
    if not actors:
        return -1
    if actors[0].country:  # the common case, first
        return 0
    return next((i for i, a in enumerate(actors) if a.country), 0)


def _side(h: str, i: int, role: str, actors: list[Actor], others: list[Row]) -> Row:
    """The columns of the first coded actor of one side; the rest go to ``others``."""
    if len(actors) == 1 and actors[0].country:  # the common case, without the loop
        a = actors[0]
        return (a.name, a.country, a.sector, a.text, a.start, a.end, a.wikidata, 0)
    first = _first_coded(actors)
    event_id = f"{h[:16]}-{i}"  # as Rows._events derives it for the events table
    for j, p in enumerate(actors):
        if j != first:
            others.append(
                (event_id, role, j, p.name, p.country, p.sector, p.text, p.start, p.end, p.wikidata)
            )
    return (*_actor_cols(actors[first]), first) if first >= 0 else _NO_SIDE


def _event_row(h: str, i: int, e: Event, text: str, others: list[Row]) -> Row:
    """The columns of an event but :data:`DERIVED`."""
    p, trigger, sentence = e.place, e.trigger, e.sentence
    place = (p.name, p.country, p.lat, p.lon, p.text, p.start, p.end) if p else _NO_PLACE
    return (
        e.type,
        e.mode,
        _json_list(e.context) if e.context else "[]",
        *_side(h, i, "actor", e.actor, others),
        *_side(h, i, "recipient", e.recipient, others),
        _day(e.date),
        e.date,
        e.date_text,
        e.date_inferred,
        *place,
        e.negated,
        e.modality,
        e.reported,
        trigger.text,
        trigger.start,
        trigger.end,
        sentence.start,
        sentence.end,
        text[sentence.start : sentence.end],
        e.cameo,
        e.goldstein,
        e.quad,
        e.confidence,
        _json_list(e.mentions) if e.mentions else "[]",
    )


@functools.lru_cache(maxsize=65_536)
def _day(value: str | None) -> dt.date | None:
    """The calendar day of a TIMEX3 date value, when it names one."""
    if value is None or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


# ---- reading back -------------------------------------------------------------------------


def _actor_from(values: list[Any]) -> Actor | None:
    """An actor from its seven columns in :func:`_actor_cols` order."""
    return Actor(*values) if values[0] is not None else None


def _spans(raw: str | None) -> list[Span]:
    return [Span(**s) for s in json.loads(raw or "[]")]


def article_from_row(r: dict[str, Any]) -> Article:
    return Article(
        id=r["id"],
        text=r["text"],
        title=r["title"],
        published=r["published"],
        source=r["source"],
        url=r["url"],
        author=r["author"],
        origin=r["origin"],
        warnings=json.loads(r["article_warnings"] or "[]"),
        furniture=_spans(r["furniture"]),
    )


def quote_from_row(r: dict[str, Any]) -> Quote:
    speaker = None
    if r["speaker_name"] is not None:
        speaker = Speaker(
            name=r["speaker_name"],
            mention=r["speaker_mention"],
            start=r["speaker_start"],
            end=r["speaker_end"],
            title=r["speaker_title"],
            affiliation=r["speaker_affiliation"],
            actor=_actor_from([r[c] for c in SPEAKER_ACTOR_COLUMNS]),
        )
    cue = Span(r["cue_text"], r["cue_start"], r["cue_end"]) if r["cue_text"] is not None else None
    return Quote(r["text"], r["start_char"], r["end_char"], r["kind"], cue=cue, speaker=speaker)


def event_from_row(r: dict[str, Any], others: Iterable[dict[str, Any]]) -> Event:
    """Rebuild an event from its row and its other actors' ``event_actors`` rows."""
    people: dict[str, list[tuple[int, Actor]]] = {"actor": [], "recipient": []}
    for role, found in people.items():
        first = _actor_from([r[f"{role}_{c}"] for c in _ACTOR_FIELDS])
        if first is not None:
            found.append((r[f"{role}_idx"], first))
    for a in others:
        other = Actor(
            a["name"], a["country"], a["sector"], a["text"], a["start_char"], a["end_char"],
            a["wikidata"],
        )  # fmt: skip
        people[a["role"]].append((a["idx"], other))
    actors, recipients = ([a for _, a in sorted(found)] for found in people.values())
    place = None
    if r["place_name"] is not None:
        place = Place(
            r["place_name"],
            r["place_country"],
            r["place_lat"],
            r["place_lon"],
            r["place_text"],
            r["place_start"],
            r["place_end"],
        )
    return Event(
        type=r["type"],
        mode=r["mode"],
        context=json.loads(r["context"] or "[]"),
        actor=actors,
        recipient=recipients,
        date=r["date"],
        date_text=r["date_text"],
        place=place,
        negated=r["negated"],
        modality=r["modality"],
        trigger=Span(r["trigger_text"], r["trigger_start"], r["trigger_end"]),
        sentence=SentenceSpan(r["sentence_start"], r["sentence_end"]),
        cameo=r["cameo"],
        goldstein=r["goldstein"],
        quad=r["quad"],
        confidence=r["confidence"],
        reported=r["reported"],
        date_inferred=r["date_inferred"],
        mentions=_spans(r["mentions"]),
    )


def time_from_row(r: dict[str, Any]) -> TimeExpression:
    return TimeExpression(r["text"], r["start_char"], r["end_char"], r["type"], r["value"])


def entity_from_row(r: dict[str, Any]) -> Entity:
    actor = _actor_from([r[c] for c in ENTITY_ACTOR_COLUMNS])
    return Entity(r["text"], r["start_char"], r["end_char"], r["label"], actor)
