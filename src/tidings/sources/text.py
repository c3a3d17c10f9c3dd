"""Plain text and Markdown: one article per file, the first line as title when it is a headline;
and :func:`text_article` for text that arrives as a string.

A Markdown front matter block (``---`` YAML ``---``) gives metadata and is marked as
furniture; the text keeps it, as read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import yaml

from tidings.config import FieldMap, Settings
from tidings.records import Article, Span, content_hash
from tidings.sources.decoding import decode
from tidings.sources.fields import apply_metadata
from tidings.sources.furniture import find_furniture, is_furniture
from tidings.sources.inputs import Input

_MAX_TITLE_CHARS = 250
_MAX_TITLE_WORDS = 30
_MARKUP = re.compile(r"^#{1,6}\s+|^[*_]{1,3}|[*_]{1,3}$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?=\r?\n|\Z)", re.S)


def read_text(source: Input, settings: Settings) -> Iterator[Article]:
    """The whole input as one article."""
    text, warnings = decode(source.read_all(settings.max_record_bytes))
    article = Article(
        id=source.document_id(text), text=text, origin=source.origin, warnings=warnings
    )
    body = text
    if found := front_matter(text):
        meta, span = found
        article.furniture.append(span)
        if "published" not in meta and "date" in meta:  # the usual front-matter name
            meta = {**meta, "published": meta["date"]}
        apply_metadata(article, meta, FieldMap())
        body = text[span.end :]
    article.title = article.title or headline(body)
    yield article


def front_matter(text: str) -> tuple[dict[str, Any], Span] | None:
    """The metadata of a leading YAML front matter block, and the block's span."""
    m = _FRONT_MATTER.match(text)
    if m is None:
        return None
    try:
        meta = yaml.safe_load(m.group(1))
    except (yaml.YAMLError, RecursionError):  # not metadata after all: plain text
        return None
    if not isinstance(meta, dict):
        return None
    return meta, Span(m.group(0), 0, m.end())


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


def text_article(
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    published: dt.date | None = None,
    source: str | None = None,
    url: str | None = None,
    origin: str | None = None,
) -> Article:
    """An Article for text that arrives as a string (the Python API, a web post), with its
    furniture marked as every reader marks it and the readers' content-hash id by default."""
    return Article(
        id=id or content_hash(text)[:16],
        text=text,
        title=title,
        published=published,
        source=source,
        url=url,
        origin=origin,
        furniture=find_furniture(text),
    )
