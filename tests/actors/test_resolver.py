"""Resolver behaviour on sentences written for these tests."""

from __future__ import annotations

from .conftest import code, span_of


def test_article_descriptions_give_country_and_sector(resolve) -> None:
    a = resolve(
        "South Korean President Moon Jae-in met North Korea's foreign minister. "
        "Trump's new national security adviser, John Bolton, objected.",
        "2018-05-24",
    )
    assert code(a, "South Korean President Moon Jae-in") == ("KOR", "GOV")
    assert code(a, "North Korea's foreign minister") == ("PRK", "GOV")
    assert code(a, "Trump's new national security adviser, John Bolton") == ("USA", "GOV")


def test_demonym_and_sector_noun(resolve) -> None:
    a = resolve(
        "Chinese diplomats and North Korean troops arrived, and Hong Kong police watched.",
        "2019-01-01",
    )
    assert code(a, "Chinese diplomats") == ("CHN", "GOV")
    assert code(a, "North Korean troops") == ("PRK", "MIL")
    assert code(a, "Hong Kong police") == ("HKG", "COP")


def test_country_on_a_compound_and_mediator_title(resolve) -> None:
    a = resolve("US drone attacks stopped, said U.N. mediator Pieter Vandermeer.", "2019-01-01")
    assert code(a, "US drone attacks")[0] == "USA"
    assert code(a, "U.N. mediator Pieter Vandermeer") == ("IGO", "GOV")


def test_coordination_gives_each_conjunct(resolve) -> None:
    a = resolve("Trump and Kim Jong Un shook hands in Singapore.", "2018-06-12")
    found = a.actors_in(span_of(a, "Trump and Kim Jong Un"))
    assert [(x.name, x.country) for x in found] == [
        ("Donald Trump", "USA"),
        ("Kim Jong Un", "PRK"),
    ]
    b = resolve("U.S. and Russian negotiators met in Geneva.", "2019-01-01")
    assert [x.country for x in b.actors_in(span_of(b, "U.S. and Russian negotiators"))] == [
        "USA",
        "RUS",
    ]


def test_metonyms_and_locations(resolve) -> None:
    a = resolve(
        "The Kremlin and the White House traded accusations while crowds gathered in Moscow.",
        "2020-01-01",
    )
    assert code(a, "The Kremlin") == ("RUS", "GOV")
    assert code(a, "the White House") == ("USA", "GOV")
    assert code(a, "Moscow") == ("RUS", None)  # a place, not the government, after "in"


def test_kb_names_the_ner_missed_become_entities(resolve) -> None:
    a = resolve("Officials at the Blue House said the Pentagon agreed.", "2018-05-24")
    texts = {e.text: e.actor.country for e in a.entities if e.actor}
    assert texts.get("Blue House") == "KOR"
    assert texts.get("Pentagon") == "USA"


def test_surnames_and_pronouns_corefer(resolve) -> None:
    a = resolve(
        "Vipin Narang, a professor of international relations at the Massachusetts "
        "Institute of Technology, disagreed. Narang said he expected nothing.",
        "2018-05-24",
    )
    assert a.name_of(span_of(a, "Narang", 1)) == "Vipin Narang"
    assert a.name_of(span_of(a, "he")) == "Vipin Narang"
    profile = a.profile(span_of(a, "Narang", 1))
    assert profile is not None
    assert profile.title == "professor of international relations"
    assert profile.affiliation == "Massachusetts Institute of Technology"


def test_profile_from_pre_modifiers(resolve) -> None:
    a = resolve("South Korean President Moon Jae-in flew home.", "2018-05-24")
    profile = a.profile(span_of(a, "Moon Jae-in"))
    assert profile is not None and profile.name == "Moon Jae-in"
    assert profile.title == "President"
    assert (profile.actor.country, profile.actor.sector) == ("KOR", "GOV")


