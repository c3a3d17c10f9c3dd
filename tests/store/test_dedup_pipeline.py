"""Deduplication of texts the team wrote, run through the real extractors and stored.

Three outlets report the summit cancellation in their own words; two more stories look
alike (the same day and type with another recipient; the same dyad a week later) and a
third is another type of event between the same leaders on the same day.
"""

from __future__ import annotations

import pytest

from tidings.analysis import Filters, canonical_event, events_page
from tidings.store import open_store

STORIES = [
    ("Harbor Times", "2018-05-24",
     "President Donald Trump on Thursday canceled his summit with North Korean leader Kim Jong "
     "Un. The meeting had been planned for June 12 in Singapore."),
    ("Valley Ledger", "2018-05-24",
     "Trump canceled the planned summit with Kim Jong Un on Thursday, the White House said. "
     "Markets in Seoul fell on the news."),
    ("Coastal Post", "2018-05-25",
     "U.S. President Donald Trump canceled a summit with North Korea's Kim Jong Un on Thursday. "
     "Analysts were surprised."),
    ("Metro Wire", "2018-05-25",
     "President Donald Trump on Thursday canceled a meeting with Iranian President Hassan "
     "Rouhani."),
    ("Harbor Times", "2018-05-31",
     "President Donald Trump on Thursday canceled another meeting with Kim Jong Un."),
    ("Metro Wire", "2018-05-24",
     "South Korean President Moon Jae-in on Thursday criticised North Korean leader Kim Jong Un."),
]  # fmt: skip


@pytest.fixture(scope="module")
def extractions():
    import tidings

    return [tidings.analyse(text, published=day, source=src) for src, day, text in STORIES]


def test_reports_through_the_pipeline(db_url, extractions):
    with open_store(db_url) as store:
        store.write(extractions, [])
        cancels = events_page(
            store, filters=Filters(actor="USA", recipient="PRK", types=["REJECT"])
        )["rows"]
        summit = canonical_event(store, cancels[-1]["id"])
        others = events_page(store, filters=Filters(types=["REJECT"]))["total"]
        store.write(extractions, [])  # re-ingesting changes no count
        assert events_page(store, filters=Filters(types=["REJECT"]))["total"] == others
    # the cancellation once, with a mention from each outlet; the week-later one apart
    assert [(r["day"], r["num_articles"]) for r in cancels] == [
        ("2018-05-31", 1),
        ("2018-05-24", 3),
    ]
    assert (summit["num_mentions"], summit["num_sources"]) == (3, 3)
    assert {m["source"] for m in summit["mentions"]} == {
        "Harbor Times",
        "Valley Ledger",
        "Coastal Post",
    }
    assert all("canceled" in m["evidence"] for m in summit["mentions"])
    assert others == 3  # Kim on the 24th, Kim on the 31st, Rouhani on the 24th
