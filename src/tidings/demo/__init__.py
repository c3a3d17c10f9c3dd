"""The bundled demo: 21 short articles on the 2018 Korean peninsula diplomacy, and ``tidings demo``.

The articles in ``corpus/korea-2018.jsonl`` were written by the tidings team in its own
words, after the public record. :func:`run_demo` runs the real pipeline over them into a
fresh database, then summarises it and writes the static HTML report.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

from tidings.config import Settings

CORPUS_NAME = "korea-2018.jsonl"
TOP_SHARED = 5


@contextlib.contextmanager
def corpus_path() -> Iterator[Path]:
    """The demo corpus as a file on disk (JSON Lines: id, title, source, published, url, text)."""
    with as_file(files(__name__).joinpath("corpus", CORPUS_NAME)) as path:
        yield path


def run_demo(settings: Settings, db_path: Path, report_path: Path) -> str:
    """Process the demo corpus into a fresh DuckDB at ``db_path`` and write the report.

    Any database already at ``db_path`` is deleted first. Returns a plain-text summary.
    """
    from tidings.analysis import canonical_event, events_page
    from tidings.interfaces.report import write_report
    from tidings.pipeline import run
    from tidings.store import open_store

    for stale in (db_path, db_path.with_name(db_path.name + ".wal")):
        stale.unlink(missing_ok=True)
    # One process: starting workers would cost more than parsing 21 short articles.
    settings = settings.replace(db=str(db_path), workers=1)
    started = time.monotonic()
    with corpus_path() as path:
        summary = run([str(path)], settings)
    seconds = time.monotonic() - started
    with open_store(str(db_path), read_only=True) as store:
        data = write_report(
            store, report_path, title="tidings demo: Korean peninsula diplomacy, 2018"
        )
        canonical = events_page(store, limit=data.canonical_events)["rows"]
        shared = sorted(
            (e for e in canonical if e["num_articles"] > 1),
            key=lambda e: (-e["num_articles"], e["day"] or "", e["id"]),
        )[:TOP_SHARED]
        shared_lines = [_shared(e, canonical_event(store, e["id"])) for e in shared]

    lines = [
        f"tidings demo: {data.articles} articles from {CORPUS_NAME} processed in {seconds:.1f} s "
        f"→ {db_path}",
    ]
    if summary.failed:
        lines.append(f"{summary.failed} article(s) failed (all are in the failures table):")
        lines += [
            f"  {f.article_id or f.origin}: [{f.stage}] {f.error}" for f in summary.failures[:3]
        ]
    lines += [
        f"{data.quotes} quotes, {data.event_mentions} event mentions, "
        f"{data.canonical_events} events after deduplication",
        "",
        "Events by PLOVER type (mentions / deduplicated):",
        *_table([(t.type, f"{t.mentions} / {t.canonical}") for t in data.types]),
        "",
        "Top dyads (actor → recipient country, deduplicated events):",
        *_table([(f"{d['source']} → {d['target']}", str(d["weight"])) for d in data.dyads]),
        "",
        "Events reported by several articles (deduplicated into one):",
        *(shared_lines or ["  (none)"]),
        "",
        "Most-quoted speakers (quotes, in how many articles):",
        *_table(
            [
                (_who(s["speaker"], s["title"], s["country"]), f"{s['quotes']} ({s['articles']})")
                for s in data.speakers
            ]
        ),
        "",
        f"Report: {report_path} (open it in a browser; it works offline)",
    ]
    return "\n".join(lines)


def _shared(event: dict[str, Any], detail: dict[str, Any] | None) -> str:
    triggers = sorted({m["trigger"] for m in detail["mentions"]}) if detail else []
    return (
        f"  {event['day'] or 'undated'}  {event['type']} "
        f"{event['actor_country'] or '?'} → {event['recipient_country'] or '?'}"
        f" ({' / '.join(triggers)}): {event['num_articles']} articles, "
        f"{event['num_sources']} outlets"
    )


def _who(name: str, title: str | None, country: str | None) -> str:
    details = ", ".join(x for x in (title, country) if x)
    return f"{name} ({details})" if details else name


def _table(rows: list[tuple[str, str]]) -> list[str]:
    if not rows:
        return ["  (none)"]
    width = max(len(label) for label, _ in rows)
    return [f"  {label:<{width}}  {value:>8}" for label, value in rows]
