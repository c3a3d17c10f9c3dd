"""The same API over PostgreSQL: the web layer's own SQL must run on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tidings.config import Settings
from tidings.interfaces.web import create_app
from tidings.store import open_store

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_client(web_db: Path, new_db_url):
    """The test database copied into a fresh PostgreSQL database, served by the app."""
    url = new_db_url("postgresql")
    with open_store(str(web_db), read_only=True) as src, open_store(url) as dst:
        hashes = [h for (h,) in src.tuples("SELECT content_hash FROM articles")]
        dst.write([src.extraction(h) for h in hashes], [])
    with TestClient(create_app(Settings(db=url, workers=1), warm=False)) as client:
        yield client


def test_search_filters_and_quotes_run_on_postgresql(pg_client: TestClient):
    for dedup in ("true", "false"):
        r = pg_client.get("/api/events", params={"q": "summit", "dedup": dedup, "limit": 500})
        assert r.status_code == 200, r.text
        assert r.json()["total"] > 0
    assert pg_client.get("/api/events", params={"q": "%_"}).json()["total"] == 0
    speaker = pg_client.get("/api/speakers", params={"limit": 1}).json()[0]
    quotes = pg_client.get("/api/quotes", params={"speaker": speaker["speaker"]}).json()
    assert quotes["total"] == speaker["quotes"]
    assert pg_client.get("/api/quotes", params={"q": "summit"}).json()["total"] > 0


def test_pages_render_on_postgresql(pg_client: TestClient):
    for path in ("/", "/events?q=summit", "/quotes?q=summit", "/articles/seed", "/actors"):
        assert pg_client.get(path).status_code == 200, path
