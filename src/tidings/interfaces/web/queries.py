"""The two queries the web app needs that :mod:`tidings.analysis` does not offer (yet).

- :class:`SearchFilters`: the analysis :class:`~tidings.analysis.Filters` plus a text search
  over each event's evidence sentence, trigger and actor names, so every analysis query
  (event pages, series, exports) can take it unchanged.
- :func:`search_quotes`: quotes by speaker, speaker country and text, paginated with a total.

Both are candidates to move into :mod:`tidings.analysis`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tidings.analysis import Filters
from tidings.analysis.queries import plain
from tidings.store import Store

_EVIDENCE = "substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start)"


def like_pattern(text: str) -> str:
    """A case-insensitive substring pattern for ``ILIKE … ESCAPE '\\'``."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


@dataclass(slots=True)
class SearchFilters(Filters):
    """Event filters with ``text``: a substring of the evidence, trigger or actor names."""

    text: str | None = None

    def sql(self, alias: str = "") -> tuple[str, list[Any]]:
        where, params = Filters.sql(self, alias)
        if not self.text:
            return where, params
        p = f"{alias}." if alias else ""
        # Articles whose text has the pattern are found first: the evidence sentence is part
        # of its article's text, and scanning each text once beats joining every event to it.
        matching = (
            "SELECT e.event_id FROM events e WHERE e.trigger_text ILIKE ? ESCAPE '\\' "
            "OR e.actor_name ILIKE ? ESCAPE '\\' OR e.recipient_name ILIKE ? ESCAPE '\\' "
            "UNION ALL SELECT e.event_id FROM (SELECT content_hash, text FROM articles "
            "WHERE text ILIKE ? ESCAPE '\\') a JOIN events e ON e.article_hash = a.content_hash "
            f"WHERE {_EVIDENCE} ILIKE ? ESCAPE '\\'"
        )
        if self.dedup:
            matching = f"SELECT l.canonical_id FROM event_links l WHERE l.event_id IN ({matching})"
        cond = f"{p}{self.id_column} IN ({matching})"
        where = f"{where} AND {cond}" if where else f"WHERE {cond}"
        return where, [*params, *[like_pattern(self.text)] * 5]


def search_quotes(
    store: Store,
    *,
    speaker: str | None = None,
    country: str | None = None,
    text: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """Quotes, newest articles first: ``{"total": n, "rows": [...]}``.

    ``speaker``: the speaker's name (case-insensitive, exact); ``country``: the speaker's
    coded country; ``text``: a substring of the quote or the speaker's name. Rows have the
    fields of :func:`tidings.analysis.quotes_by_speaker` plus the speaker's ``country`` and
    ``sector``.
    """
    conds: list[str] = []
    params: list[Any] = []
    if speaker:
        conds.append("lower(q.speaker_name) = lower(?)")
        params.append(speaker)
    if country:
        conds.append("q.speaker_country = ?")
        params.append(country.upper())
    if text:
        conds.append("(q.text ILIKE ? ESCAPE '\\' OR q.speaker_name ILIKE ? ESCAPE '\\')")
        params.extend([like_pattern(text)] * 2)
    where = "WHERE " + " AND ".join(conds) if conds else ""
    joined = "FROM quotes q JOIN articles a ON a.content_hash = q.article_hash"
    total = store.tuples(f"SELECT count(*) {joined} {where}", params)[0][0]
    rows = store.query(
        'SELECT q.text, q.kind, q.cue_text AS cue, q.start_char AS start, q.end_char AS "end", '
        "q.speaker_name AS speaker, q.speaker_mention AS mention, q.speaker_title AS title, "
        "q.speaker_country AS country, q.speaker_sector AS sector, "
        "a.content_hash AS article_hash, a.id AS article_id, a.title AS article_title, "
        f"a.published, a.source, a.url {joined} {where} "
        "ORDER BY a.published DESC NULLS LAST, a.content_hash, q.idx LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return {"total": total, "rows": plain(rows)}
