"""Attributes of a detected event from its clause: modality, reported speech, date, place."""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Token

from tidings.extract.actors import ArticleActors
from tidings.extract.events.detect import Candidate, np_span
from tidings.extract.events.places import Gazetteer
from tidings.records import Modality, Place, Quote, TimeExpression

_FUTURE = frozenset({"will", "would", "shall", "'ll"})
_POSSIBLE = frozenset({"may", "might", "could", "can"})
_CONDITION_MARKS = frozenset({"if", "unless"})
_PLACE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "from"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_PLACE_NOUNS = frozenset(
    {"town", "city", "village", "province", "region", "district", "port", "capital", "enclave"}
)
_ANCHORED = re.compile(r"^\d{4}")
# A time beyond these belongs to another assertion ("we're back to 2017, and he talks of …").
_CLAUSE_EDGES = frozenset({"conj", "relcl", "parataxis"})


def _chain(tok: Token, edges: frozenset[str] = frozenset()) -> list[Token]:
    """``tok`` and the tokens it depends on, up to the root or the first of ``edges``."""
    out = [tok]
    while tok.head.i != tok.i and tok.dep_ not in edges:
        tok = tok.head
        out.append(tok)
    return out


def _if_clause(tok: Token) -> bool:
    """Whether ``tok`` heads an if/unless clause."""
    return tok.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in tok.children
    )


def _auxiliaries(cand: Candidate) -> set[str]:
    clause = [cand.head, *(t for t in cand.trigger if t.pos_ in ("VERB", "AUX"))]
    return {c.lower_ for t in clause for c in t.children if c.dep_ == "aux"}


def modality(cand: Candidate) -> Modality:
    """Hypothetical inside an if-clause, conditional when governing one, else intent/possible."""
    if any(_if_clause(t) for t in _chain(cand.head)):
        return "hypothetical"
    clause = [cand.head, *(t for t in cand.trigger if t.pos_ in ("VERB", "AUX"))]
    if any(_if_clause(c) for t in clause for c in t.children):
        return "conditional"
    if cand.head.sent.text.rstrip().endswith("?") and cand.head.dep_ == "ROOT":
        return "question"
    if cand.intent or future(cand):
        return "intent"
    if _auxiliaries(cand) & _POSSIBLE:
        return "possible"
    return "asserted"


def future(cand: Candidate) -> bool:
    """Whether the predicate is in the future ("will meet", "would destroy", "is going to")."""
    return bool(_auxiliaries(cand) & _FUTURE) or _going_to(cand.head)


def _going_to(tok: Token) -> bool:
    head = tok.head
    return (
        tok.dep_ == "xcomp"
        and head.lower_ == "going"
        and any(c.dep_ == "aux" for c in head.children)
    )


def reported(cand: Candidate, quotes: list[Quote], report_verbs: frozenset[str]) -> bool:
    """Inside a quotation, or the complement of a speech verb ("announced it would")."""
    start = cand.head.idx
    if any(q.start <= start < q.end for q in quotes):
        return True
    tok = cand.head
    while tok.head.i != tok.i:
        if tok.dep_ in ("ccomp", "xcomp", "conj") and tok.head.lemma_.lower() in report_verbs:
            return True
        if tok.dep_ not in ("ccomp", "xcomp", "conj", "advcl"):
            return False
        tok = tok.head
    return False


def event_date(
    cand: Candidate, doc: Doc, times: list[TimeExpression], published: dt.date | None
) -> tuple[str | None, str | None, bool]:
    """(TIMEX3 value, evidence text, inferred): the clause's date, else the publication date.

    A time expression belongs to the nearest verb or event noun it depends on; the event
    takes the one attached closest to its predicate, looking up through the verbs that
    govern it ("announced on March 8 that they had agreed").
    """
    sent = cand.head.sent
    chain = [t.i for t in _chain(cand.head, _CLAUSE_EDGES)]
    own = {t.i for t in cand.trigger}
    best: tuple[int, TimeExpression] | None = None
    for te in times:
        if not (sent.start_char <= te.start < sent.end_char) or not _ANCHORED.match(te.value):
            continue
        span = doc.char_span(te.start, te.end, alignment_mode="expand")
        if span is None:
            continue
        anchor = span.root.head
        while (
            anchor.head.i != anchor.i and anchor.pos_ not in ("VERB", "AUX") and anchor.i not in own
        ):
            anchor = anchor.head
        rank = 0 if anchor.i in own else (chain.index(anchor.i) if anchor.i in chain else None)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, te)
    if best is not None:
        return best[1].value, best[1].text, False
    return (published.isoformat() if published else None), None, True


def event_place(cand: Candidate, gazetteer: Gazetteer, actors: ArticleActors) -> Place | None:
    """The place named by an "in/at/near/from X" phrase of the predicate, geocoded.

    Places the gazetteer does not know take the country the actor resolver gives the
    phrase ("the besieged Bosnian town of Gorazde").
    """
    return place_of([cand.head, *cand.trigger], gazetteer, actors)


def place_of(tokens: list[Token], gazetteer: Gazetteer, actors: ArticleActors) -> Place | None:
    """The first place an "in/at/near/from X" phrase of one of ``tokens`` names, geocoded."""
    for tok in tokens:
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in _PLACE_PREPS:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                place = _place_in(pobj, gazetteer, actors)
                if place is not None:
                    return place
    return None


def _place_in(pobj: Token, gazetteer: Gazetteer, actors: ArticleActors) -> Place | None:
    span = np_span(pobj)
    ents = [e for e in span.ents if e.label_ in _PLACE_ENTS]
    if not ents and pobj.lemma_.lower() in _PLACE_NOUNS:
        # "the town of Samarra": the noun says it is a place whatever the recogniser says
        names = [p for c in pobj.children if c.lower_ == "of" for p in c.children]
        ents = [np_span(p) for p in names if p.pos_ == "PROPN"]
    if not ents:
        return None
    ent = ents[-1]
    loc = gazetteer.lookup(ent.text)
    if loc is None:
        countries = {a.country for a in actors.actors_in(span) if a.country}
        country = countries.pop() if len(countries) == 1 else None
        return Place(ent.text, country, None, None, ent.text, ent.start_char, ent.end_char)
    return Place(loc.name, loc.country, loc.lat, loc.lon, ent.text, ent.start_char, ent.end_char)
