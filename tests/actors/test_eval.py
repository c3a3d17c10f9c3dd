"""The figures of ``tidings eval actors`` meet the issue's targets."""

from __future__ import annotations

import pytest

from tidings.evaluation.actors import OWN_SET, evaluate_actors, read_own


@pytest.mark.slow
def test_plover_dev_actor_targets(shared) -> None:
    gold = shared / "data" / "events" / "plover_gsr_dev.json"
    (plover,) = evaluate_actors(gold, None)
    assert plover.mentions >= 300
    assert plover.country >= 0.92
    assert plover.sector >= 0.80


def test_own_set_size_and_coverage() -> None:
    texts = read_own(OWN_SET)
    mentions = [m for t in texts for m in t.mentions]
    assert len(mentions) >= 150
    groups = {t.id.split("-")[0] for t in texts}
    assert {"titles", "dates", "seats", "demonyms", "orgs", "coref", "unknown"} <= groups
    assert sum(m.country is None and m.sector is None for m in mentions) >= 10


def test_own_set_scores() -> None:
    (own,) = evaluate_actors(None, OWN_SET)
    assert own.country >= 0.95
    assert own.sector >= 0.95
