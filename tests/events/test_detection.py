"""Detection and classification per clause, on sentences written by the team."""

from __future__ import annotations

from tests.events.conftest import dyad, only


def test_several_events_in_one_sentence(events):
    found = events("Russia attacked Ukraine, and China criticized Japan.")
    attack = only(found, "ASSAULT")
    assert dyad(attack) == (["RUS"], ["UKR"])
    assert attack.cameo == "190" and attack.quad == 4 and attack.goldstein == -10.0
    criticism = only(found, "ACCUSE")
    assert dyad(criticism) == (["CHN"], ["JPN"])
    assert criticism.cameo == "111" and criticism.mode == "disapprove"


def test_passive_by_agent_is_the_actor(events):
    attack = only(events("Ukraine was attacked by Russia on Monday."), "ASSAULT")
    assert dyad(attack) == (["RUS"], ["UKR"])
    assert attack.trigger.text == "attacked"


def test_coordinated_actors_share_one_event(events):
    event = only(events("France and Germany condemned Iran."), "ACCUSE")
    assert dyad(event) == (["FRA", "DEU"], ["IRN"])


def test_reciprocal_actors_code_both_directions(events):
    found = [e for e in events("Japan and India agreed to cooperate.") if e.type == "AGREE"]
    assert sorted(dyad(e) for e in found) == [(["IND"], ["JPN"]), (["JPN"], ["IND"])]
    assert all(e.cameo == "031" and e.modality == "asserted" for e in found)
    met = [e for e in events("Russia and Turkey met in Sochi.") if e.type == "CONSULT"]
    assert sorted(dyad(e) for e in met) == [(["RUS"], ["TUR"]), (["TUR"], ["RUS"])]
    assert all(e.place is not None and e.place.country == "RUS" for e in met)


def test_nominal_predicate_with_its_own_participants(events):
    sanction = only(events("U.S. sanctions on Iran hurt its economy."), "SANCTION")
    assert dyad(sanction) == (["USA"], ["IRN"])
    assert sanction.trigger.text == "sanctions"
    found = events("The talks between Egypt and Israel resumed.")
    talks = [e for e in found if e.type == "CONSULT"]
    assert sorted(dyad(e) for e in talks) == [(["EGY"], ["ISR"]), (["ISR"], ["EGY"])]


def test_light_verb_takes_the_event_of_its_object(events):
    talks = only(events("China held talks with Vietnam."), "CONSULT")
    assert dyad(talks) == (["CHN"], ["VNM"])
    assert talks.cameo == "046" and talks.trigger.text == "held talks"


def test_negation_is_marked_not_dropped(events):
    attack = only(events("Pakistan did not attack India."), "ASSAULT")
    assert attack.negated and dyad(attack) == (["PAK"], ["IND"])
    refusal = only(events("Brazil did not agree to the plan."), "REJECT")
    assert refusal.negated and refusal.cameo.startswith("12")


def test_future_and_planned_events_are_intents(events):
    aid = only(events("Germany will send troops to Mali."), "AGREE")
    assert aid.modality == "intent" and aid.cameo == "0334"
    assert dyad(aid) == (["DEU"], ["MLI"])
    threat = only(events("Turkey plans to expel Greek diplomats."), "THREATEN")
    assert threat.modality == "intent" and threat.cameo == "136"


def test_conditional_and_hypothetical(events):
    found = events("Iran said it would attack Israel if Israel bombed its nuclear sites.")
    threat = only(found, "THREATEN")
    assert threat.modality == "conditional" and dyad(threat) == (["IRN"], ["ISR"])
    assert threat.reported
    strike = only(found, "ASSAULT")
    assert strike.modality == "hypothetical" and dyad(strike)[0] == ["ISR"]


def test_events_inside_a_quote_are_reported(events):
    found = events(
        'Kenya accused Somalia of aggression. "Ethiopia attacked Eritrea," the minister said.'
    )
    assert not only(found, "ACCUSE").reported
    attack = only(found, "ASSAULT")
    assert attack.reported and dyad(attack) == (["ETH"], ["ERI"])


def test_historical_events_carry_their_own_date(events):
    invasion = only(events("Russia invaded Ukraine in 2014."), "ASSAULT")
    assert invasion.date == "2014" and invasion.date_text == "2014"
    assert not invasion.date_inferred
    raid = only(events("Israel bombed Syria last year.", published="2020-05-01"), "ASSAULT")
    assert raid.date.startswith("2019") and not raid.date_inferred
    monday = only(events("Ukraine was attacked by Russia on Monday."), "ASSAULT")
    assert monday.date == "2020-03-02"


def test_without_a_time_expression_the_publication_date_is_flagged(events):
    event = only(events("Chile criticized Peru."), "ACCUSE")
    assert event.date == "2020-03-04" and event.date_inferred and event.date_text is None


def test_place_is_geocoded_with_the_gazetteer(events):
    attack = only(events("Russian troops attacked Ukrainian positions near Kharkiv."), "ASSAULT")
    assert attack.place is not None and attack.place.country == "UKR"
    assert attack.place.lat is not None and 49 < attack.place.lat < 51
    assert attack.place.text == "Kharkiv"
    assert dyad(attack)[0] == ["RUS"]


def test_the_same_event_told_twice_is_one_event_with_two_mentions(events):
    text = (
        "Russia attacked Ukraine on Monday. Markets fell sharply. "
        "Russia attacked Ukraine on Monday, officials said."
    )
    attack = only(events(text), "ASSAULT")
    assert [m.start for m in attack.mentions] == [text.index("attacked"), text.rindex("attacked")]


def test_evidence_offsets_index_the_article(analyse):
    text = "Ukraine was attacked by Russia on Monday."
    for e in analyse(text).events:
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
        assert text[e.sentence.start : e.sentence.end] == text
        for a in e.actor + e.recipient:
            assert text[a.start : a.end] == a.text
