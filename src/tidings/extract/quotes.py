"""Quotations and reported speech with their cue and speaker."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from tidings.extract.actors import ArticleActors
from tidings.records import Quote, Span, Speaker

_QUOTED = re.compile(r"[“\"]([^”\"\n]{2,}?)[”\"]")
_CUES = {"say", "tell", "add", "warn", "argue", "announce", "claim", "note", "fear"}


def extract_quotes(doc: Doc, actors: ArticleActors) -> list[Quote]:
    """Direct quotations of ``doc`` with the nearest speaking person in their sentence."""
    quotes = []
    for m in _QUOTED.finditer(doc.text):
        start, end = m.start(1), m.end(1)
        sent = doc.char_span(start, end, alignment_mode="expand")
        if sent is None:
            continue
        cue = speaker = None
        for tok in sent.sent:
            if tok.lemma_ in _CUES and not (start <= tok.idx < end):
                cue = Span(tok.text, tok.idx, tok.idx + len(tok.text))
                for ent in sent.sent.ents:
                    if ent.label_ == "PERSON" and not (start <= ent.start_char < end):
                        speaker = Speaker(
                            actors.name_of(ent), ent.text, ent.start_char, ent.end_char
                        )
                        break
                break
        quotes.append(Quote(doc.text[start:end], start, end, "direct", cue, speaker))
    return quotes
