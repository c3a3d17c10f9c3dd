"""Extractors: pure functions of a parsed document plus knowledge.

:func:`extract` runs them in dependency order — times, actors, quotes, events — over one
shared spaCy ``Doc`` and returns the article's :class:`~tidings.records.Extraction`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from tidings.extract.actors import resolve_actors
from tidings.extract.events import EventModel, extract_events
from tidings.extract.quotes import extract_quotes
from tidings.extract.times import extract_times
from tidings.knowledge import KnowledgeBase
from tidings.records import Article, Extraction

NO_DATE_WARNING = "no publication date: relative dates left unresolved"


def extract(doc: Doc, article: Article, kb: KnowledgeBase, event_model: EventModel) -> Extraction:
    """Find times, actors, quotes and events in ``doc``, the parse of ``article.text``."""
    if doc.text != article.text:
        raise ValueError("the parsed document is not the article text")
    warnings = [] if article.published else [NO_DATE_WARNING]
    times = extract_times(doc, article.published)
    actors = resolve_actors(doc, article, kb)
    quotes = extract_quotes(doc, article, actors)
    events = extract_events(doc, article, actors, times, quotes, kb, event_model)
    return Extraction(
        article=article,
        quotes=quotes,
        events=events,
        times=times,
        entities=actors.entities,
        warnings=warnings,
    )
