"""Read queries over a store: dyad series, networks, top actors and speakers, quotes, events.

Every function takes an open :class:`~tidings.store.Store` (open it with
``open_store(url, read_only=True)`` for queries) and returns plain dicts and lists with
ISO dates, ready for JSON. Event filters come as a :class:`Filters`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from tidings.analysis.filters import QUADS, Filters, actor_label, like_escape, like_pattern
from tidings.store import Store

INTERVALS = ("day", "week", "month")


def plain(value: Any) -> Any:
    """Dates as ISO strings, recursively; everything else unchanged."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _with(filters: Filters | None, **changes: Any) -> Filters:
    base = filters or Filters()
    return dataclasses.replace(base, **{k: v for k, v in changes.items() if v is not None})


def summary(store: Store) -> dict[str, Any]:
    """Row counts per table and the range of event days."""
    first, last = store.tuples("SELECT min(day), max(day) FROM events")[0]
    return plain({"counts": store.counts(), "first_day": first, "last_day": last})


def dyad_series(
    store: Store,
    actor: str | None = None,
    recipient: str | None = None,
    *,
    interval: str = "week",
    filters: Filters | None = None,
) -> list[dict[str, Any]]:
    """Events from ``actor`` to ``recipient`` (``"USA"``, ``"USA:GOV"``) per day, week or month.

    One dict per period that has events: ``period`` (first day), ``events``, a count per quad
    class (``verbal_cooperation`` … ``material_conflict``), ``types`` (count per PLOVER
    type), ``goldstein_sum`` and ``goldstein_mean`` (over events with a Goldstein value).
    Weeks start on Monday.
    """
    if interval not in INTERVALS:
        raise ValueError(f"interval must be one of {INTERVALS}, not {interval!r}")
    f = _with(filters, actor=actor, recipient=recipient)
    where, params = f.sql()
    where = f"{where} AND day IS NOT NULL" if where else "WHERE day IS NOT NULL"
    rows = store.tuples(
        f"SELECT CAST(date_trunc('{interval}', day) AS DATE) AS period, type, quad, count(*), "
        f"sum(goldstein), count(goldstein) FROM {f.table} {where} GROUP BY 1, 2, 3 ORDER BY 1, 2",
        params,
    )
    periods: dict[dt.date, dict[str, Any]] = {}
    for period, type_, quad, n, gsum, gn in rows:
        p = periods.setdefault(
            period,
            {
                "period": period,
                "events": 0,
                **dict.fromkeys(QUADS.values(), 0),
                "types": {},
                "goldstein_sum": 0.0,
                "_gn": 0,
            },
        )
        p["events"] += n
        if quad in QUADS:
            p[QUADS[quad]] += n
        p["types"][type_] = p["types"].get(type_, 0) + n
        p["goldstein_sum"] += gsum or 0.0
        p["_gn"] += gn
    out = []
    for p in periods.values():
        gn = p.pop("_gn")
        p["goldstein_mean"] = p["goldstein_sum"] / gn if gn else None
        out.append(plain(p))
    return out


def actor_network(
    store: Store,
    *,
    filters: Filters | None = None,
    by_sector: bool = True,
    min_weight: int = 1,
    limit: int = 500,
) -> dict[str, Any]:
    """Directed, weighted actor → recipient edges between coded actors.

    Nodes are ``COUNTRY:SECTOR`` (or countries with ``by_sector=False``). Each edge has
    ``weight`` (events), ``cooperation`` and ``conflict`` counts and ``goldstein_mean``;
    the ``limit`` heaviest edges with at least ``min_weight`` events are returned.
    """
    f = filters or Filters()
    where, params = f.sql()
    coded = "actor_country IS NOT NULL AND recipient_country IS NOT NULL"
    where = f"{where} AND {coded}" if where else f"WHERE {coded}"
    sectors = ("actor_sector", "recipient_sector") if by_sector else ("NULL", "NULL")
    rows = store.tuples(
        f"SELECT actor_country, {sectors[0]}, recipient_country, {sectors[1]}, count(*) AS n, "
        "count(*) FILTER (WHERE quad IN (1, 2)), count(*) FILTER (WHERE quad IN (3, 4)), "
        f"avg(goldstein) FROM {f.table} {where} GROUP BY 1, 2, 3, 4 HAVING count(*) >= ? "
        "ORDER BY n DESC, 1, 2, 3, 4 LIMIT ?",
        [*params, min_weight, limit],
    )
    edges: list[dict[str, Any]] = []
    nodes: dict[str, dict[str, Any]] = {}
    for ac, asec, rc, rsec, n, coop, conf, gmean in rows:
        src, dst = actor_label(ac, asec), actor_label(rc, rsec)
        edges.append(
            {
                "source": src,
                "target": dst,
                "weight": n,
                "cooperation": coop,
                "conflict": conf,
                "goldstein_mean": gmean,
            }
        )
        for node, country, sector in ((src, ac, asec), (dst, rc, rsec)):
            entry = nodes.setdefault(
                node, {"id": node, "country": country, "sector": sector, "events": 0}
            )
            entry["events"] += n
    return {"nodes": sorted(nodes.values(), key=lambda x: (-x["events"], x["id"])), "edges": edges}


