"""Pages of events and articles are the newest-first order cut at ``offset``, whatever the
offset and page size: across days with many rows, and into the events without a day."""

from __future__ import annotations

import pytest

from tidings.analysis import Filters, events_page, list_articles
from tidings.store import open_store
from tidings.store.synthetic import CodedEvent, coded_report

COUNTRIES = ("USA", "PRK", "KOR", "CHN", "RUS", "UKR", "JPN")


def corpus() -> list:
    """Seven articles over four publication days, each with events on three event days or
    none (``day=None``); every event a distinct dyad, so that none are merged."""
    reports, n = [], 0
    for published, event_days in (
        ("2018-05-01", ["2018-05-01", "2018-05-01", None]),
        ("2018-05-01", ["2018-04-30", None]),
        ("2018-05-02", ["2018-05-02", "2018-05-01", "2018-05-01"]),
        ("2018-05-02", [None, None]),
        ("2018-04-29", ["2018-04-29"]),
        ("2018-05-03", ["2018-05-03", "2018-05-02", "2018-04-29", None]),
        ("2018-05-03", ["2018-05-01"]),
    ):
        sentences = []
        for day in event_days:
            actor = (COUNTRIES[n % 7], "GOV", f"Capital {n % 7}")
            recipient = (COUNTRIES[(n // 7 + n % 7 + 1) % 7], "MIL", f"Army {n}")
            sentence = f"Capital {n % 7} met Army {n} in round {n}."
            quad = 1 + n % 4
            sentences.append(
                (sentence, CodedEvent("CONSULT", "met", actor, recipient, day, quad=quad))
            )
            n += 1
        reports.append(coded_report(f"Outlet {n % 3}", published, *sentences))
    return reports


@pytest.fixture(
    scope="module", params=["duckdb", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def store(request, new_db_url):
    url = new_db_url(request.param)
    with open_store(url) as s:
        s.write(corpus(), [])
    with open_store(url, read_only=True) as s:
        yield s


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(dedup=False),
        Filters(quads=[1, 2]),
        Filters(text="round 1"),
        Filters(text="ROUND 1", dedup=False),
    ],
)
def test_every_event_page_is_the_sorted_order_cut(store, filters):
    where, params = filters.sql()
    order = f"ORDER BY day DESC NULLS LAST, {filters.id_column}"
    ids = [
        r[0]
        for r in store.tuples(
            f"SELECT {filters.id_column} FROM {filters.table} {where} {order}", params
        )
    ]
    assert len(ids) > 5 and None in {r[0] for r in store.tuples(f"SELECT day FROM {filters.table}")}
    for limit in (1, 2, 3, 7):
        for offset in range(len(ids) + 2):
            page = events_page(store, filters=filters, limit=limit, offset=offset)
            assert page["total"] == len(ids)
            assert [r["id"] for r in page["rows"]] == ids[offset : offset + limit], (limit, offset)


@pytest.mark.parametrize("search", [None, "round 1"])
def test_every_article_page_is_the_sorted_order_cut(store, search):
    where = "WHERE text LIKE '%round 1%'" if search else ""
    order = "ORDER BY published DESC, content_hash"
    hashes = [r[0] for r in store.tuples(f"SELECT content_hash FROM articles {where} {order}")]
    assert len(hashes) > 2
    for limit in (1, 2, 3):
        for offset in range(len(hashes) + 2):
            page = list_articles(store, search=search, limit=limit, offset=offset)
            assert page["total"] == len(hashes)
            assert [r["content_hash"] for r in page["rows"]] == hashes[offset : offset + limit]


def test_article_rows_count_their_events(store):
    counts = {r["content_hash"]: r["events"] for r in list_articles(store, limit=10)["rows"]}
    assert sorted(counts.values()) == [1, 1, 2, 2, 3, 3, 4]
