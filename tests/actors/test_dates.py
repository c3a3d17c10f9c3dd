"""Offices are checked against the publication date; no date means no filtering by term."""

from __future__ import annotations

import pytest

from .conftest import code


@pytest.mark.parametrize(
    ("published", "sector"),
    [("2016-05-27", "GOV"), ("2018-11-05", "ELI"), (None, "GOV")],
)
def test_president_obama_by_date(resolve, published, sector) -> None:
    a = resolve("President Obama spoke at the memorial.", published)
    assert code(a, "President Obama") == ("USA", sector)


def test_before_the_first_office_there_is_no_sector(resolve) -> None:
    a = resolve("Donald Trump told supporters in Iowa he would win.", "2015-10-01")
    assert code(a, "Donald Trump") == ("USA", None)


def test_moon_jae_in_across_his_career(resolve) -> None:
    text = "Moon Jae-in spoke to reporters."
    assert code(resolve(text, "2007-06-01"), "Moon Jae-in") == ("KOR", "GOV")  # chief of staff
    assert code(resolve(text, "2012-06-01"), "Moon Jae-in") == ("KOR", "ELI")
    assert code(resolve(text, "2018-05-24"), "Moon Jae-in") == ("KOR", "GOV")
    assert code(resolve(text, "2023-01-01"), "Moon Jae-in") == ("KOR", "ELI")


def test_former_in_the_article_wins(resolve) -> None:
    a = resolve("Former president Donald Trump held a rally.", "2018-05-24")
    assert code(a, "Former president Donald Trump") == ("USA", "ELI")


def test_an_organisation_changes_role(resolve) -> None:
    text = "The Taliban issued a statement."
    assert code(resolve(text, "2012-09-10"), "The Taliban") == ("AFG", "REB")
    assert code(resolve(text, "2022-01-20"), "The Taliban") == ("AFG", "GOV")


def test_earlier_heads_of_government_by_date(resolve) -> None:
    text = "Prime Minister Mahendra Chaudhry met Ahmed Ben Bella."
    a = resolve(text, "1999-08-01")
    assert code(a, "Mahendra Chaudhry") == ("FJI", "GOV")
    assert code(a, "Ahmed Ben Bella") == ("DZA", "ELI")
    assert code(resolve(text, "1964-01-01"), "Ahmed Ben Bella") == ("DZA", "GOV")