def top_actors(
    store: Store, *, filters: Filters | None = None, by: str = "actor", limit: int = 20
) -> list[dict[str, Any]]:
    """Actors in the most events, as actor or recipient.

    ``by``: ``"actor"`` (country and sector), ``"country"`` or ``"name"`` (the resolved name
    of the first coded actor). Each row: ``actor``, ``country``, ``sector``, ``name``,
    ``events``, ``as_actor``, ``as_recipient``.
    """
    keys = {"actor": ("country", "sector"), "country": ("country",), "name": ("name", "country")}
    if by not in keys:
        raise ValueError(f"by must be one of {tuple(keys)}, not {by!r}")
    f = filters or Filters()
    where, params = f.sql()
    cols = keys[by]
    side = " UNION ALL ".join(
        f"SELECT {', '.join(f'{role}_{c} AS {c}' for c in cols)}, {n} AS as_actor "
        f"FROM {f.table} {where}"
        for role, n in (("actor", 1), ("recipient", 0))
    )
    group = ", ".join(cols)
    rows = store.query(
        f"SELECT {group}, count(*) AS events, sum(as_actor) AS as_actor FROM ({side}) x "
        f"WHERE {cols[0]} IS NOT NULL GROUP BY {group} ORDER BY events DESC, {group} LIMIT ?",
        [*params, *params, limit],
    )
    out = []
    for r in rows:
        country, sector, name = r.get("country"), r.get("sector"), r.get("name")
        out.append(
            {
                "actor": name if by == "name" else actor_label(country, sector),
                "country": country,
                "sector": sector,
                "name": name,
                "events": r["events"],
                "as_actor": int(r["as_actor"]),
                "as_recipient": r["events"] - int(r["as_actor"]),
            }
        )
    return out


def _published_where(start: Any, end: Any, alias: str = "a") -> tuple[str, list[Any]]:
    conds, params = [], []
    if start is not None:
        conds.append(f"{alias}.published >= ?")
        params.append(dt.date.fromisoformat(str(start)))
    if end is not None:
        conds.append(f"{alias}.published <= ?")
        params.append(dt.date.fromisoformat(str(end)))
    return " AND ".join(conds), params


