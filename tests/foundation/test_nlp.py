"""The parser entry point: full annotations, names found as by the full pipeline."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

from tidings.nlp import load_nlp, parse, parse_many

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


def _names(doc) -> set[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    return {(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in NAME_LABELS}


def test_parse_keeps_the_text_and_annotates_everything(seed_text: str) -> None:
    doc = parse(seed_text)
    assert doc.text == seed_text
    for attr in ("TAG", "POS", "LEMMA", "DEP", "SENT_START", "ENT_IOB"):
        assert doc.has_annotation(attr), attr


def test_focused_recogniser_finds_the_names_the_full_pipeline_finds(shared: Path) -> None:
    with gzip.open(shared / "data/corpora/guardian-world-249.jsonl.gz", "rt") as fh:
        texts = [json.loads(line)["text"] for line in itertools.islice(fh, 8)]
    full = [_names(d) for d in load_nlp().pipe(texts)]
    focused = [_names(d) for d in parse_many(texts, batch_size=3)]
    found = sum(len(a & b) for a, b in zip(full, focused, strict=True))
    total = sum(len(a) for a in full)
    assert total > 100
    assert found / total >= 0.98


def test_sentences_without_capitals_get_no_entities_and_others_do() -> None:
    doc = parse("he said it was over. Kim Jong Un met Moon Jae-in in Panmunjom.")
    assert {e.text for e in doc.ents if e.label_ == "PERSON"} >= {"Kim Jong Un"}
    assert all(e.start_char > 20 for e in doc.ents)


def test_indexed_attribute_ruler_annotates_as_spacys_own(shared: Path) -> None:
    """parse_many applies the attribute ruler through an index; every annotation it sets
    (part of speech, morphology, lemma) is the one the full pipeline sets."""
    with gzip.open(shared / "data/corpora/guardian-world-249.jsonl.gz", "rt") as fh:
        texts = [json.loads(line)["text"] for line in itertools.islice(fh, 8, 16)]
    attrs = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD"]
    full = [d.to_array(attrs) for d in load_nlp().pipe(texts, disable=["ner"])]
    ours = [d.to_array(attrs) for d in parse_many(texts, batch_size=3)]
    assert sum(len(a) for a in full) > 5000
    for a, b in zip(full, ours, strict=True):
        assert (a == b).all()
