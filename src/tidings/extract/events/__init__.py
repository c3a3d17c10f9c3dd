"""PLOVER events per clause with CAMEO codes, Goldstein scores and quad classes.

Detection (:mod:`.detect`) finds clause predicates and the tokens of their participants;
the lexicon or a trained classifier (:mod:`.model`) codes them; :mod:`.attributes` adds
negation, modality, reported speech, date and place; the same event told twice in one
article is merged into one event with several mentions.
"""

from __future__ import annotations

import dataclasses
import itertools

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from tidings.extract.actors import ArticleActors
from tidings.extract.events.attributes import (
    event_date,
    event_place,
    future,
    modality,
    place_of,
    reported,
)
from tidings.extract.events.detect import (
    RECIPIENT_PREPS,
    Candidate,
    Detector,
    direct_object,
    np_span,
    prep_objects,
    subjects,
)
from tidings.extract.events.model import EventModel, clause_features, load_event_model
from tidings.extract.events.ontology import TYPE_CODES, recode
from tidings.knowledge import KnowledgeBase
from tidings.records import (
    Actor,
    Article,
    Event,
    Place,
    Quote,
    SentenceSpan,
    Span,
    TimeExpression,
)

__all__ = ["EventModel", "extract_events", "load_event_model"]

# CAMEO roots of events two parties do together: "X and Y met" is X→Y and Y→X.
_RECIPROCAL_ROOTS = frozenset({3, 4, 5, 6, 19})
_ONE_WAY = frozenset({"042", "043"})
_MAX_TRIGGER_GAP = 8
# CAMEO roots from protest on (14-20): acts whose unidentified doers are coded by place.
_CONFLICT_ROOT = 14


def extract_events(
    doc: Doc,
    article: Article,
    actors: ArticleActors,
    times: list[TimeExpression],
    quotes: list[Quote],
    kb: KnowledgeBase,
    model: EventModel,
) -> list[Event]:
    """The events of ``doc``, one per clause predicate and participant direction, deduplicated."""
    detector = Detector(model.lexicon)
    report_verbs = model.report_verbs
    home = _home(actors, kb)
    events: list[Event] = []
    for sent in doc.sents:
        if article.in_furniture(sent.start_char, sent.end_char):
            continue
        if model.classifier is None:
            cands = detector.sentence(sent)
        else:
            cands = _classified(sent, model, report_verbs)
        for cand in cands:
            events.extend(
                _events(cand, doc, article, actors, times, quotes, model, report_verbs, home)
            )
    return _dedup(events)


def _home(actors: ArticleActors, kb: KnowledgeBase) -> str | None:
    """The country of an article that names only one: where its uncoded parties are."""
    countries = {
        e.actor.country for e in actors.entities if e.actor and e.actor.country in kb.countries
    }
    return countries.pop() if len(countries) == 1 else None


def _classified(
    sent: SpacySpan, model: EventModel, report_verbs: frozenset[str]
) -> list[Candidate]:
    """Every non-speech verb of ``sent`` labelled by the trained classifier."""
    assert model.classifier is not None
    verbs = [
        t
        for t in sent
        if t.pos_ == "VERB"
        and t.dep_ not in ("aux", "auxpass", "amod")
        and t.lemma_.lower() not in report_verbs
    ]
    cands = []
    predictions = model.classifier.predict([clause_features(t) for t in verbs])
    for tok, (label, mode, prob) in zip(verbs, predictions, strict=True):
        if not label:
            continue
        agents, patients = subjects(tok)
        obj = direct_object(tok)
        recipients = [*patients, *prep_objects(tok, RECIPIENT_PREPS)]
        if obj is not None and obj.dep_ == "dobj":
            recipients.append(obj)
        code = label if label.isdigit() else TYPE_CODES.get(label)
        cands.append(
            Candidate(
                head=tok,
                trigger=[tok],
                code=code,
                actor_heads=agents,
                recipient_heads=recipients,
                confidence=prob,
                label=label,
                mode=mode,
            )
        )
    return cands


