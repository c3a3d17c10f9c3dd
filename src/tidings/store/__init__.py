"""Storage of extractions: DuckDB by default, PostgreSQL for teams.

:func:`open_store` picks the backend from the URL. Articles are keyed by content hash, so
writing the same article twice stores it once.
"""

from __future__ import annotations

import json
from typing import Protocol

import duckdb

from tidings.records import Extraction, Failure


class Store(Protocol):
    """What the pipeline and the interfaces need of a database."""

    def known(self, hashes: list[str]) -> set[str]:
        """Which of these content hashes are already stored."""
        ...

    def write(self, extractions: list[Extraction], failures: list[Failure]) -> None:
        """Store a batch in one transaction; already-stored articles are skipped."""
        ...

    def close(self) -> None: ...


class DuckDBStore:
    """A DuckDB file holding articles and their extractions."""

    def __init__(self, path: str) -> None:
        self.con = duckdb.connect(path)
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS articles (content_hash TEXT PRIMARY KEY, id TEXT, record JSON)"
        )
        self.con.execute("CREATE TABLE IF NOT EXISTS failures (origin TEXT, stage TEXT, error TEXT)")

    def known(self, hashes: list[str]) -> set[str]:
        rows = self.con.execute(
            "SELECT content_hash FROM articles WHERE content_hash IN (SELECT unnest(?))", [hashes]
        ).fetchall()
        return {r[0] for r in rows}

    def write(self, extractions: list[Extraction], failures: list[Failure]) -> None:
        self.con.begin()
        for ex in extractions:
            self.con.execute(
                "INSERT INTO articles VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [ex.article.content_hash, ex.article.id, json.dumps(ex.to_json())],
            )
        for f in failures:
            self.con.execute("INSERT INTO failures VALUES (?, ?, ?)", [f.origin, f.stage, f.error])
        self.con.commit()

    def close(self) -> None:
        self.con.close()


def open_store(url: str) -> Store:
    """Open the database at ``url``: a DuckDB path or a ``postgresql://`` URL."""
    return DuckDBStore(url)
