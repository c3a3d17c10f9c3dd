"""Dashboard pages: server-rendered HTML; charts are drawn by the vendored plotly.js."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request, status
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from tidings.analysis import (
    Filters,
    actor_network,
    article_view,
    canonical_event,
    dyad_series,
    escalation_alerts,
    events_page,
    list_articles,
    parse_actor,
    search_quotes,
    summary,
    top_actors,
    top_speakers,
)
from tidings.interfaces.web import charts
from tidings.interfaces.web.api import ACTOR_CODE, EXPORT_TYPES, EventFilters, Offset
from tidings.interfaces.web.vendor import PLOTLY_URL

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")

NAV = [
    ("/", "Overview"),
    ("/events", "Events"),
    ("/dyad", "Dyads"),
    ("/actors", "Actors"),
    ("/quotes", "Quotes"),
    ("/articles", "Articles"),
    ("/paste", "Paste an article"),
]
PAGE = 50
Interval = Literal["auto", "day", "week", "month"]


def with_query(request: Request, **changes: Any) -> str:
    """This page's URL with some query parameters replaced (None drops one)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    params += [(k, str(v)) for k, v in changes.items() if v is not None]
    return request.url.path + ("?" + urlencode(params) if params else "")


def _filter_params(request: Request) -> list[tuple[str, str]]:
    """The event filters in this page's query string, blanks and paging left out."""
    return [
        (k, v)
        for k, v in request.query_params.multi_items()
        if v and k not in ("offset", "interval", "format")
    ]


def mark_trigger(evidence: str | None, trigger: str | None) -> Markup:
    """The evidence sentence with the first whole-word occurrence of the trigger in bold."""
    text = (evidence or "").strip()
    if not trigger:
        return escape(text)
    m = re.search(rf"\b{re.escape(trigger)}\b", text)
    if m is None:
        return escape(text)
    before, word, after = text[: m.start()], text[m.start() : m.end()], text[m.end() :]
    return escape(before) + Markup("<b>") + escape(word) + Markup("</b>") + escape(after)


def event_anchor(event_id: str) -> str:
    """``#e<idx>`` for a mention id ``<hash16>-<idx>``: the reader focuses that event."""
    return "#e" + event_id.rsplit("-", 1)[-1]


templates.env.globals.update(with_query=with_query, quad_labels=charts.QUAD_LABELS)
templates.env.filters.update(mark_trigger=mark_trigger, event_anchor=event_anchor)


def render(
    request: Request,
    template: str,
    title: str,
    active: str,
    status_code: int = status.HTTP_200_OK,
    **context: Any,
) -> HTMLResponse:
    """A page in the common layout; ``charts`` maps element ids to plotly figures."""
    return templates.TemplateResponse(
        request,
        template,
        {"title": title, "nav": NAV, "active": active, "plotly_url": PLOTLY_URL, **context},
        status_code=status_code,
    )


def not_found(request: Request, what: str) -> HTMLResponse:
    return render(request, "missing.html", "Not found", "", status.HTTP_404_NOT_FOUND, what=what)


def invalid_request(request: Request, errors: list[dict[str, Any]]) -> HTMLResponse:
    """A page naming the query parameters that could not be understood."""
    problems = [f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in errors]
    return render(
        request,
        "invalid.html",
        "Cannot show this page",
        "",
        status.HTTP_422_UNPROCESSABLE_CONTENT,
        problems=problems,
    )


def _interval(request: Request, interval: Interval, filters: Filters | None = None) -> str:
    if interval != "auto":
        return interval
    info = request.app.state.db.run(summary)
    first = str(filters.start) if filters and filters.start else info["first_day"]
    last = str(filters.end) if filters and filters.end else info["last_day"]
    return charts.auto_interval(first, last)


def _dyad_labels(edges: list[dict[str, Any]]) -> list[str]:
    return [f"{e['source']} → {e['target']}" for e in edges]


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    run = request.app.state.db.run
    info = run(summary)
    interval = charts.auto_interval(info["first_day"], info["last_day"])
    series = run(dyad_series, interval=interval)
    edges = run(actor_network, by_sector=False, limit=10)["edges"]
    return render(
        request,
        "overview.html",
        "Overview",
        "/",
        info=info,
        interval=interval,
        edges=edges,
        alerts=run(escalation_alerts),
        articles=run(list_articles, limit=8)["rows"],
        speakers=run(top_speakers, limit=8),
        charts={
            "chart-timeline": charts.quad_timeline(series),
            "chart-dyads": charts.cooperation_conflict_bars(_dyad_labels(edges), edges),
        },
    )


