"""HTML pages: the main text, title, date, author and site name, extracted by trafilatura.

trafilatura's output is the article text "as read"; every offset indexes it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator

from tidings.config import Settings
from tidings.limits import ArticleTimeout, time_limit
from tidings.records import Article
from tidings.sources.dates import parse_date
from tidings.sources.decoding import decode
from tidings.sources.inputs import Input, ReadError

_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_CHARSET_WINDOW = 4096
# Only dates the page's markup states; guessing from the body text finds event dates.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}

# trafilatura and htmldate log each page they cannot use; a Failure records that instead.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def read_html(source: Input, settings: Settings) -> Iterator[Article]:
    """The page as one article."""
    data = source.read_all(settings.max_record_bytes)
    declared = _META_CHARSET.search(data[:_CHARSET_WINDOW])
    html, warnings = decode(data, declared.group(1).decode("ascii") if declared else None)
    try:
        with time_limit(settings.article_timeout):
            article = page_article(html, source.document_id, source.origin, warnings)
    except ArticleTimeout as exc:
        raise ReadError(f"the HTML reader {exc}") from None
    yield article


def page_article(
    html: str, make_id: Callable[[str], str], origin: str, warnings: list[str] | None = None
) -> Article:
    """An Article from the markup of one page; raises :class:`ReadError` if it has no text."""
    # trafilatura is slow to import, and only HTML needs it.
    from trafilatura import bare_extraction
    from trafilatura.settings import Document

    doc = bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if not isinstance(doc, Document) or not doc.text or not doc.text.strip():
        raise ReadError("no article text in the HTML (an empty, broken or too deeply nested page)")
    text = doc.text
    return Article(
        id=make_id(text),
        text=text,
        title=doc.title or None,
        published=parse_date(doc.date) if doc.date else None,
        source=doc.sitename or doc.hostname or None,
        url=doc.url or None,
        author=doc.author or None,
        origin=origin,
        warnings=list(warnings or []),
    )
