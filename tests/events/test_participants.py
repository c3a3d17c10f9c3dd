"""Participants found beyond subject and object, on sentences written by the team."""

from __future__ import annotations

from tests.events.conftest import dyad, only


def test_dative_to_phrase_names_the_recipient(events):
    aid = only(events("Turkey granted asylum to three Syrian army officers."), "AID")
    assert dyad(aid) == (["TUR"], ["SYR"])


def test_conditional_threat_is_aimed_at_who_must_meet_the_condition(events):
    found = events("Iran threatened to close the strait unless Washington lifted its sanctions.")
    threat = only(found, "THREATEN")
    assert dyad(threat)[1] == ["USA"]


def test_protest_target_from_its_frame_not_its_date(events):
    text = (
        "Kenyan students staged a hunger strike on Friday"
        " in protest against abuses by Ugandan police."
    )
    strike = next(e for e in events(text) if e.cameo == "142")
    assert dyad(strike) == (["KEN"], ["UGA"])


def test_protest_target_from_the_stance_of_its_purpose(events):
    found = events("Farmers in Peru blocked a highway to show their anger at Chile's trade policy.")
    assert dyad(only(found, "PROTEST"))[1] == ["CHL"]


def test_country_on_a_compound_modifier_codes_the_actor(events):
    found = events("Recent US drone attacks have killed four militants in Yemen.")
    attacks = [e for e in found if e.type == "ASSAULT"]
    assert attacks and all(dyad(e)[0] == ["USA"] for e in attacks)


def test_target_inside_the_purpose_phrase(events):
    found = events("Pakistan mobilized its reservists for a possible war against India.")
    assert dyad(only(found, "MOBILIZE")) == (["PAK"], ["IND"])


def test_hyphenated_complement_keeps_its_recipient(events):
    found = events("Egypt agreed to re-open its border to Palestinian refugees.")
    assert dyad(only(found, "AGREE")) == (["EGY"], ["PSE"])
