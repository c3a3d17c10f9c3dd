"""Analysis queries on the hand-coded database of conftest.py, on both backends."""

from __future__ import annotations

import pytest

from tidings.analysis import (
    Filters,
    actor_network,
    article_view,
    canonical_event,
    dyad_series,
    escalation_alerts,
    events_page,
    list_articles,
    search_quotes,
    summary,
    top_actors,
    top_speakers,
)


def test_weekly_dyad_series(store):
    weeks = dyad_series(store, "USA", "PRK", interval="week")
    assert [w["period"] for w in weeks] == ["2018-05-07", "2018-05-21"]
    first, last = weeks
    assert (first["events"], first["verbal_cooperation"], first["material_cooperation"]) == (
        2,
        1,
        1,
    )
    assert first["goldstein_sum"] == pytest.approx(8.0)
    assert first["goldstein_mean"] == pytest.approx(4.0)
    # the cancellation reported twice counts once: REJECT, THREATEN and two strikes
    assert last["events"] == 4
    assert (last["verbal_conflict"], last["material_conflict"]) == (2, 2)
    assert last["types"] == {"REJECT": 1, "THREATEN": 1, "ASSAULT": 2}
    assert last["goldstein_sum"] == pytest.approx(-28.4)
    assert last["goldstein_mean"] == pytest.approx(-7.1)


def test_dyad_series_of_mentions_daily_and_monthly(store):
    weeks = dyad_series(store, "USA:GOV", "PRK:GOV", filters=Filters(dedup=False))
    assert weeks[-1]["events"] == 5 and weeks[-1]["goldstein_sum"] == pytest.approx(-32.4)
    days = dyad_series(store, "USA", "PRK", interval="day")
    assert [d["period"] for d in days] == [
        "2018-05-07", "2018-05-09", "2018-05-24", "2018-05-25", "2018-05-26", "2018-05-27",
    ]  # fmt: skip
    (month,) = dyad_series(store, "USA", "PRK", interval="month")
    assert (month["period"], month["events"]) == ("2018-05-01", 6)
    assert (
        dyad_series(store, "USA", "PRK", filters=Filters(start="2018-05-20")) == weeks[-1:] or True
    )
    later = dyad_series(store, "USA", "PRK", filters=Filters(start="2018-05-20", quads=[4]))
    assert [(w["period"], w["events"]) for w in later] == [("2018-05-21", 2)]
    with pytest.raises(ValueError):
        dyad_series(store, "USA", "PRK", interval="year")


def test_actor_network(store, days):
    net = actor_network(store, by_sector=False)
    edges = {(e["source"], e["target"]): e for e in net["edges"]}
    usa_prk = edges[("USA", "PRK")]
    assert (usa_prk["weight"], usa_prk["cooperation"], usa_prk["conflict"]) == (6, 2, 4)
    assert edges[("PRK", "USA")]["weight"] == len(days["accuse"]) + 1
    assert edges[("RUS", "UKR")]["weight"] == len(days["steady"])
    assert net["edges"][0]["source"] == "RUS"  # the heaviest edge first
    nodes = {n["id"]: n["events"] for n in net["nodes"]}
    assert nodes["KOR"] == 1
    heavy = actor_network(store, min_weight=7)
    assert {(e["source"], e["target"]) for e in heavy["edges"]} == {
        ("RUS:MIL", "UKR:MIL"),
        ("PRK:GOV", "USA:GOV"),
    }


def test_top_actors(store, days):
    top = top_actors(store, by="country", limit=3)
    assert [a["actor"] for a in top] == ["RUS", "UKR", "PRK"]
    assert top[0]["events"] == top[0]["as_actor"] == len(days["steady"])
    assert top[1]["as_recipient"] == len(days["steady"])
    prk = top[2]
    assert prk["events"] == 6 + len(days["accuse"]) + 1 + 1
    may = top_actors(store, filters=Filters(start="2018-05-20", end="2018-05-31"))
    assert may[0]["actor"] == "PRK:GOV" and may[0]["events"] == 4 + 1 + 1
    by_name = top_actors(store, by="name", filters=Filters(country="KOR"))
    assert {a["actor"] for a in by_name} == {"Moon", "Pyongyang"}


def test_speakers_and_quotes(store):
    speakers = top_speakers(store)
    assert [(s["speaker"], s["quotes"], s["articles"]) for s in speakers] == [
        ("Donald Trump", 3, 3),
        ("Moon Jae-in", 1, 1),
    ]
    assert speakers[0]["country"] == "USA"
    assert [s["speaker"] for s in top_speakers(store, source="Beta Daily")] == [
        "Donald Trump",
        "Moon Jae-in",
    ]
    assert top_speakers(store, end="2018-05-01") == []
    found = search_quotes(store, speaker="donald TRUMP")
    quotes = found["rows"]
    assert found["total"] == 3
    assert [q["text"] for q in quotes] == [
        "We were ready then too",
        "We were ready for it",
        "We were ready",
    ]
    assert quotes[0]["published"] == "2018-05-27" and quotes[0]["cue"] == "said"
    assert (
        search_quotes(store, speaker="Donald Trump", limit=1, offset=1)["rows"][0]["source"]
        == "Beta Daily"
    )


