"""The TimeML reader, TempEval-3 scoring, and the figures on TBAQ-cleaned (TimeBank + AQUAINT)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tidings.evaluation.times import TimeScores, evaluate_times, read_timeml
from tidings.records import TimeExpression

TIMEML = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>T1</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="2018-05-24" '
    'functionInDocument="CREATION_TIME">May 24, 2018</TIMEX3></DCT>\n<TEXT>\n'
    'Talks <EVENT eid="e1">ended</EVENT> '
    '<TIMEX3 tid="t1" type="DATE" value="2018-05-24">Thursday</TIMEX3> &amp; resume '
    '<TIMEX3 tid="t2" type="DATE" value="2018-06-12">June 12</TIMEX3>, after '
    '<TIMEX3 tid="t3" type="DURATION" value="P3W">three weeks</TIMEX3>.\n</TEXT>\n</TimeML>\n'
)


def test_reader_strips_tags_keeps_offsets_and_reads_the_creation_time(tmp_path: Path) -> None:
    path = tmp_path / "doc.tml"
    path.write_text(TIMEML, encoding="utf-8")
    doc = read_timeml(path)
    assert doc.dct == dt.date(2018, 5, 24)
    assert doc.text == "\nTalks ended Thursday & resume June 12, after three weeks.\n"
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Thursday", "DATE", "2018-05-24"),
        ("June 12", "DATE", "2018-06-12"),
        ("three weeks", "DURATION", "P3W"),
    ]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)


def test_tempeval3_scores() -> None:
    gold = [
        TimeExpression("Thursday", 0, 8, "DATE", "2018-05-24"),
        TimeExpression("June 12", 20, 27, "DATE", "2018-06-12"),
        TimeExpression("three weeks", 40, 51, "DURATION", "P3W"),
    ]
    system = [
        TimeExpression("Thursday", 0, 8, "DATE", "2018-05-24"),  # strict, right value
        TimeExpression("June 12 meeting", 20, 35, "DATE", "2017-06-12"),  # relaxed, wrong value
        TimeExpression("now", 60, 63, "DATE", "PRESENT_REF"),  # spurious
    ]
    scores = TimeScores()
    scores.add(system, gold)
    assert (scores.strict.correct, scores.relaxed.correct, scores.value.correct) == (1, 2, 1)
    assert scores.relaxed.precision == pytest.approx(2 / 3)
    assert scores.relaxed.recall == pytest.approx(2 / 3)
    # TempEval-3: value F1 = value accuracy over relaxed matches × relaxed F1
    accuracy = scores.value.correct / scores.relaxed.correct
    assert scores.value.f1 == pytest.approx(accuracy * scores.relaxed.f1)


@pytest.fixture(scope="module")
def tbaq(shared: Path) -> TimeScores:
    return evaluate_times(shared / "data" / "time" / "TBAQ-cleaned")


@pytest.mark.slow
def test_tbaq_extent_target(tbaq: TimeScores) -> None:
    assert tbaq.relaxed.gold == 1822
    assert tbaq.relaxed.f1 >= 0.90


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="issue 6 target value F1 >= 0.85 not reached: 0.812 measured (docs/accuracy.md)",
)
def test_tbaq_value_target(tbaq: TimeScores) -> None:
    assert tbaq.value.f1 >= 0.85
