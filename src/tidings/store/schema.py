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