@router.get("/events", response_class=HTMLResponse)
def events(
    request: Request, filters: EventFilters, offset: Offset = 0, interval: Interval = "auto"
) -> HTMLResponse:
    run = request.app.state.db.run
    page = run(events_page, filters=filters, limit=PAGE, offset=offset)
    series = run(dyad_series, interval=_interval(request, interval, filters), filters=filters)
    return render(
        request,
        "events.html",
        "Events",
        "/events",
        filters=filters,
        page=page,
        offset=offset,
        limit=PAGE,
        export_links={
            f: "/api/export?" + urlencode([*_filter_params(request), ("format", f)])
            for f in EXPORT_TYPES
        },
        charts={"chart-events": charts.quad_timeline(series)},
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_detail(event_id: str, request: Request) -> HTMLResponse:
    event = request.app.state.db.run(canonical_event, event_id)
    if event is None:
        return not_found(request, f"event {event_id}")
    return render(request, "event.html", f"Event {event['type']}", "/events", event=event)


@router.get("/dyad", response_class=HTMLResponse)
def dyad(
    request: Request,
    actor: Annotated[str | None, Query(pattern=ACTOR_CODE)] = None,
    recipient: Annotated[str | None, Query(pattern=ACTOR_CODE)] = None,
    interval: Interval = "auto",
    offset: Offset = 0,
) -> HTMLResponse:
    run = request.app.state.db.run
    top = run(actor_network, by_sector=False, limit=30)["edges"]
    if not (actor or recipient):
        return render(request, "dyad.html", "Dyads", "/dyad", top=top, chosen=False)
    # The chart counts real-world events; the table lists every mention with its evidence.
    series = run(dyad_series, actor, recipient, interval=_interval(request, interval))
    mentions = Filters(actor=actor, recipient=recipient, dedup=False)
    page = run(events_page, filters=mentions, limit=PAGE, offset=offset)
    title = f"{actor or 'anyone'} → {recipient or 'anyone'}"
    return render(
        request,
        "dyad.html",
        title,
        "/dyad",
        top=top,
        chosen=True,
        actor=actor,
        recipient=recipient,
        page=page,
        offset=offset,
        limit=PAGE,
        charts={"chart-dyad": charts.dyad_timeline(series)},
    )


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request) -> HTMLResponse:
    rows = request.app.state.db.run(top_actors, limit=100)
    top = rows[:20]
    figure = charts.ranking([r["actor"] for r in top], [r["events"] for r in top])
    return render(
        request, "actors.html", "Actors", "/actors", rows=rows, charts={"chart-actors": figure}
    )


@router.get("/actors/{code}", response_class=HTMLResponse)
def actor_page(code: str, request: Request, interval: Interval = "auto") -> HTMLResponse:
    if not re.fullmatch(ACTOR_CODE, code) or not code.strip(":"):
        return not_found(request, f"actor {code}")
    run = request.app.state.db.run
    country, sector = parse_actor(code)
    step = _interval(request, interval)
    as_actor = run(dyad_series, actor=code, interval=step)
    as_recipient = run(dyad_series, recipient=code, interval=step)
    outgoing = run(actor_network, filters=Filters(actor=code), by_sector=False, limit=10)
    incoming = run(actor_network, filters=Filters(recipient=code), by_sector=False, limit=10)
    partners = sorted(
        [*outgoing["edges"], *incoming["edges"]], key=lambda e: (-e["weight"], e["source"])
    )[:12]
    recent = [
        run(events_page, filters=f, limit=15)
        for f in (
            Filters(actor=code, dedup=False),
            Filters(recipient=code, dedup=False),
        )
    ]
    quotes = run(search_quotes, country=country, limit=15) if country and not sector else None
    return render(
        request,
        "actor.html",
        f"Actor {code.upper()}",
        "/actors",
        code=code.upper(),
        as_actor=as_actor,
        as_recipient=as_recipient,
        partners=partners,
        recent=recent,
        quotes=quotes,
        charts={
            "chart-roles": charts.role_timeline(as_actor, as_recipient),
            "chart-partners": charts.cooperation_conflict_bars(_dyad_labels(partners), partners),
        },
    )


@router.get("/quotes", response_class=HTMLResponse)
def quotes(
    request: Request,
    speaker: Annotated[str | None, Query(max_length=300)] = None,
    country: Annotated[str | None, Query(max_length=3)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    offset: Offset = 0,
) -> HTMLResponse:
    run = request.app.state.db.run
    speakers = run(top_speakers, limit=15)
    page = run(
        search_quotes,
        speaker=speaker or None,
        country=country or None,
        text=q or None,
        limit=PAGE,
        offset=offset,
    )
    figure = charts.ranking([s["speaker"] for s in speakers], [s["quotes"] for s in speakers])
    return render(
        request,
        "quotes.html",
        "Quotes",
        "/quotes",
        speakers=speakers,
        page=page,
        offset=offset,
        limit=PAGE,
        speaker=speaker or "",
        country=country or "",
        q=q or "",
        charts={"chart-speakers": figure},
    )


@router.get("/articles", response_class=HTMLResponse)
def articles(
    request: Request,
    q: Annotated[str | None, Query(max_length=200)] = None,
    offset: Offset = 0,
) -> HTMLResponse:
    page = request.app.state.db.run(list_articles, search=q or None, limit=PAGE, offset=offset)
    return render(
        request,
        "articles.html",
        "Articles",
        "/articles",
        page=page,
        offset=offset,
        limit=PAGE,
        q=q or "",
    )


@router.get("/articles/{key}", response_class=HTMLResponse)
def article(key: str, request: Request) -> HTMLResponse:
    view = request.app.state.db.run(article_view, key)
    if view is None:
        return not_found(request, f"article {key}")
    return render(
        request, "article.html", view["title"] or view["id"], "/articles", extraction=view
    )


@router.get("/paste", response_class=HTMLResponse)
def paste_page(request: Request) -> HTMLResponse:
    return render(request, "paste.html", "Paste an article", "/paste")
