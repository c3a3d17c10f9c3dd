"""The store on both backends: lossless round trip, idempotent writes, failures, versions."""

from __future__ import annotations

import dataclasses
import datetime as dt

import duckdb
import pytest

from tidings.records import (
    Actor,
    Article,
    Entity,
    Event,
    Extraction,
    Failure,
    Place,
    Quote,
    SentenceSpan,
    Span,
    Speaker,
    TimeExpression,
)
from tidings.store import SchemaMismatch, open_store
from tidings.store.schema import schema_version
from tidings.store.synthetic import synthetic_extractions

TEXT = (
    "Trump canceled the summit with Kim Jong Un on Thursday in Washington. "
    '"It is very sad," Trump said. North Korea said it was still willing to talk.'
)


def full_extraction(text: str = TEXT) -> Extraction:
    """An extraction that sets every optional field, so a round trip proves nothing is lost."""
    trump = Actor("Donald Trump", "USA", "GOV", "Trump", 0, 5, "Q22686")
    kim = Actor("Kim Jong Un", "PRK", "GOV", "Kim Jong Un", 31, 42, "Q56226")
    nk = Actor("North Korea", "PRK", None, "North Korea", 100, 111)
    article = Article(
        id="summit-1",
        text=text,
        title="Summit off",
        published=dt.date(2018, 5, 24),
        source="Example Wire",
        url="https://example.org/summit",
        author="A. Writer",
        origin="tests:1",
        warnings=["read warning"],
        furniture=[Span("Washington", 59, 69)],
    )
    event = Event(
        type="REJECT",
        mode="cancel",
        context=["diplomacy", "nuclear"],
        actor=[Actor("Someone", None, None, "Someone", 0, 3), trump],
        recipient=[kim, nk],
        date="2018-05-24",
        date_text="Thursday",
        place=Place("Washington", "USA", 38.9, -77.04, "Washington", 59, 69),
        negated=False,
        modality="asserted",
        trigger=Span("canceled", 6, 14),
        sentence=SentenceSpan(0, 70),
        cameo="120",
        goldstein=-4.0,
        quad=3,
        confidence=0.87,
        reported=True,
        date_inferred=False,
        mentions=[Span("the summit", 15, 25)],
    )
    month_event = dataclasses.replace(
        event,
        date="2018-05",
        place=None,
        mentions=[],
        context=[],
        mode=None,
        cameo=None,
        goldstein=None,
        quad=None,
        actor=[],
        recipient=[],
    )
    quote = Quote(
        "It is very sad",
        72,
        86,
        "direct",
        cue=Span("said", 95, 99),
        speaker=Speaker("Donald Trump", "Trump", 89, 94, "President", "White House", trump),
    )
    bare_quote = Quote("it was still willing to talk", 117, 145, "indirect")
    return Extraction(
        article=article,
        quotes=[quote, bare_quote],
        events=[event, month_event],
        times=[TimeExpression("Thursday", 46, 54, "DATE", "2018-05-24")],
        entities=[Entity("Trump", 0, 5, "PERSON", trump), Entity("Thursday", 46, 54, "DATE")],
        warnings=["extract warning"],
    )


def test_round_trip_loses_nothing(db_url):
    ex = full_extraction()
    with open_store(db_url) as store:
        assert store.write([ex], []) == 1
        back = store.extraction(ex.article.content_hash)
    assert back == ex
    assert back.to_json() == ex.to_json()


def test_rewriting_adds_nothing(db_url):
    batch = list(synthetic_extractions(30, 4, seed=3))
    with open_store(db_url) as store:
        assert store.write(batch[:20], []) == 20
        counts = store.counts()
        assert counts["articles"] == 20 and counts["events"] == 80
        # the same batch again, and an overlapping one with a repeat inside it
        assert store.write(batch[:20], []) == 0
        assert store.write([*batch[15:], batch[25]], []) == 10
        after = store.counts()
    assert after["articles"] == 30 and after["events"] == 120
    assert after["event_links"] == 120


def test_known_and_reopen(db_url):
    ex = full_extraction()
    with open_store(db_url) as store:
        store.write([ex], [])
    with open_store(db_url) as store:
        h = ex.article.content_hash
        assert store.known([h, "0" * 64]) == {h}
        assert store.known([]) == set()
        assert store.find_article("summit-1") == h
        assert store.find_article(h[:10]) == h
        assert store.find_article("nope") is None


def test_failures_are_recorded_and_do_not_stop_the_batch(db_url):
    ex = full_extraction()
    failure = Failure("bad.jsonl:3", "read", "JSONDecodeError: Expecting value", "x1")
    with open_store(db_url) as store:
        store.write([ex], [failure])
        rows = store.query("SELECT origin, stage, error, article_id FROM failures")
        assert store.counts()["articles"] == 1
    assert rows == [
        {"origin": "bad.jsonl:3", "stage": "read", "error": failure.error, "article_id": "x1"}
    ]