def _events(
    cand: Candidate,
    doc: Doc,
    article: Article,
    actors: ArticleActors,
    times: list[TimeExpression],
    quotes: list[Quote],
    model: EventModel,
    report_verbs: frozenset[str],
    home: str | None,
) -> list[Event]:
    """The events of one candidate: none when nobody takes part, two when reciprocal.

    Parties the resolver leaves without a country take one from where a protest, coercion
    or attack happened (CAMEO codes an unidentified doer by its location: "a roadside
    bombing near Samarra killed", "was arrested in Lebanon", "people blocked streets in
    Hong Kong"; a named person or a pronoun is no unidentified doer), else from
    ``home``, the only country the article names ("Judge Alejandro Rivera opened
    investigations against Chilean officials").
    """
    place = event_place(cand, model.gazetteer, actors)
    senders = _resolve(cand.actor_heads, actors) or _resolve(cand.actor_fallback, actors)
    conflict = cand.code is not None and int(cand.code[:2]) >= _CONFLICT_ROOT
    if conflict and not any(a.country or not a.sector for a in senders):
        origin = place or place_of(cand.actor_heads, model.gazetteer, actors)
        if origin is not None and origin.country:
            senders = _located(senders, origin.country) or [_place_actor(origin)]
    senders = _located(senders, home)
    receivers = [a for a in _resolve(cand.recipient_heads, actors) if not _same_in(a, senders)]
    if not any(a.country for a in receivers):
        fallback = _resolve(cand.recipient_fallback, actors)
        receivers += [a for a in fallback if not _same_in(a, senders)]
    receivers = _located(receivers, home)
    if any(a.country for a in receivers):
        # "sent troops to Mali": the uncoded "troops" is what is sent, not a recipient.
        receivers = [a for a in receivers if a.country]
    code = cand.code
    if code is not None and cand.negated and 3 <= int(code[:2]) <= 8:
        # Not doing something cooperative is coded as rejecting it ("would not agree" → 12x).
        code = recode("reject", code)
    elif code is not None and not cand.intent and cand.head in cand.trigger and future(cand):
        # PLOVER codes announced cooperation as AGREE and announced force as THREATEN.
        root = int(code[:2])
        if 3 <= root <= 8:
            code = recode("intent", code)
        elif root >= 14:
            code = recode("threaten", code)
    info = model.lookup(code) if code is not None else None
    if cand.label is not None and (info is None or info.plover != cand.label):
        etype, mode, context = cand.label, cand.mode, []
    elif info is not None and info.plover is not None:
        etype, mode, context = info.plover, info.mode, list(info.context)
    else:
        return []
    if cand.needs_recipient and not receivers:
        return []
    reciprocal = _reciprocal(cand, code, senders, receivers)
    if (
        place is not None
        and place.country
        and not reciprocal
        and not any(a.country for a in receivers)
    ):
        # CAMEO practice: with no target named, the place where it happened stands for it.
        receivers.append(_place_actor(place))
    home_countries = {a.country for a in senders if a.country}
    if etype == "PROTEST" and not receivers and not reciprocal and len(home_countries) == 1:
        # A protest that names no target is aimed at the protesters' own government.
        receivers.append(_government(senders[0], home_countries.pop(), actors))
    if not any(a.country or a.sector for a in [*senders, *receivers]):
        return []
    date, date_text, inferred = event_date(cand, doc, times, article.published)
    sent = cand.head.sent
    trigger = _trigger(cand.trigger, doc)
    confidence = (
        cand.confidence + (0.1 if senders and receivers else 0.0) - (0.15 if not senders else 0.0)
    )
    pairs = [(senders, receivers)]
    if reciprocal:
        group = senders + receivers
        pairs = [([a], [b]) for a, b in itertools.permutations(group, 2) if not _same(a, b)]
    return [
        Event(
            type=etype,
            mode=mode,
            context=context,
            actor=src,
            recipient=dst,
            date=date,
            date_text=date_text,
            place=place,
            negated=cand.negated,
            modality=modality(cand),
            trigger=trigger,
            sentence=SentenceSpan(sent.start_char, sent.end_char),
            cameo=code,
            goldstein=info.goldstein if info is not None else None,
            quad=info.quad if info is not None else None,
            confidence=round(max(0.05, min(confidence, 0.95)), 2),
            reported=reported(cand, quotes, report_verbs),
            date_inferred=inferred,
            mentions=[trigger],
        )
        for src, dst in pairs
    ]


