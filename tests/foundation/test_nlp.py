"""The parser entry point: the full pipeline's annotations; entities found as by it, near the
words that can be part of one."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

from tidings.nlp import NER_WINDOW, _blank_far_from_anchors, load_nlp, parse, parse_many

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


def _names(doc, labels=NAME_LABELS) -> set[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    return {(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in labels}


def _guardian(start: int, stop: int, shared: Path) -> list[str]:
    with gzip.open(shared / "data/corpora/guardian-world-249.jsonl.gz", "rt") as fh:
        return [json.loads(line)["text"] for line in itertools.islice(fh, start, stop)]


def test_parse_keeps_the_text_and_annotates_everything(seed_text: str) -> None:
    doc = parse(seed_text)
    assert doc.text == seed_text
    for attr in ("TAG", "POS", "LEMMA", "DEP", "SENT_START", "ENT_IOB"):
        assert doc.has_annotation(attr), attr


def test_focused_recogniser_finds_the_entities_the_full_pipeline_finds(shared: Path) -> None:
    texts = _guardian(0, 8, shared)
    full = list(load_nlp().pipe(texts))
    focused = list(parse_many(texts, batch_size=3))
    for labels, share in ((NAME_LABELS, 0.99), (None, 0.98)):
        theirs = [_names(d, labels or {e.label_ for e in d.ents}) for d in full]
        ours = [_names(d, labels or {e.label_ for e in d.ents}) for d in focused]
        same = sum(len(a & b) for a, b in zip(theirs, ours, strict=True))
        assert sum(len(a) for a in theirs) > 100
        assert same / sum(len(a) for a in theirs) >= share  # found as the full pipeline does
        assert same / sum(len(b) for b in ours) >= share  # and hardly any other


def test_recogniser_sees_exactly_the_words_near_an_anchor() -> None:
    """The guarantee: the recogniser reads every word within NER_WINDOW tokens of an anchor
    (a capitalised word other than "I" or a sentence-initial stop word, a number, a time or
    quantity word) and any word written together with one ("done." whole), at its own
    offset, and nothing else but spaces and line breaks."""
    text = (
        "it was over, and the long talks that had gone on and on and on were finally done.\n"
        "He said thousands of people watched as the two leaders, who had never met before "
        "in their long lives, shook hands in Panmunjom."
    )
    doc = parse(text)
    focused = _blank_far_from_anchors(doc)
    assert len(focused) == len(text)
    anchors = {"thousands", "two", "Panmunjom"}
    near = {t.i for t in doc for a in doc if a.text in anchors and abs(a.i - t.i) <= NER_WINDOW}
    for tok in [*doc, *reversed(doc)]:  # grow to whole chunks, both ways
        if tok.i in near and not tok.whitespace_ and tok.i + 1 < len(doc):
            near.add(tok.i + 1)
        if tok.i in near and tok.i > 0 and not doc[tok.i - 1].whitespace_:
            near.add(tok.i - 1)
    assert "done" in {doc[i].text for i in near} and "finally" not in {doc[i].text for i in near}
    for tok in doc:
        seen = focused[tok.idx : tok.idx + len(tok)]
        assert seen == (tok.text if tok.i in near else " " * len(tok)), tok.text
    assert focused.count("\n") == text.count("\n")
    assert all(e.start in near and e.end - 1 in near for e in doc.ents)


def test_sentences_without_capitals_get_no_entities_and_others_do() -> None:
    doc = parse("he said it was over. Kim Jong Un met Moon Jae-in in Panmunjom.")
    assert {e.text for e in doc.ents if e.label_ == "PERSON"} >= {"Kim Jong Un"}
    assert all(e.start_char > 20 for e in doc.ents)


def test_every_annotation_but_entities_is_the_full_pipelines(shared: Path) -> None:
    """parse_many applies the attribute ruler through an index and caches the lemmatizer's
    lemmas; every other annotation (tags, part of speech, morphology, lemmas, dependencies,
    sentences) is exactly the one the full pipeline sets."""
    texts = _guardian(8, 16, shared)
    attrs = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "SENT_START"]
    full = [d.to_array(attrs) for d in load_nlp().pipe(texts, disable=["ner"])]
    ours = [d.to_array(attrs) for d in parse_many(texts, batch_size=3)]
    assert sum(len(a) for a in full) > 5000
    for a, b in zip(full, ours, strict=True):
        assert (a == b).all()
