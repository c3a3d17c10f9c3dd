"""The seed article (HuffPost, 2018-05-24): the events the issue names."""

from __future__ import annotations

import pytest
from tests.events.conftest import dyad


@pytest.fixture(scope="module")
def seed_events(seed_extraction):
    return seed_extraction.events


def _with_trigger(found, word):
    return [e for e in found if word in e.trigger.text]


def test_summit_cancellation(seed_events):
    (cancel,) = _with_trigger(seed_events, "canceled")
    assert cancel.type == "REJECT" and cancel.mode == "meet"
    assert dyad(cancel) == (["USA"], ["PRK"])
    assert cancel.date == "2018-05-24" and not cancel.date_inferred
    assert not cancel.negated and cancel.modality == "asserted"


def test_agreement_to_meet_announced_on_march_8(seed_events):
    agree = _with_trigger(seed_events, "agreed to meet")
    assert sorted(dyad(e) for e in agree) == [(["PRK"], ["USA"]), (["USA"], ["PRK"])]
    for e in agree:
        assert e.type == "AGREE" and e.cameo == "036"
        assert e.date == "2018-03-08" and e.date_text == "March 8"
        assert e.reported  # announced by South Korea's national security adviser


def test_test_site_destruction_is_an_intent(seed_events):
    (destroy,) = _with_trigger(seed_events, "destroy")
    assert destroy.modality == "intent" and dyad(destroy)[0] == ["PRK"]
    assert not destroy.negated


def test_conditional_refusal_of_a_summit(seed_events):
    (refusal,) = _with_trigger(seed_events, "agree to a summit")
    assert refusal.type == "REJECT" and refusal.negated
    assert refusal.modality == "conditional"
    assert dyad(refusal)[0] == ["PRK"]


def test_us_pressure_on_china(seed_events):
    pressure = [e for e in seed_events if dyad(e) == (["USA"], ["CHN"])]
    assert pressure and pressure[0].trigger.text == "strong-armed"
    assert pressure[0].type in ("COERCE", "REQUEST")


def test_page_furniture_and_pull_quote_add_no_events(seed_events, seed_text):
    tail = seed_text.index("Open Image Modal")
    assert all(e.trigger.start < tail for e in seed_events)
    for e in seed_events:
        starts = [m.start for m in e.mentions]
        assert len(starts) == len(set(starts))
