"""The store: what both backends share — writes, deduplication, reading records back.

A backend supplies the few primitives that differ (connecting, running SQL, bulk loading an
Arrow table, the transaction, the "value in list" test); everything else is written once
here in SQL that DuckDB and PostgreSQL both accept. SQL uses ``?`` placeholders.
"""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import gc
import json
import queue
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pyarrow as pa

from tidings.records import Extraction, Failure
from tidings.store import dedup
from tidings.store.rows import (
    Rows,
    article_from_row,
    entity_from_row,
    event_days,
    event_from_row,
    quote_from_row,
    time_from_row,
    to_arrow,
)
from tidings.store.schema import (
    MIGRATIONS,
    SEARCH_TEXT,
    columns,
    schema_version,
    statements,
)

# Articles a write converts at a time: small enough that the insert starts early, big
# enough that Arrow's per-call costs do not count.
_CHUNK = 2_000
# Rows per row group of tidings' DuckDB files, and per batch of a streamed insert. DuckDB
# compresses and writes a batch that fills a row group as it arrives, on a thread of its own,
# while the conversion goes on (smaller batches it first copies together). A quarter of
# DuckDB's default, so that what is left to compress when the conversion ends is short.
ROW_GROUP_ROWS = 30_720
# The tables holding an article and what was found in it.
_ARTICLE_TABLES = ("articles", "quotes", "events", "event_actors", "times", "entities")


def _hand_over(
    stream: queue.Queue[pa.Table | None], item: pa.Table | None, reader: cf.Future[None]
) -> None:
    """Put ``item`` on the stream an insert reads, unless that insert has stopped (its error
    is then the reader's result)."""
    while not reader.done():
        try:
            stream.put(item, timeout=0.05)
            return
        except queue.Full:
            pass


def _rebatch(tables: Iterator[pa.Table], rows: int) -> Iterator[pa.RecordBatch]:
    """The rows of ``tables`` in batches of ``rows`` (the last one shorter)."""
    pending: list[pa.Table] = []
    count = 0
    for table in tables:
        pending.append(table)
        count += table.num_rows
        while count >= rows:
            whole = pa.concat_tables(pending)
            yield from whole.slice(0, rows).combine_chunks().to_batches()
            pending, count = [whole.slice(rows)], count - rows
    if count:
        yield from pa.concat_tables(pending).combine_chunks().to_batches()


def _arrow(
    chunk: list[tuple[str, Extraction]], failures: list[Failure], now: dt.datetime
) -> dict[str, pa.Table]:
    """The Arrow tables of the extractions (with their content hashes) and failures."""
    rows = Rows()
    for h, ex in chunk:
        rows.add_extraction(ex, h, now)
    for f in failures:
        rows.add_failure(f, now)
    return rows.arrow()


class SchemaMismatch(RuntimeError):
    """The database was created by another schema version of tidings."""


