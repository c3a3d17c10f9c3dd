"""REST API under ``/api``: analyse and ingest articles, and query the stored event data."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response, status
from fastapi.responses import FileResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.background import BackgroundTask

from tidings.analysis import (
    Filters,
    actor_network,
    article_view,
    canonical_event,
    dyad_series,
    escalation_alerts,
    events_page,
    export,
    failures,
    list_articles,
    search_quotes,
    summary,
    top_actors,
    top_speakers,
)
from tidings.interfaces.web.limits import require_token
from tidings.records import Article, Failure
from tidings.sources import text_article

router = APIRouter(prefix="/api")

T = TypeVar("T")
Quad = Annotated[int, Field(ge=1, le=4)]


class ArticleIn(BaseModel):
    """An article posted for analysis or ingestion."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The article text; every offset in the result indexes it.")
    title: str | None = Field(None, max_length=2000)
    published: dt.date | None = Field(None, description="Publication date, YYYY-MM-DD.")
    source: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=4000)
    id: str | None = Field(None, max_length=200, description="Default: hash of the text.")

    @field_validator("text")
    @classmethod
    def _not_blank(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("text is empty")
        return text

    def to_article(self, default_published: dt.date | None) -> Article:
        return text_article(
            self.text,
            id=self.id,
            title=self.title,
            published=self.published or default_published,
            source=self.source,
            url=self.url,
            origin="api",
        )


class IngestIn(BaseModel):
    """A batch of articles to extract and store."""

    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(min_length=1, max_length=10_000)


def _check_length(request: Request, article: ArticleIn) -> None:
    limit = request.app.state.settings.max_article_chars
    if len(article.text) > limit:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            f"article has {len(article.text):,} characters, over the limit of {limit:,}",
        )


@router.post("/analyse", tags=["articles"], summary="Analyse one article (nothing is stored)")
def analyse(body: ArticleIn, request: Request) -> dict[str, Any]:
    """Run the extraction on a posted article and return its output record.

    The result has the shape of one line of ``tidings extract``: the article fields beside
    its quotes, events, times and entities. Texts over ``max_article_chars`` get 413, texts
    that take longer than ``article_timeout`` 422.
    """
    _check_length(request, body)
    article = body.to_article(request.app.state.settings.published)
    [result] = request.app.state.workers.extract([article])
    if isinstance(result, Failure):
        # Input problems were refused above: over the time limit is this article's fault
        # (422), anything else the extractor's (500).
        code = (
            status.HTTP_422_UNPROCESSABLE_CONTENT
            if result.stage == "timeout"
            else status.HTTP_500_INTERNAL_SERVER_ERROR
        )
        raise HTTPException(code, result.error)
    return result.to_json()


@router.post(
    "/ingest",
    tags=["articles"],
    status_code=status.HTTP_202_ACCEPTED,
    dependencies=[Depends(require_token)],
    summary="Extract and store articles (the way to add data while the server runs)",
)
def ingest(body: IngestIn, request: Request, response: Response) -> dict[str, Any]:
    """Queue articles for extraction; they are written through the server's connection.

    Returns the job at once; poll ``GET /api/ingest/{job}`` for its progress. Articles
    already stored (same text) are skipped.
    """
    for article in body.articles:
        _check_length(request, article)
    settings = request.app.state.settings
    job = request.app.state.ingestor.submit(
        [a.to_article(settings.published) for a in body.articles]
    )
    response.headers["Location"] = f"/api/ingest/{job.id}"
    return job.to_json()


@router.get("/ingest/{job_id}", tags=["articles"], summary="Progress of an ingest job")
def ingest_status(job_id: str, request: Request) -> dict[str, Any]:
    return found(request.app.state.ingestor.jobs.get(job_id), f"ingest job {job_id!r}").to_json()


# ---- reading the stored data -----------------------------------------------------------

