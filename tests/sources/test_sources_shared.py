"""Real news from ../shared read through the sources stage."""

from __future__ import annotations

import datetime as dt
import itertools

from tidings.config import Settings
from tidings.records import Article
from tidings.sources import count_records, read_sources


def test_guardian_corpus_records(shared):
    path = str(shared / "data" / "corpora" / "guardian-world-249.jsonl.gz")
    first = list(itertools.islice(read_sources([path], Settings()), 5))
    assert all(isinstance(a, Article) for a in first)
    assert [a.origin for a in first] == [f"{path}:{n}" for n in range(1, 6)]
    for article in first:
        assert article.id.startswith("guardian-")
        assert article.source == "Guardian"
        assert dt.date(2017, 1, 1) <= article.published <= dt.date(2019, 12, 31)
        assert len(article.text) > 500
        for span in article.furniture:
            assert article.text[span.start : span.end] == span.text
    assert count_records([path]) == 249


def test_seed_folder_reads_the_article_with_its_metadata_file(shared, seed_text):
    (article,) = list(read_sources([str(shared / "seed")], Settings()))
    assert article.text == seed_text
    assert article.published == dt.date(2018, 5, 24)
    assert article.source == "HuffPost"
    assert article.title and "Kim Jong Un" in article.title
