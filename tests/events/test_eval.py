"""The issue's targets on the two gold sets, measured with the real pipeline.

Targets not reached yet are marked xfail (strict, so a pass shows up); the figures and what
stands in the way are in docs/accuracy.md.
"""

from __future__ import annotations

import pytest

from tidings.config import Settings
from tidings.evaluation.events import evaluate_petr2, evaluate_plover, read_petr2, read_plover


@pytest.fixture(scope="module")
def plover(shared):
    return evaluate_plover(shared / "data/events/plover_gsr_dev.json", Settings())


@pytest.fixture(scope="module")
def petr2(shared):
    return evaluate_petr2(shared / "data/events/PETR2_GSR_validation.xml", Settings())


def test_gold_readers(shared):
    records = read_plover(shared / "data/events/plover_gsr_dev.json")
    assert len(records) == 164
    labels = {r.events[0].label for r in records}
    assert not labels & {"DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT", "DOCUMENT"}
    petr = read_petr2(shared / "data/events/PETR2_GSR_validation.xml")
    assert sum(len(r.events) for r in petr) == 79
    assert sum(1 for r in petr if not r.events) == 12


def test_plover_event_type_accuracy(plover):
    assert plover.type_accuracy.value >= 0.80


def test_plover_macro_f1(plover):
    assert plover.macro_f1 >= 0.75


def test_plover_actor_country(plover):
    assert plover.actor_country.value >= 0.90


def test_plover_recipient_country(plover):
    assert plover.recipient_country.value >= 0.85


def test_petr2_root_code_accuracy(petr2):
    assert petr2.type_accuracy.value >= 0.75


def test_petr2_report_has_confusion_and_no_event_precision(petr2):
    text = petr2.to_markdown()
    assert "CAMEO root-code accuracy" in text and "| gold \\ predicted |" in text
    assert petr2.no_event_specificity.n == 12
