"""Exports written and parsed back: Parquet, CSV, JSON Lines, PLOVER records, GDELT TSV."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from tidings.analysis import Filters, export
from tidings.analysis.export import GDELT_COLUMNS
from tidings.interfaces.cli import cli


def test_parquet_csv_jsonl_agree(store, tmp_path):
    n = export(store, tmp_path / "e.parquet")
    table = pq.read_table(tmp_path / "e.parquet").to_pylist()
    assert export(store, tmp_path / "e.csv") == n
    with (tmp_path / "e.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert export(store, tmp_path / "e.jsonl") == n
    lines = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert len(table) == len(rows) == len(lines) == n
    assert [r["id"] for r in table] == [r["id"] for r in rows] == [r["id"] for r in lines]
    (reject,) = [r for r in table if r["type"] == "REJECT"]
    assert (reject["num_mentions"], reject["num_articles"]) == (2, 2)
    assert reject["evidence"] == "Washington canceled the summit with Pyongyang."
    assert reject["source"] == "Alpha News" and reject["day"].isoformat() == "2018-05-24"
    csv_reject = next(r for r in rows if r["id"] == reject["id"])
    assert csv_reject["num_articles"] == "2" and csv_reject["actor_country"] == "USA"
    assert next(r for r in lines if r["id"] == reject["id"])["goldstein"] == -4.0


def test_mentions_and_filters(store, tmp_path):
    every = export(store, tmp_path / "m.parquet", filters=Filters(dedup=False))
    canonical = export(store, tmp_path / "c.parquet")
    assert every == canonical + 1  # the cancellation has two mentions
    assert export(store, tmp_path / "q.csv", filters=Filters(quads=[4], actor="USA")) == 2


def test_plover_records(store, tmp_path):
    path = tmp_path / "events.plover.jsonl"
    n = export(store, path, filters=Filters(actor="USA", recipient="PRK"))
    records = [json.loads(line) for line in path.read_text().splitlines()]
    assert n == len(records) == 6
    strike = next(r for r in records if r["date"] == "2018-05-27")
    assert strike["event"] == "ASSAULT" and strike["quadClass"] == 4
    assert strike["source"] == [
        {"actorText": "Washington", "name": "Washington", "code": "USA", "sector": "GOV"}
    ]
    assert strike["target"][0]["code"] == "PRK"
    assert strike["text"] == "Washington struck Pyongyang targets near Wonsan."
    assert strike["location"]["placeName"] == "Wonsan"
    assert strike["eventText"] == "struck"


def test_gdelt_tsv(store, tmp_path):
    path = tmp_path / "events.tsv"
    n = export(store, path, filters=Filters(country="PRK"))
    rows = [line.split("\t") for line in path.read_text().splitlines()]
    assert len(GDELT_COLUMNS) == 61
    assert len(rows) == n and all(len(r) == 61 for r in rows)
    records = [dict(zip(GDELT_COLUMNS, r, strict=True)) for r in rows]
    reject = next(r for r in records if r["EventCode"] == "125")
    assert reject["SQLDATE"] == "20180524" and reject["MonthYear"] == "201805"
    assert (reject["Actor1Code"], reject["Actor2Code"]) == ("USAGOV", "PRKGOV")
    assert (reject["EventBaseCode"], reject["EventRootCode"]) == ("125", "12")
    assert (reject["QuadClass"], float(reject["GoldsteinScale"])) == ("3", -4.0)
    assert (reject["NumMentions"], reject["NumSources"], reject["NumArticles"]) == ("2", "2", "2")
    assert reject["DATEADDED"] == "20180524000000"
    strike = next(r for r in records if (r["SQLDATE"], r["EventCode"]) == ("20180526", "190"))
    assert strike["ActionGeo_FullName"] == "Kaesong" and strike["ActionGeo_Type"] == "1"
    assert [int(r["GLOBALEVENTID"]) for r in records] == list(range(1, n + 1))


def test_unknown_format(store, tmp_path):
    with pytest.raises(ValueError, match="format"):
        export(store, tmp_path / "events.xlsx")


def test_cli_query_and_export(db, tmp_path):
    runner = CliRunner()
    result = runner.invoke(
        cli, ["query", "dyad", "USA", "PRK", "--db", db, "--interval", "month", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["events"] == 6
    table = runner.invoke(cli, ["query", "actors", "--db", db, "--by", "country", "--limit", "2"])
    assert table.exit_code == 0 and table.stdout.splitlines()[1].startswith("RUS ")
    alerts = runner.invoke(cli, ["query", "alerts", "--db", db, "--json"])
    assert [(a["actor"], a["recipient"]) for a in json.loads(alerts.stdout)] == [("USA", "PRK")]
    out = tmp_path / "x.tsv"
    done = runner.invoke(
        cli, ["export", str(out), "--db", db, "--type", "ASSAULT", "--actor", "USA"]
    )
    assert done.exit_code == 0 and len(out.read_text().splitlines()) == 2
    found = runner.invoke(cli, ["query", "events", "--db", db, "--text", "summit", "--json"])
    assert json.loads(found.stdout)["total"] == 1
    quotes = runner.invoke(cli, ["query", "quotes", "--db", db, "--country", "usa", "--json"])
    assert {q["speaker"] for q in json.loads(quotes.stdout)["rows"]} == {"Donald Trump"}
    missing = runner.invoke(cli, ["query", "event", "nope", "--db", db])
    assert missing.exit_code == 1 and "no canonical event" in missing.output


def test_cli_dedup_is_idempotent(db):
    runner = CliRunner()
    before = json.loads(runner.invoke(cli, ["query", "summary", "--db", db]).stdout)["counts"]
    result = runner.invoke(cli, ["dedup", "--db", db])
    assert result.exit_code == 0, result.output
    n = before["canonical_events"]
    assert f"{before['events']} event mentions → {n} canonical events" in result.output
    after = json.loads(runner.invoke(cli, ["query", "summary", "--db", db]).stdout)["counts"]
    assert after == before


def test_cli_query_reports_a_held_database(tmp_path):
    from tidings.store import open_store

    path = str(tmp_path / "held.duckdb")
    with open_store(path):  # a writer holds the file
        result = CliRunner().invoke(cli, ["query", "summary", "--db", path])
    assert result.exit_code == 1 and f"cannot open {path}" in result.output
