"""The bundled demo corpus is well-formed and covers what the demo is meant to show."""

from __future__ import annotations

import datetime as dt
import re

from tidings.config import Settings
from tidings.demo import corpus_path
from tidings.records import Article
from tidings.sources import read_sources

DIRECT_QUOTE = re.compile(r'"[^"\n]{3,}"|“[^”\n]{3,}”')
REPORTING = re.compile(r"\b(said|says|told|wrote|according to)\b")


def test_corpus_has_enough_well_formed_articles(records: list[dict]):
    assert len(records) >= 15
    assert len({r["id"] for r in records}) == len(records)
    for r in records:
        assert set(r) == {"id", "title", "source", "published", "url", "text"}, r["id"]
        published = dt.date.fromisoformat(r["published"])
        assert dt.date(2018, 3, 1) <= published <= dt.date(2018, 12, 31), r["id"]
        assert r["url"].startswith("https://") and ".example.org/" in r["url"], r["id"]
        assert 200 <= len(r["text"].split()) <= 450, r["id"]
        assert r["title"].strip() and r["source"].strip(), r["id"]


def test_every_article_has_direct_and_reported_speech(records: list[dict]):
    for r in records:
        assert DIRECT_QUOTE.search(r["text"]), f"{r['id']} has no direct quote"
        assert REPORTING.search(r["text"]), f"{r['id']} has no reporting verb"


def test_the_corpus_reads_through_the_jsonl_source_unchanged(records: list[dict]):
    with corpus_path() as path:
        articles = list(read_sources([str(path)], Settings()))
    assert all(isinstance(a, Article) for a in articles)
    assert [(a.id, a.text, a.published.isoformat()) for a in articles] == [
        (r["id"], r["text"], r["published"]) for r in records
    ]