@pytest.mark.parametrize("chunk", [None, 1], ids=["one chunk", "a later chunk"])
def test_a_failed_batch_leaves_nothing(db_url, monkeypatch, chunk):
    if chunk:  # the broken article in the second chunk: the first one's events are inserted
        monkeypatch.setattr("tidings.store.base._CHUNK", chunk)
        monkeypatch.setattr("tidings.store.base.ROW_GROUP_ROWS", 1)  # insert batches
    good = full_extraction()
    broken = full_extraction("A different article text.")
    # A NULL trigger text breaks a NOT NULL constraint of the events table.
    broken.events[0].trigger = Span(None, 6, 14)  # type: ignore[arg-type]
    with open_store(db_url) as store:
        with pytest.raises(Exception, match=r"(?i)null"):
            store.write([good, broken], [])
        assert store.counts()["articles"] == 0
        assert store.write([good], []) == 1


def test_a_write_in_chunks_stores_each_record_once(db_url, monkeypatch):
    monkeypatch.setattr("tidings.store.base._CHUNK", 3)  # 10 articles: four chunks
    monkeypatch.setattr("tidings.store.base.ROW_GROUP_ROWS", 5)  # insert batches across chunks
    batch = [full_extraction(), *synthetic_extractions(9, 4, seed=5)]
    failure = Failure("bad.jsonl:3", "read", "JSONDecodeError: Expecting value", "x1")
    with open_store(db_url) as store:
        assert store.write(batch, [failure]) == 10
        counts = store.counts()
        back = [store.extraction(ex.article.content_hash) for ex in batch]
        canonical = store.tuples("SELECT count(*) FROM canonical_events")[0][0]
    assert back == batch
    assert counts["articles"] == 10 and counts["failures"] == 1
    assert counts["events"] == counts["event_links"] == len(batch[0].events) + 36
    assert canonical > 0


def test_schema_version_is_checked(db_url):
    with open_store(db_url) as store:
        store.execute("UPDATE schema_version SET version = 999")
    with pytest.raises(SchemaMismatch, match="999"):
        open_store(db_url)


def test_the_evidence_sentence_is_stored(db_url):
    ex = full_extraction()
    with open_store(db_url) as store:
        store.write([ex], [])
        stored = store.tuples("SELECT sentence_text FROM events ORDER BY idx")
    assert [r[0] for r in stored] == [
        ex.article.text[e.sentence.start : e.sentence.end] for e in ex.events
    ]


def test_a_version_1_database_is_upgraded(db_url):
    ex = full_extraction()
    with open_store(db_url) as store:
        store.write([ex], [])
        # What version 1 was: the same tables without the evidence sentence, nor search texts.
        store.execute("ALTER TABLE events DROP COLUMN sentence_text")
        store.execute("ALTER TABLE canonical_events DROP COLUMN search_text")
        store.execute("UPDATE schema_version SET version = 1")
    with pytest.raises(SchemaMismatch, match="read-write to upgrade"):
        open_store(db_url, read_only=True)
    with open_store(db_url) as store:
        assert store.tuples("SELECT version FROM schema_version") == [(schema_version(),)]
        assert store.extraction(ex.article.content_hash) == ex
        stored = store.tuples("SELECT sentence_text FROM events ORDER BY idx")
        assert [r[0] for r in stored] == [
            ex.article.text[e.sentence.start : e.sentence.end] for e in ex.events
        ]
        # New rows go by name into the upgraded table, whose added column is last.
        assert store.write([full_extraction("Another text, long enough for the spans in it.")], [])
    with open_store(db_url, read_only=True) as store:
        assert store.counts()["articles"] == 2


def test_a_version_2_database_gets_its_search_texts(db_url):
    exs = [full_extraction(), full_extraction("Another text, long enough for the spans in it.")]
    search = "SELECT canonical_id, search_text FROM canonical_events ORDER BY canonical_id"
    with open_store(db_url) as store:
        store.write(exs, [])
        written = store.tuples(search)
        # What version 2 was: the same tables without the search texts.
        store.execute("ALTER TABLE canonical_events DROP COLUMN search_text")
        store.execute("UPDATE schema_version SET version = 2")
    with open_store(db_url) as store:
        assert store.tuples("SELECT version FROM schema_version") == [(3,)]
        assert store.tuples(search) == written
        assert "kim jong un" in written[0][1]
        assert store.extraction(exs[0].article.content_hash) == exs[0]


def test_duckdb_read_only_open(tmp_path):
    path = str(tmp_path / "ro.duckdb")
    with open_store(path) as store:
        store.write([full_extraction()], [])
    with open_store(path, read_only=True) as a, open_store(path, read_only=True) as b:
        assert a.counts()["articles"] == b.counts()["articles"] == 1
        with pytest.raises(duckdb.Error):
            a.write([full_extraction("Another text.")], [])


def test_real_pipeline_output_round_trips(db_url):
    import tidings

    texts = [
        'President Trump canceled the summit with Kim Jong Un on Thursday. "We were ready," '
        "Trump told reporters in Washington.",
        "South Korea's President Moon Jae-in met North Korean leader Kim Jong Un on Saturday, "
        "officials in Seoul said.",
    ]
    extractions = [
        tidings.analyse(t, published="2018-05-26", source="Test Wire", id=f"t{i}")
        for i, t in enumerate(texts)
    ]
    with open_store(db_url) as store:
        assert store.write(extractions, []) == 2
        assert store.write(extractions, []) == 0
        for ex in extractions:
            assert store.extraction(ex.article.content_hash) == ex
        counts = store.counts()
    assert counts["events"] == sum(len(ex.events) for ex in extractions)
    assert counts["quotes"] == sum(len(ex.quotes) for ex in extractions)
    assert counts["entities"] == sum(len(ex.entities) for ex in extractions)
