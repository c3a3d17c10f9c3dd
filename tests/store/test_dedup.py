"""Cross-article deduplication on a corpus this team wrote: a few events reported by several
(fictional) outlets, and look-alike events that must stay apart.

The reports are hand-coded extractions, so these tests pin the dedup rules themselves;
test_dedup_pipeline.py runs the team's written texts through the real extractors.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

from tidings.analysis import canonical_event
from tidings.store import open_store
from tidings.store.dedup import runs
from tidings.store.synthetic import CodedEvent
from tidings.store.synthetic import coded_report as report

CODING = {"REJECT": (-4.0, 3), "THREATEN": (-4.4, 3), "CONSULT": (1.0, 1), "ASSAULT": (-10.0, 4)}


def Ev(type_: str, *args: Any, **kw: Any) -> CodedEvent:
    """A coded event with the Goldstein value and quad class of its type."""
    goldstein, quad = CODING[type_]
    return CodedEvent(type_, *args, goldstein=goldstein, quad=quad, **kw)


TRUMP = ("USA", "GOV", "Trump")
KIM = ("PRK", "GOV", "Kim")


def cancel(trigger: str = "canceled", day: str = "2018-05-24", **kw: Any) -> CodedEvent:
    return Ev("REJECT", trigger, TRUMP, KIM, day, cameo=kw.pop("cameo", "125"), **kw)


CORPUS = [
    # Event 1: the summit cancellation, six mentions in five outlets over two days.
    report(
        "Harbor Times", "2018-05-24",
        ("Trump canceled the Singapore summit with Kim.", cancel()),
        ("In a letter, Trump said he canceled the meeting with Kim.", cancel()),
    ),
    report(
        "Valley Ledger", "2018-05-25",
        ("Trump called off his summit with Kim on Thursday.", cancel("called off")),
    ),
    report(  # dated from publication, a day later: still the same event
        "Coastal Post", "2018-05-25",
        ("Trump scrapped talks with Kim, officials said.", cancel("scrapped", "2018-05-25")),
    ),
    report(  # a coarser CAMEO code is compatible with the finer one
        "Metro Wire", "2018-05-24",
        ("Trump cancelled the June summit with Kim.", cancel("cancelled", cameo="12")),
    ),
    report(  # the recipient's sector unknown: compatible with GOV
        "River Herald", "2018-05-24",
        ("Washington cancelled its summit with North Korea.",
         Ev("REJECT", "cancelled", ("USA", "GOV", "Washington"), ("PRK", None, "North Korea"),
            "2018-05-24", "125")),
    ),
    # Event 2: the Panmunjom meeting, three outlets.
    *(
        report(outlet, pub, (
            f"Moon met Kim at Panmunjom on Saturday, {outlet} reported.",
            Ev("CONSULT", "met", ("KOR", "GOV", "Moon"), KIM, "2018-05-26", "040",
               place="Panmunjom", mode="visit"),
        ))
        for outlet, pub in (("Harbor Times", "2018-05-27"), ("Valley Ledger", "2018-05-26"),
                            ("Metro Wire", "2018-05-27"))
    ),
    # Look-alikes that are other events.
    report("Harbor Times", "2018-05-31",  # the same dyad and type a week later
           ("Trump canceled new talks with Kim.", cancel(day="2018-05-31"))),
    report("Valley Ledger", "2018-05-24",  # same day and type, another recipient
           ("Trump canceled the meeting with Rouhani.",
            Ev("REJECT", "canceled", TRUMP, ("IRN", "GOV", "Rouhani"), "2018-05-24", "125"))),
    report("Coastal Post", "2018-05-24",  # same day and dyad, another type
           ("Trump threatened Kim with sanctions.",
            Ev("THREATEN", "threatened", TRUMP, KIM, "2018-05-24", "130"))),
    report("River Herald", "2018-05-24",  # another sector: the army, not the government
           ("US forces cancelled drills with Kim.",
            Ev("REJECT", "cancelled", ("USA", "MIL", "US forces"), KIM, "2018-05-24", "125"))),
    report("Metro Wire", "2018-05-24",  # negated
           ("Trump did not cancel the talks with Kim.", cancel("cancel", negated=True))),
    report("Harbor Times", "2018-05-23",  # a possibility, not the act
           ("Trump may cancel the summit with Kim.", cancel("cancel", "2018-05-23",
                                                            modality="possible"))),
    report("Valley Ledger", "2018-05-26",  # two days after the first report: too far
           ("Trump canceled the working talks with Kim.", cancel(day="2018-05-26"))),
    report("Coastal Post", "2018-05-26",  # same dyad and day, but a phone call, not a visit
           ("Moon phoned Kim on Saturday.",
            Ev("CONSULT", "phoned", ("KOR", "GOV", "Moon"), KIM, "2018-05-26", "040",
               mode="phone"))),
    report("Metro Wire", "2018-05-26",  # same dyad, day and mode, another place
           ("Moon met Kim in Pyongyang.",
            Ev("CONSULT", "met", ("KOR", "GOV", "Moon"), KIM, "2018-05-26", "040",
               place="Pyongyang", mode="visit"))),
    # No coded country on either side: never merged, even when identical.
    *(
        report(outlet, "2018-05-24",
               (f"Gunmen attacked villagers overnight, {outlet} said.",
                Ev("ASSAULT", "attacked", (None, "REB", "Gunmen"), (None, "CIV", "villagers"),
                   "2018-05-24", "190")))
        for outlet in ("Harbor Times", "Valley Ledger")
    ),
]  # fmt: skip


def clusters(store) -> dict[str, set[str]]:
    """canonical_id → the event ids of its mentions."""
    out: dict[str, set[str]] = {}
    for event_id, cid in store.tuples("SELECT event_id, canonical_id FROM event_links"):
        out.setdefault(cid, set()).add(event_id)
    return out


def test_reports_of_one_event_become_one_canonical_event(db_url):
    with open_store(db_url) as store:
        store.write(CORPUS, [])
        rows = store.query(
            "SELECT * FROM canonical_events ORDER BY num_mentions DESC, day, canonical_id"
        )
        assert store.counts()["event_links"] == store.counts()["events"] == 20
        summit = canonical_event(store, rows[0]["canonical_id"])
    # 20 mentions: 6 + 3 of the two real events, 11 look-alikes that each stand alone.
    assert len(rows) == 1 + 1 + 11
    assert [(r["num_mentions"], r["num_articles"], r["num_sources"]) for r in rows[:3]] == [
        (6, 5, 5),
        (3, 3, 3),
        (1, 1, 1),
    ]
    assert summit["type"] == "REJECT" and summit["day"] == "2018-05-24"
    assert (summit["recipient_sector"], summit["cameo"]) == ("GOV", "125")
    assert (summit["actor_country"], summit["recipient_country"]) == ("USA", "PRK")
    assert summit["first_seen"] == "2018-05-24" and summit["last_seen"] == "2018-05-25"
    evidence = {m["source"]: m["evidence"] for m in summit["mentions"]}
    assert evidence["Coastal Post"] == "Trump scrapped talks with Kim, officials said."
    assert len(summit["mentions"]) == 6
    assert all(m["trigger"] in m["evidence"] for m in summit["mentions"])
    meeting = rows[1]
    assert (meeting["type"], meeting["place_name"], meeting["mode"]) == (
        "CONSULT",
        "Panmunjom",
        "visit",
    )


def test_dedup_is_idempotent_and_independent_of_write_order(db_url, tmp_path):
    with open_store(db_url) as store:
        for ex in CORPUS:  # one article per transaction: incremental recomputation
            store.write([ex], [])
        incremental = clusters(store)
        canon = store.query("SELECT * FROM canonical_events ORDER BY canonical_id")
        assert store.dedup() == len(canon)
        assert clusters(store) == incremental
        assert store.query("SELECT * FROM canonical_events ORDER BY canonical_id") == canon
        assert store.write(CORPUS, []) == 0
        assert store.query("SELECT * FROM canonical_events ORDER BY canonical_id") == canon
    with open_store(str(tmp_path / "reverse.duckdb")) as other:
        for ex in reversed(CORPUS):
            other.write([ex], [])
        assert clusters(other) == incremental
        assert other.query("SELECT * FROM canonical_events ORDER BY canonical_id") == canon


@pytest.mark.parametrize("split", [3, 9])
def test_bulk_write_then_dedup_equals_incremental(db_url, tmp_path, split):
    with open_store(str(tmp_path / "incremental.duckdb")) as store:
        store.write(CORPUS, [])
        incremental = clusters(store)
    with open_store(db_url) as store:
        store.write(CORPUS[:split], [], dedup=False)
        store.write(CORPUS[split:], [], dedup=False)
        assert store.counts()["canonical_events"] == 0
        store.dedup()
        assert clusters(store) == incremental
    assert sorted(len(v) for v in incremental.values())[-2:] == [3, 6]


def test_runs_cut_at_days_without_mentions():
    d = dt.date.fromisoformat
    days = [("b", d(f"2018-05-{n:02d}")) for n in (1, 2, 3, 5, 6, 9)] + [("event:x", None)]
    new = [("b", d("2018-05-06")), ("b", d("2018-05-02")), ("event:x", None)]
    assert sorted(runs(days, new), key=str) == [
        ("b", d("2018-05-01"), d("2018-05-03")),
        ("b", d("2018-05-05"), d("2018-05-06")),
        ("event:x", None, None),
    ]
    # a new day that bridges two runs recomputes both as one
    assert runs(days, [("b", d("2018-05-04"))]) == [("b", d("2018-05-01"), d("2018-05-06"))]


def test_incremental_dedup_in_any_order_equals_a_full_recompute(tmp_path):
    """Many reports of one dyad over days with gaps, written one per transaction in shuffled
    orders, cluster exactly as a full recomputation does."""
    rng = random.Random(11)
    reports = []
    for n in range(40):
        day = dt.date(2018, 5, 1) + dt.timedelta(days=rng.choice([0, 1, 2, 3, 5, 6, 7, 10, 11]))
        place = rng.choice([None, "Kaesong", "Wonsan"])
        sentence = f"Trump canceled talks with Kim near {place or 'the border'} ({n})."
        ev = cancel(day=day.isoformat(), place=place)
        reports.append(report(f"Outlet {n % 7}", (day + dt.timedelta(days=n % 2)).isoformat(),
                              (sentence, ev)))  # fmt: skip
    expected = None
    for seed in range(3):
        order = reports[:]
        random.Random(seed).shuffle(order)
        with open_store(str(tmp_path / f"{seed}.duckdb")) as store:
            for ex in order:
                store.write([ex], [])
            got = clusters(store)
            store.dedup()
            assert clusters(store) == got
        expected = expected or got
        assert got == expected
    assert 1 < len(expected) < 40
