"""The schema file, read once: its version, its statements per backend, its column types.

``schema.sql`` is the single source of truth for table layouts; the Arrow schemas used for
bulk writes are derived from it, so a column added there is a column the writers fill.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

import pyarrow as pa

SCHEMA_FILE = "schema.sql"
PG_ONLY = "-- postgresql only"

_ARROW_TYPES = {
    "TEXT": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE PRECISION": pa.float64(),
    "DATE": pa.date32(),
    "BOOLEAN": pa.bool_(),
    "TIMESTAMP": pa.timestamp("us"),
}


SEARCH_SEPARATOR = "\x1f"
"""Joins the texts of ``canonical_events.search_text`` (the ASCII unit separator, a control
character): a searched text can match across two of them only if it holds it."""

SEARCH_TEXT = (
    f"string_agg(lower(concat_ws(chr({ord(SEARCH_SEPARATOR)}), e.sentence_text, e.actor_name, "
    f"e.recipient_name)), chr({ord(SEARCH_SEPARATOR)}) ORDER BY e.event_id)"
)
"""``canonical_events.search_text`` from its mentions ``e``: their evidence sentences, actor
and recipient names, lower-cased and joined (in a fixed order, so that recomputing gives the
same row). A text without the separator is in one of them, in any case, when ``lower`` of it
is in this."""


# Statements that upgrade a database from version N to N + 1, in SQL both backends accept.
# An added column goes last in an old table, wherever schema.sql puts it: writers name their
# columns, so the order does not matter.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        # The evidence sentence is stored, so that queries need not cut it from the article.
        # NOT NULL comes with the column: DuckDB cannot add it after an update in the same
        # transaction. The default only serves the ALTER and goes at once.
        "ALTER TABLE events ADD COLUMN sentence_text TEXT NOT NULL DEFAULT ''",
        "UPDATE events SET sentence_text = "
        "substr(a.text, events.sentence_start + 1, events.sentence_end - events.sentence_start) "
        "FROM articles a WHERE a.content_hash = events.article_hash",
        "ALTER TABLE events ALTER COLUMN sentence_text DROP DEFAULT",
    ),
    2: (
        # The lower-cased texts a text search of canonical events reads, in one column.
        "ALTER TABLE canonical_events ADD COLUMN search_text TEXT NOT NULL DEFAULT ''",
        "UPDATE canonical_events SET search_text = s.search_text FROM ("
        f"SELECT l.canonical_id, {SEARCH_TEXT} AS search_text FROM event_links l "
        "JOIN events e ON e.event_id = l.event_id GROUP BY l.canonical_id) s "
        "WHERE s.canonical_id = canonical_events.canonical_id",
        "ALTER TABLE canonical_events ALTER COLUMN search_text DROP DEFAULT",
    ),
}


@functools.cache
def schema_text() -> str:
    return resources.files("tidings.store").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


@functools.cache
def schema_version() -> int:
    """The version written in the first line of ``schema.sql``."""
    match = re.search(r"schema, version (\d+)", schema_text())
    if match is None:
        raise RuntimeError(f"{SCHEMA_FILE} does not state its version")
    return int(match.group(1))


def statements(backend: str) -> list[str]:
    """The DDL statements to run on ``backend`` ("duckdb" or "postgresql"), in order."""
    out = []
    pg_only = False
    current: list[str] = []
    for line in schema_text().splitlines():
        stripped = line.strip()
        if not current and stripped == PG_ONLY:
            pg_only = True
            continue
        if not current and (not stripped or stripped.startswith("--")):
            continue
        current.append(line.split("--", 1)[0].rstrip())
        if stripped.endswith(";"):
            if backend == "postgresql" or not pg_only:
                out.append("\n".join(current).rstrip().rstrip(";"))
            current, pg_only = [], False
    return out


@functools.cache
def arrow_schemas() -> dict[str, pa.Schema]:
    """The Arrow schema of every table, columns in table order."""
    tables: dict[str, pa.Schema] = {}
    for stmt in statements("duckdb"):
        head = re.match(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*)\)\s*$", stmt, re.S)
        if head is None:
            continue
        fields = []
        for col in head.group(2).split(","):
            name, sqltype = col.split(None, 1)
            base = re.sub(r"\s+(PRIMARY KEY|NOT NULL).*$", "", sqltype.strip())
            fields.append(pa.field(name, _ARROW_TYPES[base], nullable="NOT NULL" not in sqltype))
        tables[head.group(1)] = pa.schema(fields)
    return tables


def columns(table: str) -> list[str]:
    """Column names of ``table`` in order."""
    return arrow_schemas()[table].names
