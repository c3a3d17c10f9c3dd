"""REST API under ``/api``: analyse and ingest articles, and query the stored event data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field, field_validator

from tidings.interfaces.web.limits import require_token
from tidings.pipeline import analyse as analyse_text
from tidings.records import Article, content_hash

router = APIRouter(prefix="/api")


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
        return Article(
            id=self.id or content_hash(self.text)[:16],
            text=self.text,
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
    its quotes, events, times and entities. Texts over ``max_article_chars`` get 413.
    """
    _check_length(request, body)
    settings = request.app.state.settings
    with request.app.state.nlp_lock:
        try:
            extraction = analyse_text(
                body.text,
                title=body.title,
                published=body.published or settings.published,
                source=body.source,
                url=body.url,
                id=body.id,
                settings=settings,
            )
        except ValueError as exc:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from exc
    return extraction.to_json()


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
    job = request.app.state.ingestor.jobs.get(job_id)
    if job is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no ingest job {job_id!r}")
    return job.to_json()