def top_speakers(
    store: Store, *, start: Any = None, end: Any = None, source: str | None = None, limit: int = 20
) -> list[dict[str, Any]]:
    """The most-quoted speakers in articles published between ``start`` and ``end``.

    Each row: ``speaker``, ``quotes``, ``articles``, ``country``, ``sector``, ``title``.
    """
    cond, params = _published_where(start, end)
    if source:
        cond = f"{cond} AND a.source = ?" if cond else "a.source = ?"
        params.append(source)
    rows = store.query(
        "SELECT q.speaker_name AS speaker, count(*) AS quotes, "
        "count(DISTINCT q.article_hash) AS articles, max(q.speaker_country) AS country, "
        "max(q.speaker_sector) AS sector, max(q.speaker_title) AS title "
        "FROM quotes q JOIN articles a ON a.content_hash = q.article_hash "
        f"WHERE q.speaker_name IS NOT NULL {'AND ' + cond if cond else ''} "
        "GROUP BY q.speaker_name ORDER BY quotes DESC, speaker LIMIT ?",
        [*params, limit],
    )
    return plain(rows)


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
    coded country; ``text``: a substring of the quote or the speaker's name. Each row:
    ``text``, ``kind``, ``cue``, ``start``, ``end``, the speaker's ``speaker`` (name),
    ``mention``, ``title``, ``country`` and ``sector``, and the article's ``article_hash``,
    ``article_id``, ``article_title``, ``published``, ``source``, ``url``.
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
        escape = like_escape(text)
        conds.append(f"(q.text ILIKE ?{escape} OR q.speaker_name ILIKE ?{escape})")
        params.extend([like_pattern(text)] * 2)
    where = "WHERE " + " AND ".join(conds) if conds else ""
    joined = "FROM quotes q JOIN articles a ON a.content_hash = q.article_hash"
    total = store.tuples(f"SELECT count(*) FROM quotes q {where}", params)[0][0]
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


def _day_window(
    store: Store,
    source: str,
    day: str,
    where: str,
    params: list[Any],
    limit: int,
    offset: int,
    key: str | None = None,
) -> tuple[int, tuple[str, list[Any], int] | None]:
    """Where a newest-first page falls, found without sorting every row.

    Sorting all selected rows to skip ``offset`` of them grows with the offset; counting the
    rows per ``day`` (one grouped scan, which gives the total too) tells which days rows
    ``offset`` to ``offset + limit`` fall on, so only those days' rows need sorting. Returns
    the total and the page: the WHERE clause and parameters of the page query (``where``
    narrowed to those days) and how many rows of those days come before the page, or None
    when the page is empty.

    With ``key`` (the rows' id column), the scan fetches each selected row's day and key
    instead of counting, and the page query selects the rows of those days by key: an
    expensive filter (a text search) is then evaluated once, not again for the page.
    """
    if key:
        keys: dict[Any, list[Any]] = {}
        for value, k in store.tuples(f"SELECT {day}, {key} FROM {source} {where}", params):
            keys.setdefault(value, []).append(k)
        newest_first = sorted(keys, key=lambda d: (d is None, -d.toordinal() if d else 0))
        counts = [(d, len(keys[d])) for d in newest_first]
    else:
        counts = store.tuples(
            f"SELECT {day}, count(*) FROM {source} {where} GROUP BY 1 ORDER BY 1 DESC NULLS LAST",
            params,
        )
    total = sum(n for _, n in counts)
    before, skip = 0, 0
    days: list[Any] = []
    for value, n in counts:
        if before + n > offset:
            if not days:
                skip = offset - before
            days.append(value)
        before += n
        if before >= offset + limit:
            break
    if not days:
        return total, None
    if key:
        return total, (f"WHERE {store.in_list(key)}", [[k for d in days for k in keys[d]]], skip)
    dated = [d for d in days if d is not None]
    conds, cond_params = [], []
    if dated:
        conds.append(f"{day} BETWEEN ? AND ?")
        cond_params += [dated[-1], dated[0]]
    if days[-1] is None:
        conds.append(f"{day} IS NULL")
    window = "(" + " OR ".join(conds) + ")"
    where = f"{where} AND {window}" if where else f"WHERE {window}"
    return total, (where, [*params, *cond_params], skip)


_EVENT_COLUMNS = (
    "type, mode, cameo, quad, goldstein, actor_name, actor_country, actor_sector, "
    "recipient_name, recipient_country, recipient_sector, day, place_name, place_country, "
    "negated, modality"
)