def test_definite_descriptions_corefer(resolve) -> None:
    a = resolve(
        "Trump canceled the summit with Kim Jong Un. He said the North Korean leader had "
        "shown hostility, and that his stance against Pyongyang would bring the regime back.",
        "2018-05-24",
    )
    assert a.name_of(span_of(a, "He")) == "Donald Trump"
    assert a.name_of(span_of(a, "the North Korean leader")) == "Kim Jong Un"
    assert code(a, "the regime") == ("PRK", "GOV")


def test_unknown_people_keep_the_name_and_no_guess(resolve) -> None:
    a = resolve("Jane Okafor said the shop had been closed for a week.", "2018-05-24")
    found = a.actors_in(span_of(a, "Jane Okafor"))
    assert [(x.name, x.country, x.sector) for x in found] == [("Jane Okafor", None, None)]


def test_igos_and_ngos(resolve) -> None:
    a = resolve(
        "The UN Security Council, the IAEA and Amnesty International criticised the test.",
        "2017-09-04",
    )
    assert code(a, "The UN Security Council") == ("IGO", "GOV")
    assert code(a, "the IAEA") == ("IGO", None)
    assert code(a, "Amnesty International") == ("NGO", "HRI")


def test_misspelt_names_are_recognised(resolve) -> None:
    a = resolve("President Laurent Gbago met envoys from Ethopia.", "2005-01-01")
    assert code(a, "President Laurent Gbago") == ("CIV", "GOV")
    assert code(a, "Ethopia") == ("ETH", None)
    # A name close to a leader's, with no title that matches an office, is someone else.
    b = resolve("Neighbours said Carlos Mendes had left the town.", "2014-04-04")
    assert code(b, "Carlos Mendes") == (None, None)


def test_offsets_index_the_article(resolve) -> None:
    text = "Beijing and Seoul welcomed the talks, said South Korean President Moon Jae-in."
    a = resolve(text, "2018-05-24")
    for e in a.entities:
        assert text[e.start : e.end] == e.text
        if e.actor is not None:
            assert text[e.actor.start : e.actor.end] == e.actor.text


def test_a_surname_the_ner_mislabels_is_still_the_person(resolve) -> None:
    a = resolve(
        "Mayor Linda Park opened the session.\n\n“Nothing changes until the money arrives,”"
        " Park said.",
        "2020-01-01",
    )
    assert a.name_of(span_of(a, "Park", 1)) == "Linda Park"
    profile = a.profile(span_of(a, "Park", 1))
    assert profile is not None and profile.title == "Mayor"


def test_the_north_and_the_south(resolve) -> None:
    a = resolve(
        "South Korea and North Korea held talks. The North said the South broke the deal.",
        "2018-10-01",
    )
    assert code(a, "The North") == ("PRK", None)
    assert code(a, "the South") == ("KOR", None)


def test_page_furniture_is_skipped(kb) -> None:
    from tidings.extract.actors import resolve_actors
    from tidings.nlp import parse
    from tidings.records import Article, Span

    text = "Pyongyang warned Seoul.\n\nFollow Reuters on Twitter"
    at = text.index("Follow")
    article = Article("f", text, furniture=[Span(text[at:], at, len(text))])
    actors = resolve_actors(parse(text), article, kb)
    assert [e.text for e in actors.entities] == ["Pyongyang", "Seoul"]


def test_empty_and_unnamed_texts(resolve) -> None:
    assert resolve("It rained all day.", None).entities == []


def test_party_titles_and_honorifics(resolve) -> None:
    a = resolve(
        "Tory leader Michael Howard attacked the Liberal Democrats. Mr Howard said the "
        "State would pay.",
        "2005-01-10",
    )
    assert code(a, "Tory leader Michael Howard") == ("GBR", "PTY")
    assert code(a, "the Liberal Democrats") == ("GBR", "PTY")
    assert a.name_of(span_of(a, "Mr Howard")) == "Michael Howard"
    assert not a.actors_in(span_of(a, "the State"))  # no guess from a near-miss spelling
