"""Heavy resources — the parser, the knowledge base, the event classifier — loaded once.

Workers call :func:`load_resources` once and reuse the result for every article.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.language import Language

from tidings.config import Settings
from tidings.extract.events import EventModel, load_event_model
from tidings.knowledge import KnowledgeBase, load_knowledge
from tidings.nlp import load_nlp


@dataclass(frozen=True, slots=True)
class Resources:
    """What the extractors need besides the parsed document."""

    nlp: Language
    kb: KnowledgeBase
    event_model: EventModel


@functools.cache
def _load(event_model: str | None, actor_overrides: str | None) -> Resources:
    return Resources(
        nlp=load_nlp(),
        kb=load_knowledge(actor_overrides),
        event_model=load_event_model(event_model),
    )


def load_resources(settings: Settings) -> Resources:
    """Load (or reuse) the resources that ``settings`` asks for."""
    return _load(settings.event_model, settings.actor_overrides)
