"""The seed article's targets: every quoted passage once, with the right full speaker
name and affiliation, and none of the page furniture."""

from __future__ import annotations

import re

import pytest

from tidings.records import Extraction

MIT = "Massachusetts Institute of Technology"
MIDDLEBURY = "Middlebury Institute"
VUW = "Victoria University of Wellington"
# Opening words of each quoted passage, its speaker, and the affiliation the article gives.
PASSAGES = [
    ("Kim baited Trump", "Vipin Narang", MIT),
    ("They clearly don’t have", "Joshua Pollack", MIDDLEBURY),
    ("We can’t even reach", "Joshua Pollack", MIDDLEBURY),
    ("I’m not at all surprised", "Van Jackson", VUW),
    ("The structure of the situation", "Van Jackson", VUW),
    ("This was never taken seriously", "Stephen Schwartz", None),
    ("I felt that as things drew closer", "Stephen Schwartz", None),
    ("North Korea did the one thing", "Jeff Lewis", MIDDLEBURY),
    ("Trump is the one who’s going", "Jeff Lewis", MIDDLEBURY),
    ("Kim also wanted to drive a wedge", "Stephen Schwartz", None),
    ("Donald Trump fell right into it", "Stephen Schwartz", None),
    ("The maximum pressure campaign is broke", "Joshua Pollack", MIDDLEBURY),
    ("It’s over", "Joshua Pollack", MIDDLEBURY),
    ("If North Korea starts testing", "Vipin Narang", MIT),
    ("With no summit in the offing", "Van Jackson", VUW),
    ("Dangerous times ahead", "Van Jackson", VUW),
]
FURNITURE = ("Open Image Modal", "Before You Go", "View Comments")


@pytest.mark.parametrize(("opening", "speaker", "affiliation"), PASSAGES)
def test_each_passage_once_with_full_speaker_and_affiliation(
    seed_extraction: Extraction, opening: str, speaker: str, affiliation: str | None
) -> None:
    found = [q for q in seed_extraction.quotes if q.text.startswith(opening)]
    assert len(found) == 1, [q.text[:40] for q in seed_extraction.quotes]
    q = found[0]
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.name == speaker
    if affiliation is None:
        assert q.speaker.affiliation is None
    else:
        assert q.speaker.affiliation is not None and affiliation in q.speaker.affiliation


def test_every_passage_in_marks_is_a_quote(seed_extraction: Extraction, seed_text: str) -> None:
    """All passages in double marks are found, the pull quote once; the headline's
    ‘Baited’ is not a quote."""
    direct = [q for q in seed_extraction.quotes if q.kind == "direct"]
    passages = {m.group(1) for m in re.finditer(r"“([^”]+)”", seed_text)}
    assert len(passages) == len(PASSAGES)
    assert {q.text.rstrip(",") for q in direct} <= {p.rstrip(",") for p in passages}
    assert len(direct) == len(PASSAGES)


def test_titles_and_reported_speech(seed_extraction: Extraction) -> None:
    by_name = {q.speaker.name: q.speaker for q in seed_extraction.quotes if q.speaker}
    assert by_name["Vipin Narang"].title == "professor of international relations"
    assert by_name["Joshua Pollack"].title == "senior research associate"
    assert (by_name["Stephen Schwartz"].title or "").endswith("nuclear policy consultant")
    indirect = {q.text: q for q in seed_extraction.quotes if q.kind == "indirect"}
    egos = next(q for t, q in indirect.items() if t.startswith("Bruised egos"))
    assert egos.speaker is not None and egos.speaker.name == "Jeff Lewis"
    fears = next(q for t, q in indirect.items() if t.startswith("that tensions"))
    assert fears.speaker is not None and fears.speaker.name == "Van Jackson"
    nk = [q for q in indirect.values() if q.speaker and q.speaker.name == "North Korea"]
    assert len(nk) == 2 and all(q.speaker and q.speaker.actor for q in nk)


def test_no_furniture(seed_extraction: Extraction) -> None:
    for q in seed_extraction.quotes:
        for line in FURNITURE:
            assert line not in q.text
