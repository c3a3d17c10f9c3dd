"""Fixtures for the actor tests: one knowledge base and a resolver over real parses."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest

from tidings.extract.actors import ArticleActors, resolve_actors
from tidings.knowledge import KnowledgeBase, load_knowledge
from tidings.records import Article


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="session")
def resolve(kb: KnowledgeBase) -> Callable[[str, str | None], ArticleActors]:
    """Parse ``text`` and resolve its actors as of the date ``published`` (ISO)."""
    from tidings.nlp import parse

    def run(text: str, published: str | None = None) -> ArticleActors:
        date = dt.date.fromisoformat(published) if published else None
        return resolve_actors(parse(text), Article("t", text, published=date), kb)

    return run


def span_of(actors: ArticleActors, text: str, nth: int = 0):
    """The token span of the ``nth`` whole-word occurrence of ``text`` in the article."""
    assert actors.doc is not None
    hits = list(re.finditer(rf"(?<!\w){re.escape(text)}(?!\w)", actors.doc.text))
    at = hits[nth].start()
    span = actors.doc.char_span(at, at + len(text), alignment_mode="expand")
    assert span is not None
    return span


def code(actors: ArticleActors, text: str, nth: int = 0) -> tuple[str | None, str | None]:
    """(country, sector) of the first actor the mention ``text`` refers to."""
    found = actors.actors_in(span_of(actors, text, nth))
    assert found, f"no actor for {text!r}"
    return found[0].country, found[0].sector
