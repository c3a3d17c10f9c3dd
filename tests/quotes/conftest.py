"""Helpers for the quote tests: parse a text we wrote and extract its quotes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tidings.records import Quote


@pytest.fixture(scope="session")
def quotes_of() -> Callable[[str], list[Quote]]:
    """Parse ``text`` with tidings' parser and return its quotes, as ``extract`` does."""
    from tidings.extract.actors import resolve_actors
    from tidings.extract.quotes import extract_quotes
    from tidings.knowledge import load_knowledge
    from tidings.nlp import parse
    from tidings.records import Article

    kb = load_knowledge(None)

    def run(text: str) -> list[Quote]:
        doc = parse(text)
        article = Article(id="test", text=text)
        return extract_quotes(doc, article, resolve_actors(doc, article, kb))

    return run
