"""JSON Lines (one article object per line, streamed) and ``.json`` files (an object or a list)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from tidings.config import Settings
from tidings.records import Article, Failure
from tidings.sources.decoding import decode
from tidings.sources.fields import article_from_record
from tidings.sources.inputs import Input, ReadError
from tidings.sources.lines import Lines


def read_jsonl(source: Input, settings: Settings) -> Iterator[Article | Failure]:
    """One article per non-blank line; a bad line is a Failure and reading goes on."""
    lines = Lines(source, settings.max_record_bytes)
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return
        except ReadError as exc:
            lines.take_warnings()
            yield Failure(f"{source.origin}:{lines.number}", "read", str(exc))
            continue
        warnings = lines.take_warnings()
        if line.strip():
            origin = f"{source.origin}:{lines.number}"
            yield _warned(_line_article(line, origin, settings), warnings)


def read_json(source: Input, settings: Settings) -> Iterator[Article | Failure]:
    """A ``.json`` file: one object, a list of objects, or JSON Lines after all."""
    text, warnings = decode(source.read_all(settings.max_record_bytes))
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg != "Extra data":
            raise ReadError(f"invalid JSON: {exc}") from None
        # Several values one after another: JSON Lines with a .json name. Split on "\n"
        # only: JSON strings may hold U+2028, which str.splitlines would cut at.
        for n, line in enumerate(text.split("\n"), 1):
            if line.strip():
                yield _warned(_line_article(line, f"{source.origin}:{n}", settings), warnings)
        return
    if not isinstance(value, list):
        yield _warned(_record_article(value, source.origin, settings), warnings)
        return
    for i, item in enumerate(value):
        yield _warned(_record_article(item, f"{source.origin}[{i}]", settings), warnings)


def _warned(result: Article | Failure, warnings: list[str]) -> Article | Failure:
    if isinstance(result, Article):
        result.warnings.extend(warnings)
    return result


def _line_article(line: str, origin: str, settings: Settings) -> Article | Failure:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return Failure(origin, "read", f"invalid JSON: {exc}")
    except RecursionError:
        return Failure(origin, "read", "invalid JSON: nested too deeply")
    return _record_article(value, origin, settings)


def _record_article(value: Any, origin: str, settings: Settings) -> Article | Failure:
    if not isinstance(value, dict):
        return Failure(origin, "read", f"a JSON {_json_type(value)}, not an object with the text")
    try:
        return article_from_record(value, settings.fields, origin)
    except ReadError as exc:
        return Failure(origin, "read", str(exc), _record_id(value, settings))


def _record_id(value: dict[str, Any], settings: Settings) -> str | None:
    record_id = value.get(settings.fields.id)
    return str(record_id) if isinstance(record_id, str | int) else None


def _json_type(value: Any) -> str:
    names = {list: "list", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def count_lines(source: Input) -> int:
    """Lines, counted on bytes without decoding: an estimate of the records (blank lines count)."""
    count = 0
    last = b"\n"
    while chunk := source.stream.read(1 << 20):
        count += chunk.count(b"\n")
        last = chunk[-1:]
    return count + (last != b"\n")
