"""The read endpoints over the pipeline-built test database: filters, paging, exports."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pyarrow.parquet as pq
import pytest


def events(client: httpx.Client, **params) -> dict:
    r = client.get("/api/events", params={"limit": 500, **params})
    assert r.status_code == 200, r.text
    return r.json()


def test_events_are_paginated_without_gaps_or_repeats(client: httpx.Client):
    everything = events(client)
    ids = [e["id"] for e in everything["rows"]]
    assert everything["total"] == len(ids) > 10
    paged = []
    for offset in range(0, len(ids), 7):
        page = events(client, limit=7, offset=offset)
        assert page["total"] == everything["total"]
        paged += [e["id"] for e in page["rows"]]
    assert paged == ids
    days = [e["day"] for e in everything["rows"] if e["day"]]
    assert days == sorted(days, reverse=True)


def test_event_filters_select_what_they_say(client: httpx.Client):
    top = client.get("/api/dyads", params={"limit": 1}).json()["edges"][0]
    a, r = top["source"], top["target"]
    dyad = events(client, actor=a, recipient=r)
    assert dyad["total"] == top["weight"]
    assert all(e["actor_country"] == a and e["recipient_country"] == r for e in dyad["rows"])
    either = events(client, country=a)["rows"]
    assert all(a in (e["actor_country"], e["recipient_country"]) for e in either)
    conflict = events(client, quad=[3, 4])["rows"]
    assert conflict and all(e["quad"] in (3, 4) for e in conflict)
    kind = conflict[0]["type"]
    assert {e["type"] for e in events(client, type=kind)["rows"]} == {kind}
    dated = sorted(e["day"] for e in events(client)["rows"] if e["day"])
    start, end = dated[len(dated) // 4], dated[3 * len(dated) // 4]
    window = events(client, start=start, end=end)["rows"]
    assert window and all(start <= e["day"] <= end for e in window)


def test_text_search_matches_evidence_of_mentions_and_their_canonical_events(
    client: httpx.Client,
):
    mentions = events(client, dedup="false", q="SUMMIT")["rows"]
    assert mentions
    for m in mentions:
        fields = (m["evidence"], m["trigger"], m["actor_name"] or "", m["recipient_name"] or "")
        assert any("summit" in f.lower() for f in fields)
    canonical = events(client, q="summit")
    assert 0 < canonical["total"] <= len(mentions)
    # LIKE wildcards in the search text are literal characters.
    for m in events(client, dedup="false", q="%_")["rows"]:
        assert "%_" in m["evidence"] + m["trigger"] + (m["actor_name"] or "")


def test_dyad_series_adds_up_to_the_dyad_events(client: httpx.Client):
    top = client.get("/api/dyads", params={"limit": 1}).json()["edges"][0]
    params = {"actor": top["source"], "recipient": top["target"]}
    for interval in ("day", "week", "month"):
        series = client.get("/api/dyads/series", params={**params, "interval": interval}).json()
        dated = events(client, **params)["rows"]
        assert sum(p["events"] for p in series) == sum(1 for e in dated if e["day"])
        assert [p["period"] for p in series] == sorted(p["period"] for p in series)
    assert client.get("/api/dyads/series", params={"interval": "year"}).status_code == 422


def test_actors_and_speakers(client: httpx.Client):
    actors = client.get("/api/actors", params={"limit": 5}).json()
    assert actors and actors[0]["events"] == actors[0]["as_actor"] + actors[0]["as_recipient"]
    assert [a["events"] for a in actors] == sorted((a["events"] for a in actors), reverse=True)
    speakers = client.get("/api/speakers", params={"limit": 5}).json()
    assert speakers and speakers[0]["quotes"] >= speakers[-1]["quotes"]


def test_quotes_by_speaker_and_by_text(client: httpx.Client):
    speaker = client.get("/api/speakers", params={"limit": 1}).json()[0]
    r = client.get("/api/quotes", params={"speaker": speaker["speaker"].upper(), "limit": 500})
    page = r.json()
    assert page["total"] == speaker["quotes"] == len(page["rows"])
    assert {q["speaker"] for q in page["rows"]} == {speaker["speaker"]}
    word = page["rows"][0]["text"].split()[-1].strip(".,\"'")
    found = client.get("/api/quotes", params={"q": word, "limit": 500}).json()["rows"]
    assert found and all(
        word.lower() in q["text"].lower() or word.lower() in (q["speaker"] or "").lower()
        for q in found
    )


def test_article_comes_back_with_spans_that_index_its_text(client: httpx.Client, seed_text: str):
    article = client.get("/api/articles/seed").json()
    assert article["text"] == seed_text
    assert article["quotes"] and article["events"] and article["spans"]
    for span in article["spans"]:
        assert 0 <= span["start"] < span["end"] <= len(seed_text)
    for q in article["quotes"]:
        assert seed_text[q["start"] : q["end"]] == q["text"]
    by_hash = client.get(f"/api/articles/{article['content_hash'][:12]}").json()
    assert by_hash["id"] == "seed"
    listed = client.get("/api/articles", params={"q": "baited"}).json()["rows"]
    assert "seed" in {a["id"] for a in listed}


def test_event_detail_lists_the_articles_that_report_it(client: httpx.Client):
    event = events(client, limit=1)["rows"][0]
    detail = client.get(f"/api/events/{event['id']}").json()
    assert len(detail["mentions"]) == detail["num_mentions"] == event["num_mentions"]
    for m in detail["mentions"]:
        assert m["trigger"] in m["evidence"]


def test_alerts_have_the_documented_shape(client: httpx.Client):
    alerts = client.get("/api/alerts", params={"window_days": 60, "threshold": 0.1}).json()
    assert isinstance(alerts, list)
    for a in alerts:
        assert a["ratio"] >= 0.1 and a["recent_events"] >= 3


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "plover", "gdelt", "parquet"])
def test_export_downloads_the_filtered_events(client: httpx.Client, fmt: str):
    total = events(client, quad=1)["total"]
    r = client.get("/api/export", params={"format": fmt, "quad": 1})
    assert r.status_code == 200
    assert "attachment" in r.headers["content-disposition"]
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(r.text)))
        assert len(rows) == total and {row["quad"] for row in rows} == {"1"}
    elif fmt == "parquet":
        assert pq.read_table(io.BytesIO(r.content)).num_rows == total
    elif fmt == "gdelt":
        lines = r.text.splitlines()
        assert len(lines) == total and all(len(x.split("\t")) == 61 for x in lines)
    else:
        assert len([json.loads(x) for x in r.text.splitlines()]) == total


@pytest.mark.parametrize(
    "path",
    [
        "/api/events?quad=0",
        "/api/events?start=yesterday",
        "/api/events?limit=0",
        "/api/events?limit=100000",
        "/api/events?actor=U5A",
        "/api/export?format=xls",
        "/api/quotes?offset=-1",
    ],
)
def test_bad_query_parameters_get_422(client: httpx.Client, path: str):
    assert client.get(path).status_code == 422


@pytest.mark.parametrize("path", ["/api/articles/nothing-like-this", "/api/events/nope-0"])
def test_missing_records_get_404(client: httpx.Client, path: str):
    assert client.get(path).status_code == 404


def test_cors_is_closed(client: httpx.Client):
    r = client.get("/api/events", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    pre = client.options(
        "/api/ingest",
        headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in pre.headers


def test_pages_explain_bad_filters_in_html(client: httpx.Client):
    r = client.get("/events", params={"quad": 9, "start": "May"})
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    assert "quad" in r.text and "start" in r.text
    assert client.get("/articles/no-such-article").status_code == 404
