"""The ontology and lexicon files agree with each other and with the CAMEO facts."""

from __future__ import annotations

import pytest

from tidings.extract.events import load_event_model
from tidings.extract.events.lexicon import KEYWORDS
from tidings.extract.events.ontology import PLOVER_TYPES, TYPE_CODES, quad_class, recode


@pytest.fixture(scope="module")
def model():
    return load_event_model()


def test_every_lexicon_code_is_a_plover_event_or_a_statement(model):
    codes = [f.code for frames in model.lexicon.verbs.values() for f in frames]
    codes += list(model.lexicon.nouns.values())
    for code in codes:
        if code in KEYWORDS:
            continue
        entry = model.lookup(code)
        assert entry is not None, code
        assert entry.plover in (*PLOVER_TYPES, None), code


def test_all_sixteen_types_are_reachable(model):
    reached = {
        model.lookup(f.code).plover
        for frames in model.lexicon.verbs.values()
        for f in frames
        if f.code not in KEYWORDS
    }
    assert set(PLOVER_TYPES) <= reached
    assert all(model.lookup(c).plover == t for t, c in TYPE_CODES.items())


def test_cameo_facts(model):
    assert model.ontology["190"].goldstein == -10.0
    assert model.ontology["036"].plover == "AGREE"
    assert model.ontology["125"].plover == "REJECT" and model.ontology["125"].mode == "meet"
    assert model.ontology["042"].mode == "visit"
    assert len(model.ontology) == 291
    assert [quad_class(c) for c in ("036", "073", "112", "190")] == [1, 2, 3, 4]


def test_family_recoding():
    assert recode("intent", "040") == "036"
    assert recode("intent", "0871") == "0356"
    assert recode("reject", "036") == "125"
    assert recode("reject", "084") == "1243"
    assert recode("request", "085") == "1054"
    assert recode("appeal", "073") == "0233"
    assert recode("threaten", "163") == "1312"
    assert recode("threaten", None) == "130"
    assert recode("intent", "030") == "030"


def test_gazetteer(model):
    geneva = model.gazetteer.lookup("Geneva")
    assert geneva.country == "CHE" and 46 < geneva.lat < 47
    assert model.gazetteer.lookup("the United States").country == "USA"
    assert model.gazetteer.lookup("Pyongyang").country == "PRK"
