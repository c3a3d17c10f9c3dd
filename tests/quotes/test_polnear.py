"""Issue 3 targets on PolNeAR dev (84 articles, parsed here: about two minutes), plus the
reader and metrics on a small hand-checked case."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.evaluation.polnear import read_polnear
from tidings.evaluation.quotes import QuoteScores, attributions, evaluate_polnear, score_document
from tidings.records import Quote, Span, Speaker


@pytest.fixture(scope="module")
def dev_scores(shared: Path) -> QuoteScores:
    return evaluate_polnear(shared / "data" / "quotes" / "polnear" / "dev")


def test_reader_uses_first_annotator_and_discontinuous_spans(shared: Path) -> None:
    docs = read_polnear(shared / "data" / "quotes" / "polnear" / "dev")
    assert len(docs) == 84
    assert sum(len(d.attributions) for d in docs) > 2000
    for d in docs[:10]:
        for a in d.attributions:
            assert all(0 <= s < e <= len(d.text) for s, e in a.content + a.cue + a.source)
    assert any(len(a.content) > 1 for d in docs for a in d.attributions)


def test_split_quote_is_one_attribution_and_widened_to_its_marks() -> None:
    text = "“We tried,” Reed said, “but it failed.”"
    cue = Span("said", 17, 21)
    sp = Speaker("Tom Reed", "Reed", 12, 16)
    quotes = [
        Quote("We tried", 1, 9, "direct", cue, sp),
        Quote("but it failed.", 24, 38, "direct", cue, sp),
    ]
    (pred,) = attributions(text, quotes)
    assert pred.content == ((0, 11), (23, 39))
    from tidings.evaluation.polnear import GoldAttribution, GoldDocument

    gold = GoldDocument("t", text, [GoldAttribution(((0, 11), (23, 39)), ((17, 21),), ((12, 16),))])
    scores = QuoteScores()
    score_document(gold, [pred], scores)
    assert scores.content[(0.8, "direct")].f1 == 1.0
    assert scores.speaker_accuracy == 1.0
    assert all(c.f1 == 1.0 for c in scores.exact.values())


@pytest.mark.slow
def test_direct_quote_content_f1(dev_scores: QuoteScores) -> None:
    assert dev_scores.content[(0.3, "direct")].f1 >= 0.90


@pytest.mark.slow
def test_all_attribution_content_f1(dev_scores: QuoteScores) -> None:
    assert dev_scores.content[(0.3, "all")].f1 >= 0.75


@pytest.mark.slow
def test_speaker_accuracy_on_matched_quotes(dev_scores: QuoteScores) -> None:
    assert dev_scores.speaker_accuracy >= 0.90


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="target 0.80 not reached: 0.749 on dev (2026-11-28), see docs/accuracy.md",
)
def test_source_exact_match_f1(dev_scores: QuoteScores) -> None:
    assert dev_scores.exact["source"].f1 >= 0.80