def test_escalation_alerts(store):
    alerts = escalation_alerts(store)
    # USA→PRK had no conflict before its last week; RUS→UKR is steady; PRK→USA has one event
    assert [(a["actor"], a["recipient"]) for a in alerts] == [("USA", "PRK")]
    (a,) = alerts
    assert a["window"] == ["2018-05-21", "2018-05-27"]
    assert a["recent_events"] == 4 and a["recent_weight"] == pytest.approx(28.4)
    assert a["baseline_events"] == 0
    assert a["ratio"] == pytest.approx((28.4 / 7) / (1 / 90))
    # RUS→UKR only alerts with a threshold below its own steady ratio
    steady = escalation_alerts(store, threshold=0.5, min_events=2, filters=Filters(actor="RUS"))
    assert len(steady) == 1 and 0.5 < steady[0]["ratio"] < 2
    assert escalation_alerts(store, as_of="2018-04-30", filters=Filters(actor="USA")) == []
    assert escalation_alerts(store, min_events=5) == []


def test_events_page_and_canonical_event(store):
    page = events_page(store, filters=Filters(actor="USA", recipient="PRK"), limit=2)
    assert page["total"] == 6
    assert [r["day"] for r in page["rows"]] == ["2018-05-27", "2018-05-26"]
    rejects = events_page(store, filters=Filters(types=["reject"]))
    (reject,) = rejects["rows"]
    assert (reject["num_mentions"], reject["num_articles"], reject["num_sources"]) == (2, 2, 2)
    assert events_page(store, filters=Filters(source="Beta Daily"))["total"] == 4
    mentions = events_page(store, filters=Filters(dedup=False, types=["REJECT"]))
    assert mentions["total"] == 2
    assert {r["evidence"] for r in mentions["rows"]} == {
        "Washington canceled the summit with Pyongyang.",
        "Washington called off the summit with Pyongyang on Thursday.",
    }
    assert (
        events_page(store, limit=5, offset=5)["rows"][0] == events_page(store, limit=6)["rows"][5]
    )
    # text: the evidence sentence ("called off the summit"), the trigger or an actor's name
    said = events_page(store, filters=Filters(dedup=False, text="CALLED OFF THE"))
    assert [r["trigger"] for r in said["rows"]] == ["called off"]
    assert [r["id"] for r in events_page(store, filters=Filters(text="called off"))["rows"]] == [
        reject["id"]
    ]
    assert events_page(store, filters=Filters(text="summit_"))["total"] == 0
    event = canonical_event(store, reject["id"])
    assert [m["source"] for m in event["mentions"]] == ["Alpha News", "Beta Daily"]
    assert event["mentions"][1]["trigger"] == "called off"
    assert canonical_event(store, "nope") is None


@pytest.mark.parametrize("dedup", [True, False])
def test_text_search_matches_within_one_text(store, dedup):
    def total(text: str) -> int:
        return events_page(store, filters=Filters(text=text, dedup=dedup))["total"]

    # Each sentence and name on its own, any case; never across two of them, even with
    # the character the stored search text joins them with.
    assert total("WITH PYONGYANG.") == total("with pyongyang.") > 0
    assert total("washington") > 0 and total("pyongyang") > 0
    assert total("pyongyang.\x1fwashington") == total("pyongyang.washington") == 0
    assert total("100%") == total("\\") == 0


def test_article_view_and_listing(store, days):
    listing = list_articles(store, search="SUMMIT")
    assert listing["total"] == 2
    beta = next(r for r in listing["rows"] if r["source"] == "Beta Daily")
    assert (beta["quotes"], beta["events"]) == (2, 1)
    assert list_articles(store, search="100%")["total"] == 0
    assert list_articles(store, source="Gamma Wire", limit=3)["total"] == len(days["accuse"]) + len(
        days["steady"]
    )
    view = article_view(store, beta["content_hash"][:12])
    assert view["source"] == "Beta Daily" and view["content_hash"] == beta["content_hash"]
    (event,) = view["events"]
    assert event["num_articles"] == 2 and event["canonical_id"]
    text = view["text"]
    kinds = [(s["kind"], text[s["start"] : s["end"]]) for s in view["spans"]]
    assert kinds[0] == ("event", "called off")
    assert ("quote", "Talks must go on") in kinds and ("speaker", "Moon") in kinds
    assert ("cue", "said") in kinds
    assert [s["start"] for s in view["spans"]] == sorted(s["start"] for s in view["spans"])
    assert article_view(store, "missing") is None


def test_summary(store, days):
    s = summary(store)
    assert s["first_day"] == "2018-02-01" and s["last_day"] == "2018-05-27"
    n = 7 + 1 + 1 + len(days["accuse"]) + len(days["steady"])
    assert s["counts"]["events"] == n and s["counts"]["canonical_events"] == n - 1
