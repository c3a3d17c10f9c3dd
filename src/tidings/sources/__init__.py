"""Readers: files, directories, gzip and stdin turned into :class:`~tidings.records.Article`.

:func:`read_sources` yields an Article for every readable record and a
:class:`~tidings.records.Failure` for every unreadable one; it never raises on bad input.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from tidings.config import Settings
from tidings.records import Article, Failure, content_hash


def read_sources(paths: Iterable[str], settings: Settings) -> Iterator[Article | Failure]:
    """Articles from every path ("-" is stdin), in order."""
    for path in paths:
        try:
            if path == "-":
                yield _text_article(sys.stdin.read(), "<stdin>", settings)
            elif path.endswith((".jsonl", ".jsonl.gz")):
                yield from _jsonl(Path(path), settings)
            else:
                yield _text_article(Path(path).read_text(encoding="utf-8"), path, settings)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            yield Failure(origin=path, stage="read", error=f"{type(exc).__name__}: {exc}")


def _text_article(text: str, origin: str, settings: Settings) -> Article:
    title = text.strip().split("\n", 1)[0][:300] or None
    return Article(
        id=content_hash(text)[:16],
        text=text,
        title=title,
        published=settings.published,
        origin=origin,
    )


def _jsonl(path: Path, settings: Settings) -> Iterator[Article | Failure]:
    f = settings.fields
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            origin = f"{path}:{n}"
            try:
                rec = json.loads(line)
                text = rec[f.text]
                import datetime as dt

                pub = rec.get(f.published)
                yield Article(
                    id=str(rec.get(f.id) or content_hash(text)[:16]),
                    text=text,
                    title=rec.get(f.title),
                    published=dt.date.fromisoformat(pub[:10]) if pub else settings.published,
                    source=rec.get(f.source),
                    url=rec.get(f.url),
                    origin=origin,
                )
            except (ValueError, KeyError, TypeError) as exc:
                yield Failure(origin=origin, stage="read", error=f"{type(exc).__name__}: {exc}")