class Store:
    """A tidings database. Open one with :func:`tidings.store.open_store`.

    Writes: :meth:`write` (one transaction per batch) and :meth:`dedup`. Reads:
    :meth:`query` for the analysis layer, :meth:`extraction` to get a stored article back.
    """

    backend: str
    """"duckdb" or "postgresql"."""
    url: str
    read_only: bool

    # ---- backend primitives -------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement."""
        raise NotImplementedError

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a query; one dict per row, keyed by column name."""
        raise NotImplementedError

    def tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a query; one tuple per row."""
        raise NotImplementedError

    def arrow(self, sql: str, params: Sequence[Any] = ()) -> pa.Table:
        """Run a query; the result as an Arrow table (used by exports)."""
        raise NotImplementedError

    def in_list(self, column: str) -> str:
        """SQL testing ``column`` against a list bound to one ``?`` parameter."""
        raise NotImplementedError

    def _insert(self, table: str, data: pa.Table | pa.RecordBatchReader) -> None:
        """Bulk-append ``data`` (columns in table order; a reader is read to its end) to
        ``table``."""
        raise NotImplementedError

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Commit on success, roll back on error."""
        raise NotImplementedError
        yield

    def _lock_writers(self) -> None:
        """Serialise writers, where the backend lets several processes write."""

    def _analyze(self, table: str) -> None:
        """Refresh the planner's statistics of a table just filled, where a planner needs them."""

    def close(self) -> None:
        raise NotImplementedError

    # ---- schema ------------------------------------------------------------------------

    def _init_schema(self) -> None:
        """Create the tables, or upgrade an older database when opened read-write."""
        current = schema_version()
        if not self.read_only:
            with self.transaction():
                self._lock_writers()  # two writers opening an old database migrate it once
                found = self._stored_version()
                if len(found) == 1 and found[0] < current:
                    self._migrate(found[0])
                for stmt in statements(self.backend):
                    self.execute(stmt)
                if not found:
                    self.execute("INSERT INTO schema_version VALUES (?)", [current])
        found = self._stored_version()
        if found != [current]:
            hint = " (open it read-write to upgrade it)" if found and found[0] < current else ""
            raise SchemaMismatch(
                f"{self.url} has schema version {found}, this tidings uses {current}{hint}"
            )

    def _stored_version(self) -> list[int]:
        """The versions in ``schema_version``: none for a new database, else exactly one."""
        exists = self.tuples(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version' "
            "AND table_catalog = current_database() AND table_schema = current_schema()"
        )[0][0]
        return [r[0] for r in self.tuples("SELECT version FROM schema_version")] if exists else []

    def _migrate(self, version: int) -> None:
        """Upgrade from ``version`` to the current one, step by step, when every step is known."""
        steps = range(version, schema_version())
        if any(v not in MIGRATIONS for v in steps):
            return  # left to the version check, which names both versions
        for v in steps:
            for stmt in MIGRATIONS[v]:
                self.execute(stmt)
        self.execute("UPDATE schema_version SET version = ?", [schema_version()])

    # ---- writing -----------------------------------------------------------------------

    def known(self, hashes: list[str]) -> set[str]:
        """Which of these content hashes are already stored."""
        if not hashes:
            return set()
        sql = f"SELECT content_hash FROM articles WHERE {self.in_list('content_hash')}"
        return {r[0] for r in self.tuples(sql, [list(hashes)])}

    def write(
        self, extractions: list[Extraction], failures: list[Failure], *, dedup: bool = True
    ) -> int:
        """Store a batch in one transaction; return how many articles were new.

        Articles already stored (or repeated in the batch) are skipped, so writing the same
        batch twice changes nothing. Failures are appended. With ``dedup`` (the default) the
        canonical events where the new events fall (:func:`tidings.store.dedup.runs`) are
        recomputed in the same transaction; bulk loads may pass False and call
        :meth:`dedup` once at the end.
        """
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        hashes = [ex.article.content_hash for ex in extractions]
        with self.transaction():
            self._lock_writers()
            known = self.known(hashes)
            new: list[tuple[str, Extraction]] = []
            for h, ex in zip(hashes, extractions, strict=True):
                if h not in known:
                    known.add(h)
                    new.append((h, ex))
            events = self._insert_rows(new, failures, now)
            if dedup and events is not None:
                self._recompute(event_days(events))
        return len(new)

    def _insert_rows(
        self, new: list[tuple[str, Extraction]], failures: list[Failure], now: dt.datetime
    ) -> pa.Table | None:
        """Insert the rows of ``new`` and ``failures``; return the events table, if any."""
        chunks = [new[i : i + _CHUNK] for i in range(0, len(new), _CHUNK)] or [[]]
        # Millions of short-lived row tuples would set off full garbage collections over
        # every record the caller still holds; nothing here makes reference cycles.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        inserted: tuple[str, ...]
        try:
            if len(chunks) == 1:  # nothing to overlap: a pipeline's or a request's batch
                tables, inserted = _arrow(chunks[0], failures, now), ()
            else:
                tables, inserted = self._stream_events(chunks, failures, now), ("events",)
        finally:
            if gc_was_enabled:
                gc.enable()
        for table, data in tables.items():
            if table not in inserted:
                self._insert(table, data)
        return tables.get("events")

    def _stream_events(
        self, chunks: list[list[tuple[str, Extraction]]], failures: list[Failure], now: dt.datetime
    ) -> dict[str, pa.Table]:
        """Convert a big batch chunk by chunk while a second thread streams its events (most
        of its rows) into one insert; return every table, the events inserted, the rest not.

        The backends' bulk loads run without the GIL, so the conversion, in Python, and the
        insert overlap. Figures: docs/benchmarks.md (Store).
        """
        parts: dict[str, list[pa.Table]] = {}
        stream: queue.Queue[pa.Table | None] = queue.Queue(maxsize=2)
        inserting: cf.Future[None] | None = None
        # Leaving the executor waits for the insert: the transaction must not end under it,
        # even when a conversion fails.
        with cf.ThreadPoolExecutor(1) as inserter:
            try:
                for i, chunk in enumerate(chunks):
                    for table, data in _arrow(chunk, failures if i == 0 else [], now).items():
                        parts.setdefault(table, []).append(data)
                        if table != "events":
                            continue
                        if inserting is None:
                            batches = _rebatch(iter(stream.get, None), ROW_GROUP_ROWS)
                            reader = pa.RecordBatchReader.from_batches(data.schema, batches)
                            inserting = inserter.submit(self._insert, "events", reader)
                        _hand_over(stream, data, inserting)
            finally:
                if inserting is not None:
                    _hand_over(stream, None, inserting)  # the end of the stream
            if inserting is not None:
                inserting.result()
        return {table: pa.concat_tables(p) for table, p in parts.items()}

    def dedup(self) -> int:
        """Recompute every canonical event from scratch; return how many there are."""
        with self.transaction():
            self._lock_writers()
            self._recompute(None)
        for table in ("articles", "events", "event_links", "canonical_events"):
            self._analyze(table)
        return self.tuples("SELECT count(*) FROM canonical_events")[0][0]

    def _recompute(self, new: list[tuple[str, dt.date | None]] | None) -> None:
        """Re-cluster where the new mentions ``new`` (block, day) fall; everything if None."""

        def in_scope(alias: str) -> str:
            """Rows of ``alias`` in the runs to recompute (a JOIN, or nothing for all)."""
            if new is None:
                return ""
            return (
                f"JOIN dedup_scope r ON r.group_key = {alias}.group_key "
                f"AND (r.first_day IS NULL OR {alias}.day BETWEEN r.first_day AND r.last_day)"
            )

        if new is not None:
            keys = sorted({key for key, _ in new})
            block_days = self.tuples(
                f"SELECT group_key, day FROM events WHERE {self.in_list('group_key')} "
                "GROUP BY group_key, day",
                [keys],
            )
            self.execute(
                "CREATE TEMP TABLE IF NOT EXISTS dedup_scope "
                "(group_key TEXT, first_day DATE, last_day DATE)"
            )
            self.execute("DELETE FROM dedup_scope")
            groups, firsts, lasts = zip(*dedup.runs(block_days, new), strict=True)
            scope_rows = {
                "group_key": pa.array(groups, pa.string()),
                "first_day": pa.array(firsts, pa.date32()),
                "last_day": pa.array(lasts, pa.date32()),
            }
            self._insert("dedup_scope", pa.table(scope_rows))
            self._analyze("dedup_scope")
        # Canonical events, links and mentions all carry block and day: each is cut alone.
        for table, key in (("canonical_events", "canonical_id"), ("event_links", "event_id")):
            where = f"WHERE {key} IN (SELECT x.{key} FROM {table} x {in_scope('x')})"
            self.execute(f"DELETE FROM {table} {where if new is not None else ''}")
        cols = ", ".join(f"e.{c}" for c in dedup.MENTION_COLUMNS)
        mentions = self.tuples(
            f"SELECT {cols} FROM events e {in_scope('e')} "
            "JOIN articles a ON a.content_hash = e.article_hash "
            "ORDER BY e.group_key, e.day, a.published NULLS LAST, e.article_hash, e.idx"
        )
        self._insert("event_links", to_arrow("event_links", list(dedup.cluster(mentions))))
        # The first mention's coding, its unknown details filled from the other mentions
        # (compatible ones agree, so max() picks the one value; for CAMEO, the longest).
        seed = [
            c
            for c in columns("canonical_events")
            if c not in ("canonical_id", "goldstein", "day", "search_text", *dedup.DETAILS)
            and not c.startswith(("num_", "first", "last"))
        ]
        self.execute(
            f"""
            INSERT INTO canonical_events (canonical_id, goldstein, day,
                {", ".join(dedup.DETAILS)}, {", ".join(seed)},
                num_mentions, num_articles, num_sources, first_seen, last_seen, search_text)
            SELECT agg.canonical_id, agg.goldstein, agg.day,
                {", ".join(f"coalesce(s.{c}, agg.{c})" for c in dedup.DETAILS)},
                {", ".join(f"s.{c}" for c in seed)},
                agg.num_mentions, agg.num_articles, agg.num_sources, agg.first_seen, agg.last_seen,
                agg.search_text
            FROM (
                SELECT l.canonical_id,
                    {", ".join(f"max(e.{c}) AS {c}" for c in dedup.DETAILS)},
                    avg(e.goldstein) AS goldstein,
                    min(e.day) AS day,
                    count(*) AS num_mentions,
                    count(DISTINCT e.article_hash) AS num_articles,
                    count(DISTINCT coalesce(a.source, a.content_hash)) AS num_sources,
                    min(coalesce(a.published, CAST(a.stored_at AS DATE))) AS first_seen,
                    max(coalesce(a.published, CAST(a.stored_at AS DATE))) AS last_seen,
                    {SEARCH_TEXT} AS search_text
                FROM event_links l {in_scope("l")}
                JOIN events e ON e.event_id = l.event_id
                JOIN articles a ON a.content_hash = e.article_hash
                GROUP BY l.canonical_id
            ) agg
            JOIN events s ON s.event_id = agg.canonical_id
            """
        )

    # ---- reading -----------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        tables = [*_ARTICLE_TABLES, "failures", "canonical_events", "event_links"]
        sql = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in tables)
        return {name: n for name, n in self.tuples(sql)}

    def find_article(self, key: str) -> str | None:
        """The content hash of the article whose hash, hash prefix or id is ``key``."""
        rows = self.tuples(
            "SELECT content_hash FROM articles WHERE content_hash = ? OR id = ? "
            "OR (length(?) >= 8 AND content_hash LIKE ?) ORDER BY content_hash LIMIT 2",
            [key, key, key, key + "%"],
        )
        return rows[0][0] if len(rows) == 1 else None

    def extraction(self, content_hash: str) -> Extraction | None:
        """The stored extraction of one article, rebuilt from the tables."""
        arts = self.query("SELECT * FROM articles WHERE content_hash = ?", [content_hash])
        if not arts:
            return None
        by_article = "WHERE article_hash = ? ORDER BY idx"
        events = self.query(f"SELECT * FROM events {by_article}", [content_hash])
        actors: dict[str, list[dict[str, Any]]] = {}
        for a in self.query(
            "SELECT * FROM event_actors WHERE event_id IN "
            "(SELECT event_id FROM events WHERE article_hash = ?)",
            [content_hash],
        ):
            actors.setdefault(a["event_id"], []).append(a)
        return Extraction(
            article=article_from_row(arts[0]),
            quotes=[
                quote_from_row(r)
                for r in self.query(f"SELECT * FROM quotes {by_article}", [content_hash])
            ],
            events=[event_from_row(r, actors.get(r["event_id"], [])) for r in events],
            times=[
                time_from_row(r)
                for r in self.query(f"SELECT * FROM times {by_article}", [content_hash])
            ],
            entities=[
                entity_from_row(r)
                for r in self.query(f"SELECT * FROM entities {by_article}", [content_hash])
            ],
            warnings=json.loads(arts[0]["warnings"] or "[]"),
        )

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
