"""The FastAPI application: REST API under ``/api``, dashboard pages, static files."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from tidings import __version__
from tidings.config import Settings
from tidings.interfaces.web import api, pages, vendor
from tidings.interfaces.web.limits import BodyLimit
from tidings.interfaces.web.served import (
    Ingestor,
    ServedDatabase,
    SpoolError,
    announce,
    withdraw,
)
from tidings.interfaces.web.workers import ExtractionWorkers

HERE = Path(__file__).parent

METADATA_ALLOWANCE = 64 * 1024
"""Bytes allowed on top of the text itself for an analyse request's JSON and metadata."""


def create_app(settings: Settings, *, warm: bool = True, url: str | None = None) -> FastAPI:
    """Build the app over ``settings.db``; the database opens when the app starts.

    ``warm`` starts the extraction workers at startup (they load the models in the
    background), so the first analysed article does not wait for them. With ``url`` the
    app announces, while it runs, that it serves the database there
    (:func:`~tidings.interfaces.web.served_by`).
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = ServedDatabase(settings)
        app.state.db = db
        app.state.workers = workers = ExtractionWorkers(settings)
        app.state.ingestor = ingestor = Ingestor(db, settings, workers)
        ingestor.resume()
        if warm:
            workers.start()
        if url:
            announce(settings.db, url)
        try:
            yield
        finally:
            if url:
                withdraw(settings.db)
            app.state.ingestor.close()
            workers.close()
            db.close()

    app = FastAPI(
        title="tidings",
        version=__version__,
        summary="Political event data from news: events, actors, quotes, articles.",
        lifespan=lifespan,
        # The stock pages load Swagger UI and ReDoc from a CDN; vendor.py serves /docs.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    # No CORS middleware on purpose: browsers then refuse cross-origin reads of the API.
    app.add_middleware(
        BodyLimit,
        limits={
            "/api/analyse": settings.max_article_chars * 4 + METADATA_ALLOWANCE,
            "/api/ingest": settings.max_record_bytes,
        },
        timeout=settings.request_timeout,
    )

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            return await request_validation_exception_handler(request, exc)
        return pages.invalid_request(request, list(exc.errors()))

    @app.exception_handler(SpoolError)
    async def spool_error(request: Request, exc: SpoolError) -> Response:
        return JSONResponse({"detail": str(exc)}, status_code=503)

    app.include_router(api.router)
    app.include_router(vendor.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app
