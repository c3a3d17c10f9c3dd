"""Browser libraries, vendored at build time: no CDN, no network.

``make vendor`` (part of ``make setup``) unpacks npm packages into ``static/vendor/`` (not
committed): ``plotly.js-basic-dist-min`` (bar and scatter traces, 1.2 MB) for the charts,
and ``swagger-ui-dist`` for the API docs at ``/docs``. Without the first, the app serves the
full plotly.js bundle (4.8 MB) that ships inside the ``plotly`` wheel, which draws the same
charts but takes browsers longer to parse; without the second, ``/docs`` says how to get it.
"""

from __future__ import annotations

import functools
from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from plotly.offline import get_plotlyjs, get_plotlyjs_version

router = APIRouter(include_in_schema=False)

VENDOR = Path(__file__).parent / "static" / "vendor"
BASIC_BUNDLE = VENDOR / "plotly-basic.min.js"
SWAGGER_UI = ("swagger-ui-bundle.js", "swagger-ui.css")
PLOTLY_URL = (
    f"/vendor/plotly-{'basic' if BASIC_BUNDLE.is_file() else 'full'}-"
    f"{get_plotlyjs_version()}.min.js"
)


@functools.cache
def plotly_js() -> bytes:
    """The plotly.js bundle: the vendored basic one, else the full one from the wheel."""
    if BASIC_BUNDLE.is_file():
        return BASIC_BUNDLE.read_bytes()
    return get_plotlyjs().encode("utf-8")


@router.get(PLOTLY_URL)
def plotly_bundle() -> Response:
    return Response(
        plotly_js(),
        media_type="text/javascript",
        # The URL names bundle and version, so the file at it never changes.
        headers={"Cache-Control": "public, max-age=31536000, immutable"},
    )


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """Swagger UI over ``/openapi.json``, from the vendored files."""
    if not all((VENDOR / name).is_file() for name in SWAGGER_UI):
        return HTMLResponse(
            "<!doctype html><title>tidings API</title><p>The API docs need Swagger UI: run "
            "<code>make vendor</code>. The OpenAPI schema is at "
            '<a href="/openapi.json">/openapi.json</a>.</p>'
        )
    js, css = (request.url_for("static", path=f"vendor/{name}") for name in SWAGGER_UI)
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="tidings API",
        swagger_js_url=str(js),
        swagger_css_url=str(css),
        swagger_favicon_url=str(request.url_for("static", path="favicon.svg")),
        # No validator badge: it would send the schema to an outside service.
        swagger_ui_parameters={"validatorUrl": None},
    )