def events_page(
    store: Store, *, filters: Filters | None = None, limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    """One page of events, newest day first: ``{"total": n, "rows": [...]}``.

    Canonical rows carry ``id``, their coding and ``num_mentions``/``num_articles``/
    ``num_sources``/``first_seen``; mention rows (``dedup=False``) carry ``id``, their coding,
    ``article_hash``, ``trigger`` and ``evidence`` (the sentence).
    """
    f = filters or Filters()
    where, params = f.sql("x")
    # A text search reads every canonical event's search text, so it is done once, in the
    # window scan. (The page query of mentions, narrowed to a few days, tests only those
    # days' rows.)
    key = "x.canonical_id" if f.text and f.dedup else None
    total, page = _day_window(store, f"{f.table} x", "x.day", where, params, limit, offset, key)
    if page is None:
        return {"total": total, "rows": []}
    where, params, skip = page
    cols = ", ".join(f"x.{c.strip()}" for c in _EVENT_COLUMNS.split(","))
    order = "ORDER BY x.day DESC NULLS LAST, id"
    if f.dedup:
        sql = (
            f"SELECT x.canonical_id AS id, {cols}, x.num_mentions, x.num_articles, "
            f"x.num_sources, x.first_seen FROM canonical_events x {where} {order} LIMIT ? OFFSET ?"
        )
    else:
        sql = (
            f"SELECT x.event_id AS id, {cols}, x.article_hash, x.trigger_text AS trigger, "
            f"x.sentence_text AS evidence FROM events x {where} {order} LIMIT ? OFFSET ?"
        )
    rows = store.query(sql, [*params, limit, skip])
    return {"total": total, "rows": plain(rows)}


def canonical_event(store: Store, canonical_id: str) -> dict[str, Any] | None:
    """A canonical event with every mention: its article, trigger and evidence sentence."""
    rows = store.query("SELECT * FROM canonical_events WHERE canonical_id = ?", [canonical_id])
    if not rows:
        return None
    mentions = store.query(
        "SELECT e.event_id, e.article_hash, a.id AS article_id, a.title, a.source, a.url, "
        "a.published, e.day, e.trigger_text AS trigger, e.trigger_start, e.trigger_end, "
        "e.sentence_start, e.sentence_end, e.cameo, e.goldstein, e.sentence_text AS evidence "
        "FROM event_links l JOIN events e ON e.event_id = l.event_id "
        "JOIN articles a ON a.content_hash = e.article_hash WHERE l.canonical_id = ? "
        "ORDER BY a.published NULLS LAST, e.article_hash, e.idx",
        [canonical_id],
    )
    return plain({**rows[0], "mentions": mentions})


def list_articles(
    store: Store,
    *,
    search: str | None = None,
    source: str | None = None,
    start: Any = None,
    end: Any = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """Stored articles, newest first: ``{"total": n, "rows": [...]}``.

    ``search`` matches title or text (case-insensitive substring); each row has
    ``content_hash``, ``id``, ``title``, ``published``, ``source``, ``url``, ``quotes`` and
    ``events`` (counts).
    """
    cond, params = _published_where(start, end)
    conds = [cond] if cond else []
    if source:
        conds.append("a.source = ?")
        params.append(source)
    if search:
        escape = like_escape(search)
        conds.append(f"(a.title ILIKE ?{escape} OR a.text ILIKE ?{escape})")
        params.extend([like_pattern(search)] * 2)
    where = "WHERE " + " AND ".join(conds) if conds else ""
    key = "a.content_hash" if search else None  # a text search is evaluated once
    total, page = _day_window(store, "articles a", "a.published", where, params, limit, offset, key)
    if page is None:
        return {"total": total, "rows": []}
    where, params, skip = page
    order = "ORDER BY a.published DESC NULLS LAST, a.content_hash"
    # The page is cut first, so that only its articles' quotes and events are counted.
    rows = store.query(
        "SELECT a.*, (SELECT count(*) FROM quotes q WHERE q.article_hash = a.content_hash) "
        "AS quotes, (SELECT count(*) FROM events e WHERE e.article_hash = a.content_hash) "
        "AS events FROM (SELECT a.content_hash, a.id, a.title, a.published, a.source, a.url "
        f"FROM articles a {where} {order} LIMIT ? OFFSET ?) a {order}",
        [*params, limit, skip],
    )
    return {"total": total, "rows": plain(rows)}


def failures(store: Store, *, limit: int = 100) -> list[dict[str, Any]]:
    """Recorded failures, newest first."""
    rows = store.query(
        "SELECT origin, stage, error, article_id, recorded_at FROM failures "
        "ORDER BY recorded_at DESC LIMIT ?",
        [limit],
    )
    return [{**r, "recorded_at": r["recorded_at"].isoformat()} for r in rows]
