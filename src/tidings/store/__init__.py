"""Storage of extractions: DuckDB by default, PostgreSQL for teams.

:func:`open_store` picks the backend from the URL. Articles are keyed by content hash, so
writing the same article twice stores it once; a batch is one transaction, so a run killed
halfway leaves whole articles only. Event mentions are deduplicated across articles into
canonical events (:mod:`tidings.store.dedup`). The tables are in ``schema.sql``;
docs/database.md describes them.
"""

from __future__ import annotations

from tidings.store.base import SchemaMismatch, Store

__all__ = ["SchemaMismatch", "Store", "open_store"]


def open_store(url: str, read_only: bool = False) -> Store:
    """Open (creating if needed) the database at ``url``: a DuckDB path or ``postgresql://`` URL.

    ``read_only`` opens for queries only. A DuckDB file held read-write by one process cannot
    be opened by another at all, so queries should open read-only while no run is writing.
    """
    from tidings.store.backends import DuckDBStore, PostgresStore

    if url.startswith(("postgresql://", "postgres://")):
        return PostgresStore(url, read_only=read_only)
    return DuckDBStore(url, read_only=read_only)
