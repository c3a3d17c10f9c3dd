"""Actor resolution: every entity mention coded to a country and sector."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from tidings.knowledge import KnowledgeBase
from tidings.records import Actor, Article, Entity

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


@dataclass(slots=True)
class ArticleActors:
    """The coded mentions of one article, and look-ups the other extractors use."""

    entities: list[Entity]

    def actors_in(self, span: Span) -> list[Actor]:
        """Coded actors mentioned inside ``span`` (a token span of the same doc)."""
        return [
            e.actor
            for e in self.entities
            if e.actor is not None and span.start_char <= e.start and e.end <= span.end_char
        ]

    def name_of(self, span: Span) -> str:
        """The full name a mention refers to (the mention itself when nothing better is known)."""
        return span.text


def resolve_actors(doc: Doc, article: Article, kb: KnowledgeBase) -> ArticleActors:
    """Code the named entities of ``doc`` against ``kb`` as of the publication date."""
    entities = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        code = kb.lookup(ent.text, article.published)
        actor = (
            Actor(code.name, code.country, code.sector, ent.text, ent.start_char, ent.end_char)
            if code
            else None
        )
        entities.append(Entity(ent.text, ent.start_char, ent.end_char, ent.label_, actor))
    return ArticleActors(entities)
