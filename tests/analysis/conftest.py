"""A small hand-coded event database, the same on both backends, for the analysis tests.

USA→PRK: a consultation and aid in the week of 2018-05-07, then four conflict events in the
week of 2018-05-21 (the cancellation reported by two outlets); PRK→USA: an accusation every
ten days plus one in the last week; RUS→UKR: steady low conflict every three days from
February (no escalation); KOR→PRK: one meeting. Trump is quoted three times, Moon once.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.store import open_store
from tidings.store.synthetic import CodedEvent, CodedQuote, coded_report

USA, PRK = ("USA", "GOV", "Washington"), ("PRK", "GOV", "Pyongyang")
TRUMP = CodedQuote("We were ready", "said", ("USA", "GOV", "Trump"), "Donald Trump")


def _days(start: str, end: str, step: int) -> list[str]:
    d, last, out = dt.date.fromisoformat(start), dt.date.fromisoformat(end), []
    while d <= last:
        out.append(d.isoformat())
        d += dt.timedelta(days=step)
    return out


STEADY_DAYS = _days("2018-02-01", "2018-05-27", 3)
ACCUSE_DAYS = _days("2018-02-05", "2018-05-15", 10)


def corpus() -> list:
    def ev(type_, trigger, actor, recipient, day, cameo, goldstein, quad, **kw):
        return CodedEvent(type_, trigger, actor, recipient, day, cameo, goldstein, quad, **kw)

    reports = [
        coded_report(
            "Alpha News",
            "2018-05-08",
            (
                "Washington consulted Pyongyang on Monday.",
                ev("CONSULT", "consulted", USA, PRK, "2018-05-07", "040", 1.0, 1),
            ),
            (
                "Washington sent aid to Pyongyang.",
                ev("AID", "sent aid", USA, PRK, "2018-05-09", "070", 7.0, 2),
            ),
        ),
        coded_report(
            "Alpha News",
            "2018-05-24",
            (
                "Washington canceled the summit with Pyongyang.",
                ev("REJECT", "canceled", USA, PRK, "2018-05-24", "125", -4.0, 3),
            ),
            ('"We were ready," Trump said.', TRUMP),
        ),
        coded_report(
            "Beta Daily",
            "2018-05-25",
            (
                "Washington called off the summit with Pyongyang on Thursday.",
                ev("REJECT", "called off", USA, PRK, "2018-05-24", "125", -4.0, 3),
            ),
            (
                '"We were ready for it," Trump said.',
                CodedQuote("We were ready for it", "said", ("USA", "GOV", "Trump"), "Donald Trump"),
            ),
            (
                '"Talks must go on," Moon said.',
                CodedQuote("Talks must go on", "said", ("KOR", "GOV", "Moon"), "Moon Jae-in"),
            ),
        ),
        coded_report(
            "Beta Daily",
            "2018-05-26",
            (
                "Washington threatened Pyongyang.",
                ev("THREATEN", "threatened", USA, PRK, "2018-05-25", "130", -4.4, 3),
            ),
            (
                "Pyongyang accused Washington of bad faith.",
                ev("ACCUSE", "accused", PRK, USA, "2018-05-25", "112", -2.0, 3),
            ),
            (
                "Moon met Pyongyang officials.",
                ev("CONSULT", "met", ("KOR", "GOV", "Moon"), PRK, "2018-05-26", "040", 1.0, 1),
            ),
        ),
        coded_report(
            "Alpha News",
            "2018-05-27",
            (
                "Washington struck Pyongyang targets near Kaesong.",
                ev("ASSAULT", "struck", USA, PRK, "2018-05-26", "190", -10.0, 4, place="Kaesong"),
            ),
            (
                "Washington struck Pyongyang targets near Wonsan.",
                ev("ASSAULT", "struck", USA, PRK, "2018-05-27", "190", -10.0, 4, place="Wonsan"),
            ),
            (
                '"We were ready then too," Trump said.',
                CodedQuote(
                    "We were ready then too", "said", ("USA", "GOV", "Trump"), "Donald Trump"
                ),
            ),
        ),
    ]
    for day in ACCUSE_DAYS:
        reports.append(
            coded_report(
                "Gamma Wire",
                day,
                (
                    f"Pyongyang accused Washington on {day}.",
                    ev("ACCUSE", "accused", PRK, USA, day, "112", -2.0, 3),
                ),
            )
        )
    for day in STEADY_DAYS:
        reports.append(
            coded_report(
                "Gamma Wire",
                day,
                (
                    f"Moscow shelled Kyiv positions on {day}.",
                    ev(
                        "ASSAULT",
                        "shelled",
                        ("RUS", "MIL", "Moscow"),
                        ("UKR", "MIL", "Kyiv"),
                        day,
                        "190",
                        -2.0,
                        4,
                    ),
                ),
            )
        )
    return reports  # fmt: skip


@pytest.fixture(
    scope="module", params=["duckdb", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def db(request, new_db_url):
    """URL of a database holding :func:`corpus`, written once per module and backend."""
    url = new_db_url(request.param)
    with open_store(url) as store:
        store.write(corpus(), [])
    return url


@pytest.fixture
def store(db):
    with open_store(db, read_only=True) as s:
        yield s


@pytest.fixture(scope="session")
def days() -> dict[str, list[str]]:
    """The days of the recurring events: PRK→USA accusations and RUS→UKR shelling."""
    return {"accuse": ACCUSE_DAYS, "steady": STEADY_DAYS}
