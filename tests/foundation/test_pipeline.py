"""The main job end to end: idempotent runs, limits, and failures that never stop a run."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tidings.config import Settings
from tidings.pipeline import extract_batch, run
from tidings.records import Article, Extraction, Failure

SENTENCES = [
    "South Korean President Moon Jae-in met Kim Jong Un at Panmunjom on Friday.",
    "China urged the United States to lift sanctions, the foreign ministry said on Monday.",
    "Japanese Prime Minister Shinzo Abe said Tokyo would keep pressure on Pyongyang.",
]


def _counts(db: Path) -> tuple[int, int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events),"
            " (SELECT count(*) FROM failures)"
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    return row


def test_rerunning_the_same_input_adds_nothing_and_loses_nothing(tmp_path: Path) -> None:
    for i, text in enumerate(SENTENCES):
        (tmp_path / f"a{i}.txt").write_text(text, encoding="utf-8")
    paths = [str(p) for p in sorted(tmp_path.glob("*.txt"))]
    settings = Settings(db=str(tmp_path / "t.duckdb"), workers=1, published=None)
    first = run(paths, settings)
    assert (first.read, first.stored, first.failed) == (3, 3, 0)
    counts = _counts(tmp_path / "t.duckdb")
    assert counts[0] == 3 and counts[1] > 0
    second = run(paths, settings)
    assert (second.stored, second.skipped) == (0, 3)
    assert _counts(tmp_path / "t.duckdb") == counts


def test_an_article_over_its_time_limit_fails_alone() -> None:
    slow = Article(id="slow", text=" ".join(SENTENCES) * 400)
    fast = Article(id="fast", text=SENTENCES[0])
    results = extract_batch([slow, fast], Settings(article_timeout=1.0, workers=1))
    by_id = {r.article_id if isinstance(r, Failure) else r.article.id: r for r in results}
    assert isinstance(by_id["fast"], Extraction)
    failure = by_id["slow"]
    assert isinstance(failure, Failure)
    assert failure.stage == "timeout"
    assert "article_timeout" in failure.error


def test_oversized_and_empty_articles_are_refused_with_a_reason() -> None:
    big = Article(id="big", text="word " * 1000)
    empty = Article(id="empty", text=" \n ")
    results = extract_batch([big, empty], Settings(max_article_chars=100, workers=1))
    assert [(r.stage, r.article_id) for r in results if isinstance(r, Failure)] == [
        ("limit", "big"),
        ("read", "empty"),
    ]
