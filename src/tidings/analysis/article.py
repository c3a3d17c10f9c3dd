"""One stored article with everything found in it, and its findings as text spans."""

from __future__ import annotations

from typing import Any

from tidings.analysis.queries import plain
from tidings.store import Store


def article_view(store: Store, key: str) -> dict[str, Any] | None:
    """The article whose content hash (or 8+ character prefix) or id is ``key``.

    Returns the output-contract object (:meth:`Extraction.to_json`) with, added, each
    event's ``event_id``, ``canonical_id`` and ``num_articles`` (how many articles report it),
    and ``spans``: every quote, cue, speaker, event trigger, time and entity as
    ``{"start", "end", "kind", "label", "index"}`` sorted by position, for highlighting.
    ``index`` points into the matching list (quotes, events, times, entities).
    """
    content_hash = store.find_article(key)
    if not content_hash:
        return None
    ex = store.extraction(content_hash)
    if ex is None:
        return None
    view = ex.to_json()
    links = {
        r["event_id"]: r
        for r in store.query(
            "SELECT e.event_id, l.canonical_id, c.num_articles FROM events e "
            "LEFT JOIN event_links l ON l.event_id = e.event_id "
            "LEFT JOIN canonical_events c ON c.canonical_id = l.canonical_id "
            "WHERE e.article_hash = ?",
            [content_hash],
        )
    }
    for i, event in enumerate(view["events"]):
        event_id = f"{content_hash[:16]}-{i}"
        link = links.get(event_id, {})
        event.update(
            event_id=event_id,
            canonical_id=link.get("canonical_id"),
            num_articles=link.get("num_articles"),
        )
    spans: list[dict[str, Any]] = []

    def add(start: int, end: int, kind: str, label: str, index: int) -> None:
        spans.append({"start": start, "end": end, "kind": kind, "label": label, "index": index})

    for i, q in enumerate(ex.quotes):
        add(q.start, q.end, "quote", q.kind, i)
        if q.cue:
            add(q.cue.start, q.cue.end, "cue", q.cue.text, i)
        if q.speaker:
            add(q.speaker.start, q.speaker.end, "speaker", q.speaker.name, i)
    for i, e in enumerate(ex.events):
        add(e.trigger.start, e.trigger.end, "event", e.type, i)
    for i, t in enumerate(ex.times):
        add(t.start, t.end, "time", t.value, i)
    for i, n in enumerate(ex.entities):
        add(n.start, n.end, "entity", n.label, i)
    view["spans"] = sorted(spans, key=lambda s: (s["start"], -s["end"], s["kind"]))
    return plain(view)
