"""Choosing the reader for each input, and what holds for every article that leaves here."""

from __future__ import annotations

import gzip
import json
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tidings.config import FieldMap, Settings
from tidings.records import Article, Failure
from tidings.sources.csvfile import count_rows, read_csv
from tidings.sources.decoding import bom_encoding, check_text
from tidings.sources.fields import apply_metadata
from tidings.sources.furniture import find_furniture
from tidings.sources.html import read_html
from tidings.sources.inputs import (
    FORMATS_BY_SUFFIX,
    SIDECAR_SUFFIX,
    STDIN,
    STDIN_ORIGIN,
    Input,
    ReadError,
    expand,
    open_input,
)
from tidings.sources.jsonl import count_lines, read_json, read_jsonl
from tidings.sources.text import read_text

Reader = Callable[[Input, Settings], Iterator[Article | Failure]]
READERS: dict[str, Reader] = {
    "text": read_text,
    "html": read_html,
    "json": read_json,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "tsv": read_csv,
}
_SNIFF_CHARS = 4096
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|!--|(?:html|head|body|meta|title|article|main|section|div|p|h[1-6])\b)",
    re.I,
)


def read_sources(
    paths: Iterable[str | os.PathLike[str]], settings: Settings
) -> Iterator[Article | Failure]:
    """Articles from every path, in order: files, directories (recursive, sorted) and "-" (stdin).

    Never raises on bad input: an unreadable file or record becomes a :class:`Failure`
    (stage ``read``) and reading goes on with the next record or file.
    """
    for path in (os.fspath(p) for p in paths):
        found = False
        for file in expand(path):
            found = True
            yield from _read_file(file, settings)
        if not found:
            yield Failure(path, "read", "the folder holds no files in a readable format")


def count_records(
    paths: Iterable[str | os.PathLike[str]], settings: Settings | None = None
) -> int | None:
    """About how many articles :func:`read_sources` will yield, for a progress ETA.

    Counts lines (JSON Lines) and rows (CSV) without parsing articles; None for stdin.
    """
    settings = settings or Settings()
    total = 0
    for path in (os.fspath(p) for p in paths):
        if path == STDIN:
            return None
        for file in expand(path):
            try:
                with open_input(file) as source:
                    fmt = sniff_format(source)
                    if fmt == "jsonl":
                        total += count_lines(source)
                    elif fmt in ("csv", "tsv"):
                        total += count_rows(source, settings)
                    else:
                        total += 1
            except Exception:  # an unreadable file still yields one Failure
                total += 1
    return total


def sniff_format(source: Input) -> str:
    """The input's format from its name, checked against (or else taken from) its content."""
    by_suffix = FORMATS_BY_SUFFIX.get(source.suffix)
    start = source.head[:_SNIFF_CHARS].decode(bom_encoding(source.head) or "utf-8", "replace")
    start = start.lstrip("\ufeff \t\r\n")
    if by_suffix in (None, "text") and _HTML_START.match(start):
        return "html"  # also a page saved as .txt
    if by_suffix:
        return by_suffix
    if start.startswith("{"):
        return "jsonl"
    if start.startswith("["):
        return "json"
    return "text"


def _read_file(path: str, settings: Settings) -> Iterator[Article | Failure]:
    origin = STDIN_ORIGIN if path == STDIN else path
    records = 0
    try:
        with open_input(path) as source:
            check_text(source.head)
            fmt = sniff_format(source)
            for item in READERS[fmt](source, settings):
                if isinstance(item, Article):
                    if fmt in ("text", "html") and path != STDIN:
                        _apply_sidecar(item, path, source.name)
                    item = _finish(item, settings)
                records += 1
                yield item
    except Exception as exc:  # bad input of any kind must not stop the run
        after = f" (after {records:,} records)" if records else ""
        yield Failure(origin, "read", _describe(exc) + after)


def _finish(article: Article, settings: Settings) -> Article | Failure:
    """Every article leaves with text, a date when one is known, and its furniture marked."""
    if not article.text.strip():
        origin = article.origin or article.id
        return Failure(origin, "read", "no text (empty or only whitespace)", article.id)
    if article.published is None:
        article.published = settings.published
    marked = [*article.furniture, *find_furniture(article.text)]  # readers may mark some
    article.furniture = sorted(marked, key=lambda span: span.start)
    return article


def _apply_sidecar(article: Article, path: str, name: str) -> None:
    """Metadata from ``<stem>.meta.json`` beside the file (default field names)."""
    sidecar = Path(path).with_name(Path(name).stem + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        article.warnings.append(f"unreadable metadata file {sidecar.name}: {exc}")
        return
    if not isinstance(meta, dict):
        article.warnings.append(f"metadata file {sidecar.name} is not a JSON object")
        return
    if isinstance(meta.get("id"), str | int):
        article.id = str(meta["id"])
    apply_metadata(article, meta, FieldMap())


def _describe(exc: Exception) -> str:
    if isinstance(exc, ReadError):
        return str(exc)
    if isinstance(exc, EOFError):
        return "compressed data ends early: the file is truncated"
    if isinstance(exc, gzip.BadGzipFile | zlib.error):
        return f"corrupt gzip data: {exc}"
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, OSError):
        return f"cannot read: {exc.strerror or exc}"
    if isinstance(exc, RecursionError):
        return "nested too deeply to read"
    if isinstance(exc, MemoryError):
        return "too large to hold in memory"
    return f"{type(exc).__name__}: {exc}"
