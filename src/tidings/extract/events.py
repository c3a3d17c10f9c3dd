"""PLOVER events per clause with CAMEO codes, Goldstein scores and quad classes."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from tidings.extract.actors import ArticleActors
from tidings.knowledge import KnowledgeBase
from tidings.records import Article, Event, Quote, SentenceSpan, Span, TimeExpression


@dataclass(slots=True)
class EventModel:
    """Verb lemmas mapped to (PLOVER type, mode, CAMEO code, Goldstein, quad class)."""

    verbs: dict[str, tuple[str, str | None, str, float, int]] = field(default_factory=dict)


def load_event_model(path: str | None = None) -> EventModel:
    """The shipped event model, or one trained with ``tidings train events``."""
    return EventModel(
        verbs={
            "meet": ("CONSULT", "visit", "040", 1.0, 1),
            "agree": ("AGREE", None, "030", 4.0, 1),
            "cancel": ("REJECT", None, "120", -4.0, 3),
            "threaten": ("THREATEN", None, "130", -4.4, 3),
            "accuse": ("ACCUSE", None, "112", -2.0, 3),
            "sanction": ("SANCTION", None, "163", -8.0, 4),
            "attack": ("ASSAULT", None, "190", -10.0, 4),
        }
    )


def extract_events(
    doc: Doc,
    article: Article,
    actors: ArticleActors,
    times: list[TimeExpression],
    quotes: list[Quote],
    kb: KnowledgeBase,
    model: EventModel,
) -> list[Event]:
    """Events whose predicate verb is in the model, with subject and object actors."""
    events = []
    date = article.published.isoformat() if article.published else None
    for tok in doc:
        entry = model.verbs.get(tok.lemma_) if tok.pos_ == "VERB" else None
        if entry is None:
            continue
        etype, mode, cameo, goldstein, quad = entry
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        obj = [c for c in tok.children if c.dep_ in ("dobj", "pobj")]
        actor = [a for s in subj for a in actors.actors_in(doc[s.left_edge.i : s.right_edge.i + 1])]
        recipient = [a for o in obj for a in actors.actors_in(doc[o.left_edge.i : o.right_edge.i + 1])]
        events.append(
            Event(
                type=etype,
                mode=mode,
                context=[],
                actor=actor,
                recipient=recipient,
                date=date,
                date_text=None,
                place=None,
                negated=any(c.dep_ == "neg" for c in tok.children),
                modality="asserted",
                trigger=Span(tok.text, tok.idx, tok.idx + len(tok.text)),
                sentence=SentenceSpan(tok.sent.start_char, tok.sent.end_char),
                cameo=cameo,
                goldstein=goldstein,
                quad=quad,
                confidence=0.5,
                date_inferred=True,
            )
        )
    return events
