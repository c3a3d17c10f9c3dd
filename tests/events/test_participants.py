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


def test_unidentified_doer_is_coded_by_where_it_acted(events):
    found = events("A car bomb near the city of Mosul killed three Kurdish fighters on Friday.")
    assert dyad(only(found, "ASSAULT"))[0] == ["IRQ"]
    arrest = only(events("Two British journalists were detained in Iran on Tuesday."), "COERCE")
    assert dyad(arrest) == (["IRN"], ["GBR"])


def test_uncoded_party_takes_the_only_country_the_article_names(events):
    found = events("Judge Maria Ortega charged 12 Peruvian police officers with torture.")
    assert dyad(only(found, "ACCUSE")) == (["PER"], ["PER"])


def test_no_country_is_lent_when_the_article_names_several(events):
    found = events("Judge Maria Ortega charged 12 Peruvian and Bolivian officers with torture.")
    assert dyad(only(found, "ACCUSE"))[0] == [None]


def test_protest_without_target_is_aimed_at_its_own_government(events):
    strike = only(events("Thousands of Greek workers went on strike on Wednesday."), "PROTEST")
    assert dyad(strike) == (["GRC"], ["GRC"])
    assert strike.recipient[0].sector == "GOV"


def test_subject_of_a_passive_acts_in_its_conjunct(events):
    found = events("The Iraqi minister was accused by Iran of corruption and will resign.")
    accused = next(e for e in found if e.cameo and e.cameo.startswith("11"))
    assert dyad(accused) == (["IRN"], ["IRQ"])
    resign = [e for e in found if e is not accused]
    assert resign and all(dyad(e)[0] == ["IRQ"] for e in resign)


def test_possessor_of_a_decision_carries_it_out(events):
    text = "Canada welcomed Germany's decision to cancel its summit with Russia."
    cancel = next(e for e in events(text) if e.type == "REJECT")
    assert dyad(cancel) == (["DEU"], ["RUS"])


def test_own_act_announced_to_someone_is_aimed_at_them(events):
    text = (
        "Angela Merkel announced in a letter to Vladimir Putin on Monday that she was"
        " calling off the meeting in Vienna."
    )
    cancel = only(events(text, published="2015-03-04"), "REJECT")
    assert dyad(cancel) == (["DEU"], ["RUS"])


def test_place_codes_no_named_person_nor_a_meeting(events):
    found = events("Hans Mueller met Xi Jinping in Paris on Monday.")
    assert dyad(only(found, "CONSULT")) == ([None], ["CHN"])
    meeting = events("The meeting with Xi Jinping in Paris was cancelled.")
    assert not any("FRA" in dyad(e)[0] for e in meeting), [(e.type, dyad(e)) for e in meeting]


def test_speaker_with_a_partner_keeps_the_partner(events):
    text = "Angela Merkel said she and Emmanuel Macron had agreed to meet Putin."
    agree = [e for e in events(text, published="2019-03-04") if e.type == "AGREE"]
    assert {c for e in agree for c in dyad(e)[0]} >= {"DEU", "FRA"}


def test_bracketed_other_name_of_an_organisation_is_that_organisation(analyse):
    found = analyse("The Freedom Union (Conservatives) held a rally against Estonian leaders.")
    bracketed = next(e for e in found.entities if e.text == "Conservatives")
    assert bracketed.actor is None or bracketed.actor.country != "GBR"
    rally = only(found.events, "PROTEST")
    assert dyad(rally)[0] == ["EST"]


def test_coordinated_verbs_share_the_recipient_that_follows_them(events):
    found = events("Two Danish charities donated and delivered medicine to Yemen.")
    assert all(dyad(e)[1] == ["YEM"] for e in found if e.type == "AID") and found
