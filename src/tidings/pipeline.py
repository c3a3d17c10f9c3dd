"""The main job: sources → nlp → extract → store, in-process or over a pool of workers.

This is the library surface the CLI, the web app and Dask workers share:
:func:`analyse` for one text, :func:`extract_stream` for many articles, :func:`run` to
store a corpus.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import datetime as dt
import itertools
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from tidings.config import Settings
from tidings.extract import extract
from tidings.limits import ArticleTimeout, time_limit
from tidings.nlp import parse_many
from tidings.records import Article, Extraction, Failure
from tidings.resources import Resources, load_resources
from tidings.sources import read_sources, text_article
from tidings.store import Store, open_store

Result = Extraction | Failure


def analyse(
    text: str,
    *,
    title: str | None = None,
    published: dt.date | str | None = None,
    source: str | None = None,
    url: str | None = None,
    id: str | None = None,
    settings: Settings | None = None,
) -> Extraction:
    """Extract quotes, events, times and entities from one article text."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    article = text_article(text, id=id, title=title, published=published, source=source, url=url)
    result = extract_batch([article], settings or Settings())[0]
    if isinstance(result, Failure):
        raise ValueError(result.error)
    return result


def extract_batch(articles: list[Article], settings: Settings) -> list[Result]:
    """Parse and extract a batch in this process; a failing article becomes a Failure.

    The batch is parsed together (faster); if that fails or overruns its time limit, each
    article is retried alone under its own limit, so one bad article costs only itself.
    """
    res = load_resources(settings)
    results: list[Result] = []
    ok: list[Article] = []
    for a in articles:
        refusal = _refuse(a, settings)
        if refusal:
            results.append(refusal)
        else:
            ok.append(a)
    try:
        with time_limit(settings.article_timeout * len(ok)):
            results.extend(_extract_all(ok, res, settings))
    except (Exception, ArticleTimeout):
        for article in ok:
            try:
                with time_limit(settings.article_timeout):
                    results.extend(_extract_all([article], res, settings))
            except (Exception, ArticleTimeout) as exc:
                stage = "timeout" if isinstance(exc, ArticleTimeout) else "parse"
                results.append(_failure(article, stage, exc))
    return results


def _refuse(article: Article, settings: Settings) -> Failure | None:
    if len(article.text) > settings.max_article_chars:
        return Failure(
            article.origin or article.id,
            "limit",
            f"article has {len(article.text):,} characters, over the limit of "
            f"{settings.max_article_chars:,} (max_article_chars)",
            article.id,
        )
    if not article.text.strip():
        return Failure(article.origin or article.id, "read", "empty article text", article.id)
    return None


def _extract_all(articles: list[Article], res: Resources, settings: Settings) -> list[Result]:
    results: list[Result] = []
    docs = parse_many((a.text for a in articles), batch_size=settings.batch_size)
    for article, doc in zip(articles, docs, strict=True):
        try:
            results.append(extract(doc, article, res.kb, res.event_model))
        except Exception as exc:  # one bad article must not stop the run
            results.append(_failure(article, "extract", exc))
    return results


def _failure(article: Article, stage: str, exc: BaseException) -> Failure:
    return Failure(article.origin or article.id, stage, f"{type(exc).__name__}: {exc}", article.id)


def extract_stream(
    items: Iterable[Article | Failure],
    settings: Settings,
    pool: cf.ProcessPoolExecutor | None = None,
) -> Iterator[Result]:
    """Extract every article, batched, on the configured engine; failures pass through.

    Input is consumed lazily and at most a few batches per worker are in flight, so memory
    stays flat whatever the corpus size. A ``pool`` from :func:`process_pool` whose workers
    have already started is used as it is (and left open), saving their start-up.
    """
    batches = _batches(items, settings.batch_size)
    if settings.engine == "dask":
        from tidings.distributed import dask_stream

        yield from dask_stream(batches, settings)
        return
    if settings.engine != "local":
        raise ValueError(f"unknown engine {settings.engine!r}: use 'local' or 'dask'")
    if settings.workers <= 1 and pool is None:
        for failures, articles in batches:
            yield from failures
            if articles:
                yield from extract_batch(articles, settings)
        return
    with contextlib.nullcontext(pool) if pool else process_pool(settings, settings.workers) as pool:
        pending: set[cf.Future[list[Result]]] = set()
        for failures, articles in batches:
            yield from failures
            if articles:
                pending.add(pool.submit(extract_batch, articles, settings))
            if len(pending) >= 2 * settings.workers:
                done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                for fut in done:
                    yield from fut.result()
        for fut in cf.as_completed(pending):
            yield from fut.result()


def process_pool(settings: Settings, workers: int) -> cf.ProcessPoolExecutor:
    """``workers`` processes started from a forkserver, each loading the resources once."""
    ctx = multiprocessing.get_context("forkserver")
    # The server imports tidings and spaCy once (seconds), and each worker forks from it, so
    # a worker's start-up is only its own resources. No effect once the server is running.
    ctx.set_forkserver_preload(["__main__", "tidings.pipeline"])
    return cf.ProcessPoolExecutor(
        workers,
        mp_context=ctx,
        initializer=load_resources,
        initargs=(settings,),
    )


def _batches(
    items: Iterable[Article | Failure], size: int
) -> Iterator[tuple[list[Failure], list[Article]]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield (
            [x for x in chunk if isinstance(x, Failure)],
            [x for x in chunk if isinstance(x, Article)],
        )


@dataclass(slots=True)
class RunSummary:
    """What a run did."""

    read: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)


def run(
    paths: Iterable[str],
    settings: Settings,
    progress: Callable[[RunSummary], None] | None = None,
    pool: cf.ProcessPoolExecutor | None = None,
) -> RunSummary:
    """Read ``paths``, extract every article not stored yet, and store results in batches.

    ``pool``: workers to extract with, as for :func:`extract_stream`.
    """
    summary = RunSummary()
    store = open_store(settings.db)
    try:

        def unseen() -> Iterator[Article | Failure]:
            for chunk in _batches(read_sources(paths, settings), settings.batch_size * 4):
                failures, articles = chunk
                known = store.known([a.content_hash for a in articles]) if articles else set()
                summary.read += len(articles)
                summary.skipped += sum(a.content_hash in known for a in articles)
                yield from failures
                yield from (a for a in articles if a.content_hash not in known)

        batch: list[Result] = []
        for result in extract_stream(unseen(), settings, pool):
            batch.append(result)
            if len(batch) >= settings.batch_size:
                _flush(store, batch, summary)
                if progress:
                    progress(summary)
        _flush(store, batch, summary)
        if progress:
            progress(summary)
    finally:
        store.close()
    return summary


def _flush(store: Store, batch: list[Result], summary: RunSummary) -> None:
    extractions = [r for r in batch if isinstance(r, Extraction)]
    failures = [r for r in batch if isinstance(r, Failure)]
    store.write(extractions, failures)
    summary.stored += len(extractions)
    summary.failed += len(failures)
    summary.failures.extend(failures)
    batch.clear()
