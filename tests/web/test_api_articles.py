"""The analyse and ingest endpoints against a running server and a real DuckDB file."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from tidings.config import Settings
from tidings.interfaces.web import create_app, served_by
from tidings.interfaces.web.served import announce, withdraw


def test_analyse_returns_the_output_record_of_the_seed(client: httpx.Client, seed_text: str):
    r = client.post(
        "/api/analyse",
        json={"text": seed_text, "published": "2018-05-24", "title": "Kim baited Trump"},
    )
    assert r.status_code == 200
    body = r.json()
    assert body["text"] == seed_text
    assert body["published"] == "2018-05-24"
    assert body["quotes"] and body["events"] and body["times"]
    for item in [*body["quotes"], *body["times"], *(e["trigger"] for e in body["events"])]:
        assert seed_text[item["start"] : item["end"]] == item["text"]
    assert any(q["speaker"] and q["speaker"]["name"] == "Vipin Narang" for q in body["quotes"])


@pytest.mark.parametrize(
    "payload",
    [
        {"text": "   \n"},
        {"text": "Trump met Kim.", "published": "24 May"},
        {"title": "no text"},
        {"text": "Trump met Kim.", "colour": "red"},
        {"text": 42},
    ],
)
def test_analyse_refuses_bad_input_with_422(client: httpx.Client, payload: dict):
    assert client.post("/api/analyse", json=payload).status_code == 422


def test_analyse_refuses_malformed_json_with_422(client: httpx.Client):
    r = client.post(
        "/api/analyse", content=b'{"text": ', headers={"content-type": "application/json"}
    )
    assert r.status_code == 422


def test_analyse_refuses_oversized_bodies_with_413(tmp_path: Path):
    settings = Settings(db=str(tmp_path / "t.duckdb"), max_article_chars=1000)
    with TestClient(create_app(settings, warm=False)) as c:
        assert c.post("/api/analyse", json={"text": "a" * 1001}).status_code == 413
        huge = b'{"text": "' + b"a" * 200_000 + b'"}'
        r = c.post("/api/analyse", content=huge, headers={"content-type": "application/json"})
        assert r.status_code == 413
        # Without Content-Length the streamed body is counted.
        chunks = (huge[i : i + 8192] for i in range(0, len(huge), 8192))
        r = c.post("/api/analyse", content=chunks, headers={"content-type": "application/json"})
        assert r.status_code == 413


def _wait(client: httpx.Client | TestClient, location: str) -> dict:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job = client.get(location).json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError("ingest job did not finish")


def test_ingest_stores_through_the_server_and_skips_known_texts(client: httpx.Client):
    text = "Japan's prime minister met the president of South Korea in Tokyo on Monday."
    r = client.post("/api/ingest", json={"articles": [{"text": text, "published": "2019-02-04"}]})
    assert r.status_code == 202
    job = _wait(client, r.headers["location"])
    assert (job["state"], job["stored"], job["skipped"]) == ("done", 1, 0)
    found = client.get("/api/articles", params={"q": "prime minister met the president"}).json()
    assert found["total"] == 1
    stored = client.get(f"/api/articles/{found['rows'][0]['content_hash']}").json()
    assert stored["text"] == text and stored["published"] == "2019-02-04"
    again = client.post("/api/ingest", json={"articles": [{"text": text}, {"text": text}]})
    job = _wait(client, again.headers["location"])
    assert (job["stored"], job["skipped"]) == (0, 2)


def test_ingest_requires_the_token_when_one_is_set(tmp_path: Path):
    settings = Settings(db=str(tmp_path / "t.duckdb"), api_token="s3cret", workers=1)
    body = {"articles": [{"text": "Kim met Moon."}]}
    with TestClient(create_app(settings, warm=False)) as c:
        assert c.post("/api/ingest", json=body).status_code == 401
        bad = {"Authorization": "Bearer wrong"}
        assert c.post("/api/ingest", json=body, headers=bad).status_code == 401
        good = {"Authorization": "Bearer s3cret"}
        r = c.post("/api/ingest", json=body, headers=good)
        assert r.status_code == 202
        assert _wait(c, r.headers["location"])["state"] == "done"


def test_serving_marker_names_the_server_while_it_lives(tmp_path: Path):
    db = str(tmp_path / "m.duckdb")
    assert served_by(db) is None
    announce(db, "http://127.0.0.1:8123")
    assert served_by(db) == "http://127.0.0.1:8123"
    withdraw(db)
    assert served_by(db) is None


def test_openapi_documents_the_endpoints(client: httpx.Client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/analyse", "/api/ingest"} <= set(paths)
    assert client.get("/docs").status_code == 200
