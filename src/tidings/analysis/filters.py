"""Event filters shared by every analysis query, turned into SQL over one event table.

Queries read either ``canonical_events`` (deduplicated, the default) or ``events`` (every
mention); both carry the same dyad, type, quad, Goldstein and day columns. The command
line, the REST API and the dashboard all build their filters as one :class:`Filters`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tidings.store.schema import SEARCH_SEPARATOR

QUADS = {
    1: "verbal_cooperation",
    2: "material_cooperation",
    3: "verbal_conflict",
    4: "material_conflict",
}
"""Quad classes as in CAMEO/GDELT: 1–2 cooperation, 3–4 conflict."""

Day = dt.date | str | None


def parse_actor(spec: str | None) -> tuple[str | None, str | None]:
    """``USA`` → (USA, None); ``USA:GOV`` or ``USAGOV`` → (USA, GOV); ``:MIL`` → (None, MIL)."""
    if not spec:
        return None, None
    if ":" in spec:
        country, sector = spec.split(":", 1)
    elif len(spec) == 6:
        country, sector = spec[:3], spec[3:]
    else:
        country, sector = spec, ""
    return country.upper() or None, sector.upper() or None


def actor_label(country: str | None, sector: str | None) -> str:
    """``USA:GOV``, ``USA`` or ``:GOV``; ``?`` when nothing is known."""
    if sector:
        return f"{country or ''}:{sector}"
    return country or "?"


def like_pattern(text: str) -> str:
    """A substring pattern for ``ILIKE … ESCAPE '\\'``: ``%``, ``_`` and ``\\`` are literal."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def like_escape(text: str) -> str:
    """`` ESCAPE '\\'`` when :func:`like_pattern` escaped something in ``text``, else nothing.

    DuckDB matches a pattern without an escape character about twice as fast.
    """
    return " ESCAPE '\\'" if any(c in text for c in "\\%_") else ""


def as_date(value: Day) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


@dataclass(slots=True)
class Filters:
    """Which events a query looks at. Every field is optional; all given ones must hold.

    ``actor`` / ``recipient``: ``"USA"`` or ``"USA:GOV"`` (first coded actor/recipient);
    ``country``: either side; ``types``: PLOVER types; ``quads``: 1–4; ``source``: outlet of
    a reporting article; ``start``/``end``: event day, inclusive; ``text``: a substring
    (any case) of a mention's evidence sentence, trigger or actor or recipient name;
    ``dedup``: canonical events (True) or every mention (False).
    """

    start: Day = None
    end: Day = None
    actor: str | None = None
    recipient: str | None = None
    country: str | None = None
    types: list[str] | None = None
    quads: list[int] | None = None
    source: str | None = None
    text: str | None = None
    dedup: bool = True

    @property
    def table(self) -> str:
        return "canonical_events" if self.dedup else "events"

    @property
    def id_column(self) -> str:
        return "canonical_id" if self.dedup else "event_id"

    def sql(self, alias: str = "") -> tuple[str, list[Any]]:
        """A WHERE clause (``"WHERE …"`` or ``""``) and its parameters."""
        p = f"{alias}." if alias else ""
        conds: list[str] = []
        params: list[Any] = []
        if self.start is not None:
            conds.append(f"{p}day >= ?")
            params.append(as_date(self.start))
        if self.end is not None:
            conds.append(f"{p}day <= ?")
            params.append(as_date(self.end))
        for side, spec in (("actor", self.actor), ("recipient", self.recipient)):
            country, sector = parse_actor(spec)
            if country:
                conds.append(f"{p}{side}_country = ?")
                params.append(country)
            if sector:
                conds.append(f"{p}{side}_sector = ?")
                params.append(sector)
        if self.country:
            conds.append(f"(? IN ({p}actor_country, {p}recipient_country))")
            params.append(self.country.upper())
        if self.types:
            conds.append(f"{p}type IN ({', '.join('?' for _ in self.types)})")
            params.extend(t.upper() for t in self.types)
        if self.quads:
            conds.append(f"{p}quad IN ({', '.join('?' for _ in self.quads)})")
            params.extend(int(q) for q in self.quads)
        if self.source:
            if self.dedup:
                conds.append(
                    f"{p}canonical_id IN (SELECT l.canonical_id FROM event_links l "
                    "JOIN events e ON e.event_id = l.event_id "
                    "JOIN articles a ON a.content_hash = e.article_hash WHERE a.source = ?)"
                )
            else:
                conds.append(
                    f"{p}article_hash IN (SELECT content_hash FROM articles WHERE source = ?)"
                )
            params.append(self.source)
        if self.text:
            cond, values = self._text_match(p)
            conds.append(cond)
            params.extend(values)
        return ("WHERE " + " AND ".join(conds) if conds else ""), params

    def _text_match(self, p: str) -> tuple[str, list[Any]]:
        """The ``text`` condition on the table aliased ``p`` (with its dot), and its parameters.

        A mention matches when its evidence sentence (which holds the trigger), actor or
        recipient name does; a canonical event when one of its mentions does. The canonical
        event's ``search_text`` holds all those texts lower-cased, so a substring test of it
        is one pass over one column, with no join to the mentions; ``%``, ``_`` and ``\\``
        are plain characters in it.
        """
        text = self.text or ""
        # A text holding the separator could match across two joined texts.
        if self.dedup and SEARCH_SEPARATOR not in text:
            return f"strpos({p}search_text, lower(?)) > 0", [text]
        pattern, escape = like_pattern(text), like_escape(text)
        e = p if not self.dedup else "e."
        match = " OR ".join(
            f"{e}{c} ILIKE ?{escape}" for c in ("sentence_text", "actor_name", "recipient_name")
        )
        if self.dedup:
            match = (
                f"{p}canonical_id IN (SELECT l.canonical_id FROM event_links l "
                f"JOIN events e ON e.event_id = l.event_id WHERE {match})"
            )
        return f"({match})", [pattern] * 3