def _place_actor(place: Place) -> Actor:
    return Actor(place.name, place.country, None, place.text, place.start, place.end)


def _government(protester: Actor, country: str, actors: ArticleActors) -> Actor:
    """The government of ``country``, with the protester's mention as its evidence."""
    known = actors.kb.countries.get(country) if actors.kb is not None else None
    name = f"Government of {known.name if known else country}"
    return Actor(name, country, "GOV", protester.text, protester.start, protester.end)


def _located(group: list[Actor], country: str | None) -> list[Actor]:
    """``group`` with ``country`` lent to the actors that have none."""
    if country is None:
        return group
    return [a if a.country else dataclasses.replace(a, country=country) for a in group]


def _reciprocal(
    cand: Candidate, code: str | None, senders: list[Actor], receivers: list[Actor]
) -> bool:
    if cand.reciprocal:
        return len(senders) + len(receivers) >= 2
    if receivers or len(senders) < 2 or code is None or code[:3] in _ONE_WAY:
        return False
    return int(code[:2]) in _RECIPROCAL_ROOTS


def _resolve(heads: list[Token], actors: ArticleActors) -> list[Actor]:
    """The coded actors the noun phrases of ``heads`` refer to, each once.

    A phrase that says where its head is from lends that country to an actor the resolver
    could not place ("demonstrators in Baghdad", "a court in Guyana").
    """
    out: list[Actor] = []
    for head in heads:
        found = actors.actors_in(np_span(head))
        if not any(a.country for a in found):
            wide = [a for a in actors.actors_in(np_span(head, wide=True)) if a not in found]
            countries = {a.country for a in wide if a.country}
            if found and len(countries) == 1:
                (country,) = countries
                found = [dataclasses.replace(a, country=country) for a in found]
            elif not found:
                found = wide
        for actor in found:
            if not _same_in(actor, out):
                out.append(actor)
    return out


def _key(a: Actor) -> tuple[str | None, ...]:
    return (a.country, a.sector) if a.country else (a.name.lower(),)


def _same(a: Actor, b: Actor) -> bool:
    return _key(a) == _key(b) and (a.name == b.name or a.start == b.start)


def _same_in(a: Actor, group: list[Actor]) -> bool:
    return any(_same(a, b) for b in group)


def _trigger(tokens: list[Token], doc: Doc) -> Span:
    """The evidence span: all trigger tokens when close together, else the predicate."""
    lo, hi = min(t.i for t in tokens), max(t.i for t in tokens)
    if hi - lo > _MAX_TRIGGER_GAP:
        lo = hi = tokens[0].i
    words = doc[lo : hi + 1]  # not doc.text, which spaCy rebuilds from every token
    return Span(words.text, words.start_char, words.end_char)


def _dedup(events: list[Event]) -> list[Event]:
    """One event per (type, code, participants, date, polarity, modality); mentions merged."""
    merged: dict[tuple[object, ...], Event] = {}
    for e in events:
        key = (
            e.type,
            (e.cameo or "")[:3],
            e.negated,
            e.modality,
            frozenset(_key(a) for a in e.actor),
            frozenset(_key(a) for a in e.recipient),
            e.date,
        )
        first = merged.get(key)
        if first is None:
            merged[key] = e
        elif e.trigger.start not in {m.start for m in first.mentions}:
            first.mentions.append(e.trigger)
            first.confidence = max(first.confidence, e.confidence)
    return list(merged.values())
