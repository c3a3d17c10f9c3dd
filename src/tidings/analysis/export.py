"""Exports of events: Parquet, CSV, JSON Lines, PLOVER JSON records, GDELT 2.0-style TSV.

Canonical events by default (one row per real-world event, with its mention counts and the
first reporting article); ``Filters(dedup=False)`` exports every mention instead. The GDELT
column mapping is documented in docs/database.md.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from tidings.analysis.filters import Filters
from tidings.store import Store

FORMATS = ("parquet", "csv", "jsonl", "plover", "gdelt")

_SUFFIXES = {".parquet": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".tsv": "gdelt"}


def export(
    store: Store, path: str | Path, fmt: str | None = None, *, filters: Filters | None = None
) -> int:
    """Write the events ``filters`` select to ``path``; return how many were written.

    ``fmt`` is one of :data:`FORMATS`; by default it follows the suffix (``.parquet``,
    ``.csv``, ``.jsonl``, ``.tsv`` → GDELT; ``.plover.jsonl`` → PLOVER).
    """
    path = Path(path)
    fmt = fmt or ("plover" if path.name.endswith(".plover.jsonl") else _SUFFIXES.get(path.suffix))
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format for {path.name}: choose one of {FORMATS}")
    f = filters or Filters()
    table = event_table(store, f)
    if fmt == "parquet":
        pq.write_table(table, path)
    elif fmt == "csv":
        pacsv.write_csv(table, path)
    elif fmt == "jsonl":
        _write_lines(path, (json.dumps(r, default=str, ensure_ascii=False) for r in _rows(table)))
    elif fmt == "plover":
        actors = _actors(store, f)
        _write_lines(
            path,
            (
                json.dumps(plover_record(r, actors.get(r["id"], {})), ensure_ascii=False)
                for r in _rows(table)
            ),
        )
    else:
        _write_lines(path, ("\t".join(_gdelt_row(n, r)) for n, r in enumerate(_rows(table), 1)))
    return table.num_rows


def event_table(store: Store, filters: Filters) -> pa.Table:
    """The exported columns: coding, dyad, counts, first article, trigger and evidence."""
    where, params = filters.sql("x")
    counts = (
        "x.num_mentions, x.num_articles, x.num_sources, x.first_seen"
        if filters.dedup
        else "1 AS num_mentions, 1 AS num_articles, 1 AS num_sources, "
        "coalesce(a.published, CAST(a.stored_at AS DATE)) AS first_seen"
    )
    return store.arrow(
        f"SELECT x.{filters.id_column} AS id, x.day, x.type, x.mode, x.cameo, x.quad, x.goldstein, "
        "x.actor_name, x.actor_country, x.actor_sector, "
        "x.recipient_name, x.recipient_country, x.recipient_sector, "
        "x.place_name, x.place_country, e.place_lat, e.place_lon, x.negated, x.modality, "
        f"{counts}, e.context, a.content_hash AS article_hash, a.id AS article_id, a.url, "
        "a.source, a.published, e.trigger_text AS trigger, e.sentence_text AS evidence "
        f"FROM {filters.table} x JOIN events e ON e.event_id = x.{filters.id_column} "
        f"JOIN articles a ON a.content_hash = e.article_hash {where} ORDER BY x.day, id",
        params,
    )


def _rows(table: pa.Table) -> Iterator[dict[str, Any]]:
    for batch in table.to_batches(max_chunksize=10_000):
        yield from batch.to_pylist()


def _write_lines(path: Path, lines: Iterator[str]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for line in lines:
            out.write(line + "\n")


def _actors(store: Store, filters: Filters) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Every actor and recipient of the exported events (of their first mention, if canonical).

    The first coded one of each side is in the events row, the others in ``event_actors``.
    """
    where, params = filters.sql("x")
    ids = f"event_id IN (SELECT x.{filters.id_column} FROM {filters.table} x {where})"
    sides = " UNION ALL ".join(
        f"SELECT event_id, '{r}' AS role, {r}_idx AS idx, {r}_name AS name, "
        f"{r}_country AS country, {r}_sector AS sector, {r}_text AS text "
        f"FROM events WHERE {r}_idx IS NOT NULL AND {ids}"
        for r in ("actor", "recipient")
    )
    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for event_id, role, _, name, country, sector, text in store.tuples(
        f"{sides} UNION ALL SELECT event_id, role, idx, name, country, sector, text "
        f"FROM event_actors WHERE {ids} ORDER BY 1, 2, 3",
        params * 3,
    ):
        actor = {"actorText": text, "name": name, "code": country, "sector": sector}
        out.setdefault(event_id, {}).setdefault(role, []).append(actor)
    return out