ACTOR_CODE = r"^[A-Za-z]{0,3}:?[A-Za-z]{0,3}$"
Page = Annotated[int, Query(ge=1, le=500, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def event_filters(
    actor: Annotated[
        str | None, Query(pattern=ACTOR_CODE, description="ISO3 country[:sector]: USA, USA:GOV")
    ] = None,
    recipient: Annotated[
        str | None, Query(pattern=ACTOR_CODE, description="Recipient, like actor")
    ] = None,
    country: Annotated[
        str | None, Query(min_length=3, max_length=3, description="Either side (ISO3)")
    ] = None,
    type: Annotated[
        list[str] | None, Query(max_length=20, description="PLOVER event type(s)")
    ] = None,
    quad: Annotated[list[Quad] | None, Query(description="Quad class(es) 1–4")] = None,
    start: Annotated[dt.date | None, Query(description="First event day")] = None,
    end: Annotated[dt.date | None, Query(description="Last event day")] = None,
    source: Annotated[str | None, Query(max_length=500, description="Reporting outlet")] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Text in evidence, trigger or actor names")
    ] = None,
    dedup: Annotated[
        bool, Query(description="One row per real-world event (true) or per mention (false)")
    ] = True,
) -> Filters:
    """The event filters every event endpoint and page takes from the query string."""
    return Filters(
        start=start,
        end=end,
        actor=actor or None,
        recipient=recipient or None,
        country=country,
        types=type or None,
        quads=list(quad) if quad else None,
        source=source,
        dedup=dedup,
        text=q or None,
    )


EventFilters = Annotated[Filters, Depends(event_filters)]


def found(value: T | None, what: str) -> T:
    """``value``, or a 404 naming ``what`` when there is none."""
    if value is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no {what}")
    return value


def paged(page: dict[str, Any], limit: int, offset: int) -> dict[str, Any]:
    """A page of rows as the API returns it: ``{"total", "limit", "offset", "rows"}``."""
    return {"total": page["total"], "limit": limit, "offset": offset, "rows": page["rows"]}


def read(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run an analysis function against the server's database."""
    return request.app.state.db.run(fn, *args, **kwargs)


@router.get("/summary", tags=["data"], summary="Counts per table and the range of event days")
def get_summary(request: Request) -> dict[str, Any]:
    return read(request, summary)


@router.get("/events", tags=["data"], summary="Events, newest first, filtered and paginated")
def list_events(
    request: Request, filters: EventFilters, limit: Page = 50, offset: Offset = 0
) -> dict[str, Any]:
    """Canonical events (``dedup=true``) or mentions with their trigger and evidence sentence.

    Returns ``{"total", "limit", "offset", "rows"}``.
    """
    page = read(request, events_page, filters=filters, limit=limit, offset=offset)
    return paged(page, limit, offset)


@router.get("/events/{event_id}", tags=["data"], summary="One event with all its mentions")
def get_event(event_id: str, request: Request) -> dict[str, Any]:
    """A canonical event and every article sentence that reports it."""
    return found(read(request, canonical_event, event_id), f"event {event_id!r}")


@router.get("/dyads", tags=["data"], summary="Top dyads: directed actor → recipient pairs")
def list_dyads(
    request: Request,
    filters: EventFilters,
    by_sector: bool = False,
    min_weight: Annotated[int, Query(ge=1)] = 1,
    limit: Page = 50,
) -> dict[str, Any]:
    """The network of coded actors: nodes and weighted edges, heaviest first."""
    return read(
        request,
        actor_network,
        filters=filters,
        by_sector=by_sector,
        min_weight=min_weight,
        limit=limit,
    )


@router.get("/dyads/series", tags=["data"], summary="A dyad's events over time")
def get_dyad_series(
    request: Request,
    filters: EventFilters,
    interval: Literal["day", "week", "month"] = "week",
) -> list[dict[str, Any]]:
    """Counts per quad class and PLOVER type, Goldstein sum and mean, per period.

    Give ``actor`` and/or ``recipient``; with neither, the series covers all events.
    """
    return read(request, dyad_series, interval=interval, filters=filters)


@router.get("/actors", tags=["data"], summary="Actors in the most events")
def list_actors(
    request: Request,
    filters: EventFilters,
    by: Literal["actor", "country", "name"] = "actor",
    limit: Page = 50,
) -> list[dict[str, Any]]:
    return read(request, top_actors, filters=filters, by=by, limit=limit)


@router.get("/speakers", tags=["quotes"], summary="The most-quoted speakers")
def list_speakers(
    request: Request,
    start: dt.date | None = None,
    end: dt.date | None = None,
    source: Annotated[str | None, Query(max_length=500)] = None,
    limit: Page = 50,
) -> list[dict[str, Any]]:
    return read(request, top_speakers, start=start, end=end, source=source, limit=limit)


@router.get("/quotes", tags=["quotes"], summary="Quotes by speaker and text, paginated")
def list_quotes(
    request: Request,
    speaker: Annotated[str | None, Query(max_length=300, description="Exact name")] = None,
    country: Annotated[str | None, Query(min_length=3, max_length=3)] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text in quote or name")] = None,
    limit: Page = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Returns ``{"total", "limit", "offset", "rows"}``, newest articles first."""
    page = read(
        request, search_quotes, speaker=speaker, country=country, text=q, limit=limit, offset=offset
    )
    return paged(page, limit, offset)


@router.get("/articles", tags=["articles"], summary="Stored articles, newest first")
def get_articles(
    request: Request,
    q: Annotated[str | None, Query(max_length=200, description="Text in title or body")] = None,
    source: Annotated[str | None, Query(max_length=500)] = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    limit: Page = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    page = read(
        request,
        list_articles,
        search=q,
        source=source,
        start=start,
        end=end,
        limit=limit,
        offset=offset,
    )
    return paged(page, limit, offset)


@router.get("/articles/{key}", tags=["articles"], summary="One article with all its spans")
def get_article(key: str, request: Request) -> dict[str, Any]:
    """The stored output record of an article (by id, content hash or an 8+ hex prefix),
    with each event's canonical id and ``spans`` for highlighting."""
    return found(read(request, article_view, key), f"article {key!r}")


@router.get("/alerts", tags=["data"], summary="Escalation alerts")
def get_alerts(
    request: Request,
    filters: EventFilters,
    as_of: dt.date | None = None,
    window_days: Annotated[int, Query(ge=1, le=3650)] = 7,
    baseline_days: Annotated[int, Query(ge=1, le=36500)] = 90,
    threshold: Annotated[float, Query(gt=0)] = 2.0,
    min_events: Annotated[int, Query(ge=1)] = 3,
) -> list[dict[str, Any]]:
    """Dyads whose recent conflict runs well above their own baseline (docs/database.md)."""
    return read(
        request,
        escalation_alerts,
        as_of=as_of,
        window_days=window_days,
        baseline_days=baseline_days,
        threshold=threshold,
        min_events=min_events,
        filters=filters,
    )


EXPORT_TYPES = {
    "parquet": ("parquet", "application/vnd.apache.parquet"),
    "csv": ("csv", "text/csv"),
    "jsonl": ("jsonl", "application/x-ndjson"),
    "plover": ("plover.jsonl", "application/x-ndjson"),
    "gdelt": ("tsv", "text/tab-separated-values"),
}


@router.get("/export", tags=["data"], summary="Download the filtered events as a file")
def get_export(
    request: Request,
    filters: EventFilters,
    format: Literal["parquet", "csv", "jsonl", "plover", "gdelt"] = "csv",
) -> FileResponse:
    """Parquet, CSV, JSON Lines, PLOVER JSON records or GDELT 2.0-style TSV."""
    suffix, media_type = EXPORT_TYPES[format]
    fd, name = tempfile.mkstemp(prefix="tidings-export-", suffix="." + suffix)
    os.close(fd)
    try:
        read(request, export, name, format, filters=filters)
    except BaseException:
        os.unlink(name)
        raise
    return FileResponse(
        name,
        media_type=media_type,
        filename=f"tidings-events.{suffix}",
        background=BackgroundTask(os.unlink, name),
    )


@router.get("/failures", tags=["articles"], summary="Inputs that could not be processed")
def get_failures(request: Request, limit: Page = 100) -> list[dict[str, Any]]:
    return read(request, failures, limit=limit)
