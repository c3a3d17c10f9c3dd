"""Temporal expressions: every construction of issue 6 on sentences written for the tests,
normalised relative to a publication date (a Thursday, 2018-05-24, like the seed article)."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.extract.times import extract_times
from tidings.nlp import parse
from tidings.records import TimeExpression

THURSDAY = dt.date(2018, 5, 24)


def times(text: str, published: dt.date | None = THURSDAY) -> list[TimeExpression]:
    found = extract_times(parse(text), published)
    for t in found:
        assert text[t.start : t.end] == t.text
    return found


def one(text: str, phrase: str, published: dt.date | None = THURSDAY) -> TimeExpression:
    """The expression whose text is ``phrase``."""
    found = [t for t in times(text, published) if t.text == phrase]
    assert found, f"{phrase!r} not found in {times(text, published)}"
    return found[0]


def value(text: str, phrase: str, published: dt.date | None = THURSDAY) -> str:
    return one(text, phrase, published).value


# ---- weekdays


def test_weekday_in_a_story_dated_that_day_is_that_day() -> None:
    assert value("President Trump on Thursday canceled the summit.", "Thursday") == "2018-05-24"


def test_weekday_in_past_narration_is_the_most_recent_one() -> None:
    assert value("The talks collapsed on Tuesday after a long night.", "Tuesday") == "2018-05-22"
    assert value("Officials said Monday that the site was destroyed.", "Monday") == "2018-05-21"


def test_weekday_in_the_future_tense_and_next_weekday_go_forward() -> None:
    assert value("The leaders will meet on Tuesday in Singapore.", "Tuesday") == "2018-05-29"
    assert value("He plans to fly to Seoul next Thursday.", "next Thursday") == "2018-05-31"
    assert value("The vote took place last Friday.", "last Friday") == "2018-05-18"


def test_what_is_put_off_or_planned_lies_ahead_of_the_act() -> None:
    assert value("Officials postponed until Tuesday any action.", "Tuesday") == "2018-05-29"
    assert value("The agency extended its deadline until 9 a.m. Tuesday.", "9 a.m. Tuesday") == (
        "2018-05-29T09:00"
    )
    assert value("Protesters planned a large rally on Saturday.", "Saturday") == "2018-05-26"
    assert value("On Monday, the government planned to pay.", "Monday") == "2018-05-21"
    assert value("A service planned for Saturday was cancelled.", "Saturday") == "2018-05-19"
    assert value("The talks lasted until Tuesday.", "Tuesday") == "2018-05-22"


def test_the_previous_weekday_counts_from_the_day_last_mentioned() -> None:
    text = "Stocks closed on May 15, down from the previous Friday."
    assert value(text, "the previous Friday") == "2018-05-11"


def test_possessive_weekday_keeps_its_span_without_the_s() -> None:
    found = one("Thursday's news was devastating to Seoul.", "Thursday")
    assert (found.start, found.end, found.value) == (0, 8, "2018-05-24")
    assert value("Monday's meeting ended without a deal.", "Monday") == "2018-05-21"


# ---- month and day without a year


def test_month_day_year_comes_from_tense_and_distance() -> None:
    # nearest: an upcoming meeting three weeks after publication
    assert value("Kim provoked Trump to ax the June 12 meeting.", "June 12") == "2018-06-12"
    # past tense, a date later in the year than publication: last year's
    assert value("The company reported on December 3 that sales fell.", "December 3") == (
        "2017-12-03"
    )
    # future tense, a date earlier in the year than publication: next year's
    assert value("Parliament will vote on March 3 on the treaty.", "March 3") == "2019-03-03"
    assert value("But on March 8, the adviser announced the meeting.", "March 8") == "2018-03-08"


def test_full_dates_and_months() -> None:
    assert value("The treaty was signed on May 6, 1998, in Paris.", "May 6, 1998") == "1998-05-06"
    assert value("Talks began in September 2016.", "September 2016") == "2016-09"
    assert value("Exports rose in April.", "April") == "2018-04"
    assert value("Elections are due in October.", "October") == "2018-10"


# ---- relative expressions


def test_last_year_this_week_and_ago() -> None:
    assert value("Tensions were high last year.", "last year") == "2017"
    assert value("Just this week, North Korea announced it would close the site.", "this week") == (
        "2018-W21"
    )
    assert value("The deal collapsed two weeks ago.", "two weeks ago") == "2018-W19"
    assert value("He resigned three days ago.", "three days ago") == "2018-05-21"
    assert value("Prices will rise next month.", "next month") == "2018-06"
    assert value("Sales fell yesterday.", "yesterday") == "2018-05-23"
    assert value("The envoy arrives tomorrow.", "tomorrow") == "2018-05-25"


def test_weekends_follow_the_tense() -> None:
    assert value("The minister warned at the weekend.", "the weekend") == "2018-W20-WE"
    assert value("The minister will travel this weekend.", "this weekend") == "2018-W21-WE"


def test_decades_early_years_quarters_and_fiscal_years() -> None:
    assert value("The famine of the 1990s killed many.", "the 1990s") == "199"
    assert value("Crime fell through the nineties.", "the nineties") == "199"
    early = one("Talks stalled in early 2017.", "early 2017")
    assert (early.value, early.mod) == ("2017", "START")
    assert value("Profit rose in the third quarter of 2017.", "the third quarter of 2017") == (
        "2017-Q3"
    )
    assert value("Revenue in Q1 2017 was flat.", "Q1 2017") == "2017-Q1"
    assert value("The budget for fiscal 2019 is larger.", "fiscal 2019") == "2019"
    assert value("Growth slowed in the first half of 2016.", "the first half of 2016") == (
        "2016-H1"
    )


def test_halves_fiscal_years_and_year_ago_quarters() -> None:
    assert value("Earnings will drop in the last half of 2018.", "the last half of 2018") == (
        "2018-H2"
    )
    text = "The slump lasts through the first two quarters of 2019."
    assert value(text, "the first two quarters of 2019") == "2019-H1"
    assert value("Sales in the current fiscal year will rise.", "the current fiscal year") == "2018"
    text = "In the fiscal year ended Jan. 31, it sold more."
    assert one(text, "the fiscal year").value == "P1Y"
    text = "It earned $5 million in the year-ago third quarter."
    assert value(text, "the year-ago third quarter") == "2017-Q3"


def test_spelled_years_and_counted_units() -> None:
    assert value(
        "January nineteen ninety-seven. Atlanta again.", "January nineteen ninety-seven"
    ) == ("1997-01")
    text = "the price we saw in the winter of nineteen ninety-four."
    assert value(text, "the winter of nineteen ninety-four") == "1994-WI"
    assert value("He promised it by the year two thousand.", "the year two thousand") == "2000"
    assert times("The firm had two thousand workers.") == []
    assert value("It will not change for a couple of years.", "a couple of years") == "P2Y"
    assert (
        value("It turned a profit after several quarters of losses.", "several quarters") == "PXQ"
    )
    assert times("Three-quarters of its food is imported.") == []
    assert value("A minute and a half later, a pilot called.", "A minute and a half later") == (
        "PT1M30S"
    )
    assert value("He was shot last Oct. 23 at his home.", "Oct. 23") == "2017-10-23"


def test_a_year_carries_over_only_through_connectives() -> None:
    found = times("The strikes came on May 3, 2016, and June 5.")
    assert [t.value for t in found] == ["2016-05-03", "2016-06-05"]
    text = 'He "missed his moment in 2016," the board wrote in early December.'
    assert value(text, "early December", dt.date(2018, 12, 31)) == "2018-12"


def test_ranges_resolve_both_ends() -> None:
    found = times("Prices rose from March to May.")
    assert [(t.text, t.value) for t in found] == [("March", "2018-03"), ("May", "2018-05")]
    found = times("The exhibition ran from March 3 to May 5, 2016.")
    assert [t.value for t in found] == ["2016-03-03", "2016-05-05"]
    assert [t.value for t in times("The programme ran 2014-2016.")] == ["2014", "2016"]


# ---- durations, sets, times of day, references


def test_durations() -> None:
    assert one("The talks lasted three days.", "three days").value == "P3D"
    assert one("The talks lasted three days.", "three days").type == "DURATION"
    assert value("The meeting ran for two hours.", "two hours") == "PT2H"
    assert value("Exports grew over the past two years.", "the past two years") == "P2Y"
    assert value("He signed a two-year contract.", "two-year") == "P2Y"


def test_sets() -> None:
    every = one("Protesters gather every Monday outside the embassy.", "every Monday")
    assert (every.type, every.value) == ("SET", "XXXX-WXX-1")
    assert value("The ferry sails daily.", "daily") == "P1D"
    assert value("The envoy visits twice a week.", "a week") == "P1W"
    assert one("The envoy visits twice a week.", "a week").type == "SET"
    assert one("It will carry 70 million passengers a year.", "a year").type == "SET"
    assert one("He waited a year for the verdict.", "a year").type == "DURATION"
    text = "Flights leave on Monday and Tuesday nights."
    assert [(t.text, t.type, t.value) for t in times(text)] == [
        ("Monday", "SET", "XXXX-WXX-1TNI"),
        ("Tuesday nights", "SET", "XXXX-WXX-2TNI"),
    ]


def test_times_of_day() -> None:
    clock = one("The vote is set for 9:30 a.m. Friday.", "9:30 a.m. Friday")
    assert (clock.type, clock.value) == ("TIME", "2018-05-25T09:30")
    assert value("Troops crossed the border at 5 p.m.", "5 p.m.") == "2018-05-24T17:00"
    assert value("He will speak tonight.", "tonight") == "2018-05-24TNI"
    assert value("The minister spoke this morning.", "this morning") == "2018-05-24TMO"
    assert value("Shares rose at mid-afternoon yesterday.", "mid-afternoon yesterday") == (
        "2018-05-23TAF"
    )
    assert value("He left on Friday at 4 in the morning.", "4 in the morning") == "2018-05-18T04:00"
    assert value("Dealers bought in the morning.", "the morning") == "2018-05-24TMO"
    assert value("Polls open on Election Day.", "Election Day") == "2018-11-06"
    assert times('Baker said on ABC\'s "This Week" that talks go on.') == []


def test_present_past_and_future_references() -> None:
    assert value("The talks are now over.", "now") == "PRESENT_REF"
    assert value("The regime recently tested a missile.", "recently") == "PAST_REF"
    assert value("That could change in the future.", "the future") == "FUTURE_REF"


# ---- no publication date


def test_without_a_publication_date_relative_expressions_stay_unanchored() -> None:
    text = "On Thursday he said the June 12 meeting, agreed last year in 2017, was off."
    found = {t.text: t.value for t in times(text, None)}
    assert found["Thursday"] == "XXXX-WXX-4"
    assert found["June 12"] == "XXXX-06-12"
    assert found["last year"] == "XXXX"
    assert found["2017"] == "2017"
    assert value("Negotiators met this week.", "this week", None) == "XXXX-WXX"
    assert value("Rains fell in the spring.", "the spring", None) == "XXXX-SP"
    # relative to a month, "two days later" can say no more than the month
    assert value("He texted in March 2019. Two days later he called.", "Two days later", None) == (
        "2019-03"
    )


# ---- what is not a time


@pytest.mark.parametrize(
    "text",
    [
        "May I ask a question?",
        "The group spent $2017 on supplies.",
        "Iraq imports about three-quarters of its food.",
        "A second group of directors resigned.",
        "The 44-year-old protester was arrested.",
        "Now, he says, the talks are over.",
        "The fall in prices was sharp.",
        "Watch: Miami's Cubans discuss the senator 01:30",
        "John Bacon, USA TODAY",
        "He said on CBS This Morning that it was fine.",
    ],
)
def test_not_times(text: str) -> None:
    assert times(text) == []


# ---- the seed article


def test_seed_article_targets(seed_text: str) -> None:
    found = times(seed_text)
    by_text: dict[str, set[str]] = {}
    for t in found:
        by_text.setdefault(t.text, set()).add(t.value)
    assert by_text["Thursday"] == {"2018-05-24"}
    assert by_text["June 12"] == {"2018-06-12"}
    assert by_text["March 8"] == {"2018-03-08"}
    assert by_text["2017"] == {"2017"}
    assert by_text["last year"] == {"2017"}
    assert by_text["this week"] == {"2018-W21"}
    on_thursday = seed_text.index("on Thursday") + 3
    assert any(t.start == on_thursday and t.value == "2018-05-24" for t in found)


# ---- anchors beside the publication date


def test_the_quarter_a_year_ago_is_one_expression_a_year_before_that_quarter() -> None:
    text = "Profit rose in the first quarter. For the quarter a year ago, it earned $5 million."
    found = one(text, "the quarter a year ago")
    assert found.value == "2017-Q1"
    assert "a year ago" not in [t.text for t in times(text)]


def test_the_day_before_a_named_day_counts_from_that_day() -> None:
    text = "The day before last Tuesday's hearing, he went to the house."
    assert value(text, "The day before last Tuesday") == "2018-05-21"
    assert value("They met the day after May 3.", "the day after May 3") == "2018-05-04"


def test_since_shortly_after_a_date_looks_back() -> None:
    # without "since", the nearest October 23 (five months ahead) would win
    text = "Police have searched for him since shortly after the Oct. 23 slaying."
    assert value(text, "Oct. 23") == "2017-10-23"


def test_a_dateline_just_before_publication_is_the_anchor() -> None:
    text = "WASHINGTON, May 23 (Xinhua) -- The talks open today in Geneva."
    assert value(text, "today") == "2018-05-23"
    assert value("The talks open today in Geneva.", "today") == "2018-05-24"
    # a dateline far from the publication date is not taken for the day of the report
    text = "WASHINGTON, May 2 (Xinhua) -- The talks open today in Geneva."
    assert value(text, "today") == "2018-05-24"
