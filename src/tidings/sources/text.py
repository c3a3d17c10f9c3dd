"""Plain text and Markdown: one article per file, the first line as title when it is a headline."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tidings.config import Settings
from tidings.records import Article
from tidings.sources.decoding import decode
from tidings.sources.furniture import is_furniture
from tidings.sources.inputs import Input

_MAX_TITLE_CHARS = 250
_MAX_TITLE_WORDS = 30
_MARKUP = re.compile(r"^#{1,6}\s+|^[*_]{1,3}|[*_]{1,3}$")


def read_text(source: Input, settings: Settings) -> Iterator[Article]:
    """The whole input as one article."""
    text, warnings = decode(source.read_all(settings.max_record_bytes))
    yield Article(
        id=source.document_id(text),
        text=text,
        title=headline(text),
        origin=source.origin,
        warnings=warnings,
    )


def headline(text: str) -> str | None:
    """The first line when it reads as a headline: short, not a sentence, followed by more text.

    Markdown heading marks and emphasis are left out of the title (the text keeps them).
    """
    first, _, rest = text.strip().partition("\n")
    title = _MARKUP.sub("", first.strip()).strip()
    if (
        not title
        or not rest.strip()
        or len(title) > _MAX_TITLE_CHARS
        or len(title.split()) > _MAX_TITLE_WORDS
        or title.endswith((".", ",", ";", ":"))
        or is_furniture(title)
    ):
        return None
    return title