def plover_record(row: dict[str, Any], actors: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """A PLOVER JSON record (the field names of the PLOVER gold standard) plus our counts."""
    return {
        "id": row["id"],
        "date": row["day"].isoformat() if row["day"] else None,
        "event": row["type"],
        "mode": row["mode"] or "",
        "context": ",".join(json.loads(row["context"] or "[]")),
        "source": actors.get("actor", []),
        "target": actors.get("recipient", []),
        "eventText": row["trigger"],
        "text": row["evidence"],
        "cameo": row["cameo"],
        "goldstein": row["goldstein"],
        "quadClass": row["quad"],
        "negated": row["negated"],
        "modality": row["modality"],
        "location": (
            {
                "placeName": row["place_name"],
                "country": row["place_country"],
                "lat": row["place_lat"],
                "lon": row["place_lon"],
            }
            if row["place_name"]
            else None
        ),
        "numMentions": row["num_mentions"],
        "numArticles": row["num_articles"],
        "numSources": row["num_sources"],
        "publication": row["source"],
        "url": row["url"],
        "articleId": row["article_id"],
        "language": "en",
        "coder": "tidings",
    }


def _s(v: Any) -> str:
    return "" if v is None else str(v)


def _ymd(d: dt.date | None) -> str:
    return d.strftime("%Y%m%d") if d else ""


def _actor_cols(country: str | None, sector: str | None, name: str | None) -> list[str]:
    # Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code, Religion2Code,
    # Type1Code, Type2Code, Type3Code
    code = f"{country or ''}{sector or ''}"
    return [code, (name or "").upper(), _s(country), "", "", "", "", _s(sector), "", ""]


def _geo_cols(row: dict[str, Any]) -> list[str]:
    # Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID
    if not (row["place_name"] or row["place_country"]):
        return [""] * 8
    geo_type = "4" if row["place_lat"] is not None else "1"
    return [
        geo_type,
        _s(row["place_name"]),
        _s(row["place_country"]),
        _s(row["place_country"]),
        "",
        _s(row["place_lat"]),
        _s(row["place_lon"]),
        "",
    ]


def _gdelt_row(n: int, row: dict[str, Any]) -> list[str]:
    """The 61 columns of a GDELT 2.0 event record (docs/database.md has the mapping)."""
    day: dt.date | None = row["day"]
    first_seen: dt.date | None = row["first_seen"]
    cameo = row["cameo"] or ""
    no_geo = [""] * 8
    return [
        str(n),
        _ymd(day),
        day.strftime("%Y%m") if day else "",
        str(day.year) if day else "",
        f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
        *_actor_cols(row["actor_country"], row["actor_sector"], row["actor_name"]),
        *_actor_cols(row["recipient_country"], row["recipient_sector"], row["recipient_name"]),
        "0",
        cameo,
        cameo[:3],
        cameo[:2],
        _s(row["quad"]),
        _s(row["goldstein"]),
        str(row["num_mentions"]),
        str(row["num_sources"]),
        str(row["num_articles"]),
        "",
        *no_geo,
        *no_geo,
        *_geo_cols(row),
        f"{_ymd(first_seen)}000000" if first_seen else "",
        _s(row["url"]),
    ]


GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{i}{c}" for i in (1, 2) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
"""GDELT 2.0 event columns, in file order (the file itself has no header)."""
