"""The two backends: a DuckDB file (one writer process) and a PostgreSQL server (a team)."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv

from tidings.store.base import ROW_GROUP_ROWS, Store

# Any constant works: it names the advisory lock every tidings writer takes.
_WRITER_LOCK = 7_140_101


class DuckDBStore(Store):
    """A DuckDB file. One process may hold it read-write; read-only opens share it."""

    backend = "duckdb"

    def __init__(self, path: str, read_only: bool = False) -> None:
        self.url, self.read_only = path, read_only
        # The row group size is an option of ATTACH only, and not stored in the file.
        self.con = duckdb.connect()
        options = "READ_ONLY" if read_only else f"ROW_GROUP_SIZE {ROW_GROUP_ROWS}"
        quoted = path.replace("'", "''")
        self.con.execute(f"ATTACH '{quoted}' AS tidings ({options})")
        self.con.execute("USE tidings")
        # A full buffer of row groups is flushed at once; one at a time, the compression of
        # a bulk write overlaps its conversion.
        self.con.execute("SET write_buffer_row_group_count = 1")
        self.con.execute("SET enable_progress_bar = false")  # it would print on stdout
        self._init_schema()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.con.execute(sql, list(params))

    def tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.con.execute(sql, list(params)).fetchall()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def arrow(self, sql: str, params: Sequence[Any] = ()) -> pa.Table:
        return self.con.sql(sql, params=list(params)).to_arrow_table()

    def in_list(self, column: str) -> str:
        return f"{column} IN (SELECT unnest(?))"

    def _insert(self, table: str, data: pa.Table | pa.RecordBatchReader) -> None:
        # By name: a migrated table has its added columns last (see schema.MIGRATIONS).
        # After a failed insert the view stays until the next one replaces it: unregistering
        # in an aborted transaction would raise and hide the error.
        self.con.register("_bulk", data)
        self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _bulk")
        self.con.unregister("_bulk")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.begin()
        try:
            yield
        except BaseException:
            self.con.rollback()
            raise
        self.con.commit()

    def close(self) -> None:
        self.con.close()


class PostgresStore(Store):
    """A PostgreSQL database. Writers take an advisory lock, so they write one at a time."""

    backend = "postgresql"

    def __init__(self, url: str, read_only: bool = False) -> None:
        import psycopg

        self.url, self.read_only = url, read_only
        self.con = psycopg.connect(url, autocommit=True)
        if read_only:
            self.con.execute("SET default_transaction_read_only = on")
        self._init_schema()

    @staticmethod
    def _sql(sql: str) -> str:
        # psycopg placeholders are %s; a literal % must be doubled.
        return sql.replace("%", "%%").replace("?", "%s")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.con.execute(self._sql(sql), list(params))

    def tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.con.execute(self._sql(sql), list(params)).fetchall()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        from psycopg.rows import dict_row

        with self.con.cursor(row_factory=dict_row) as cur:
            cur.execute(self._sql(sql), list(params))
            return cur.fetchall()

    def arrow(self, sql: str, params: Sequence[Any] = ()) -> pa.Table:
        with self.con.cursor() as cur:
            cur.execute(self._sql(sql), list(params))
            names = [d.name for d in cur.description or ()]
            rows = cur.fetchall()
        return pa.table({n: [r[i] for r in rows] for i, n in enumerate(names)})

    def in_list(self, column: str) -> str:
        return f"{column} = ANY(?)"

    def _insert(self, table: str, data: pa.Table | pa.RecordBatchReader) -> None:
        if isinstance(data, pa.RecordBatchReader):
            data = data.read_all()
        # COPY of Arrow-written CSV: nulls are unquoted empty fields, empty strings are "".
        buf = io.BytesIO()
        pacsv.write_csv(data, buf)
        cols = ", ".join(data.column_names)
        with (
            self.con.cursor() as cur,
            cur.copy(f"COPY {table} ({cols}) FROM STDIN (FORMAT csv, HEADER true)") as copy,
        ):
            copy.write(buf.getbuffer())

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.con.transaction():
            yield

    def _lock_writers(self) -> None:
        self.execute("SELECT pg_advisory_xact_lock(?)", [_WRITER_LOCK])

    def _analyze(self, table: str) -> None:
        # A temporary table has no statistics until analysed: the planner would guess it big.
        self.execute(f"ANALYZE {table}")

    def close(self) -> None:
        self.con.close()
