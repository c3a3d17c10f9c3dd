"""Dashboard pages: server-rendered HTML; charts are drawn by the vendored plotly.js."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from tidings.interfaces.web.vendor import PLOTLY_URL

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")

NAV = [
    ("/", "Overview"),
    ("/events", "Events"),
    ("/actors", "Actors"),
    ("/quotes", "Quotes"),
    ("/paste", "Paste an article"),
]


def render(
    request: Request, template: str, title: str, active: str, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """A page in the common layout; ``charts`` maps element ids to plotly figures."""
    return templates.TemplateResponse(
        request,
        template,
        {"title": title, "nav": NAV, "active": active, "plotly_url": PLOTLY_URL, **context},
        status_code=status_code,
    )


@router.get("/paste", response_class=HTMLResponse)
def paste_page(request: Request) -> HTMLResponse:
    return render(request, "paste.html", "Paste an article", "/paste")
