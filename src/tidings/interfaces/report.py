"""A static HTML report of a tidings database: one self-contained file that works offline.

The figures come from the analysis API (:mod:`tidings.analysis`). The charts are drawn by
plotly, whose JavaScript is inlined from the installed wheel, so the file needs no network.
Every piece of text from the database is escaped by the template.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2
import plotly.graph_objects as go
from markupsafe import Markup
from plotly.offline import get_plotlyjs

from tidings.analysis import (
    QUADS,
    Filters,
    actor_network,
    article_view,
    dyad_series,
    events_page,
    list_articles,
    summary,
    top_speakers,
)
from tidings.extract.events.ontology import PLOVER_TYPES
from tidings.store import Store

_QUAD_COLOURS = {1: "#4c9be8", 2: "#1f5fa8", 3: "#f0a045", 4: "#c0392b"}


@dataclass(slots=True)
class TypeCount:
    """Events of one PLOVER type: mentions in articles and canonical (deduplicated) events."""

    type: str
    mentions: int
    canonical: int


@dataclass(slots=True)
class Overview:
    """The figures a report and the demo summary show (rows as the analysis API gives them)."""

    articles: int
    quotes: int
    event_mentions: int
    canonical_events: int
    types: list[TypeCount]
    dyads: list[dict[str, Any]]
    """Country → country edges of :func:`~tidings.analysis.actor_network`, heaviest first."""
    speakers: list[dict[str, Any]]
    """Rows of :func:`~tidings.analysis.top_speakers`."""
    weeks: list[dict[str, Any]]
    """Canonical events with a day, per week: rows of :func:`~tidings.analysis.dyad_series`."""
    views: list[dict[str, Any]] = field(default_factory=list)
    """Every article with its findings (:func:`~tidings.analysis.article_view`), oldest first."""


def overview(store: Store, top: int = 10, with_articles: bool = True) -> Overview:
    """Gather the report's figures from a store: the ``top`` dyads and speakers."""
    counts = summary(store)["counts"]
    types = []
    for type_ in PLOVER_TYPES:
        mentions, canonical = (
            events_page(store, filters=Filters(types=[type_], dedup=dedup), limit=0)["total"]
            for dedup in (False, True)
        )
        if mentions:
            types.append(TypeCount(type_, mentions, canonical))
    types.sort(key=lambda t: -t.mentions)
    views: list[dict[str, Any]] = []
    if with_articles:
        rows = list_articles(store, limit=counts["articles"])["rows"]
        views = [v for r in reversed(rows) if (v := article_view(store, r["content_hash"]))]
    return Overview(
        articles=counts["articles"],
        quotes=counts["quotes"],
        event_mentions=counts["events"],
        canonical_events=counts["canonical_events"],
        types=types,
        dyads=actor_network(store, by_sector=False, limit=top)["edges"],
        speakers=top_speakers(store, limit=top),
        weeks=dyad_series(store, interval="week"),
        views=views,
    )


def write_report(store: Store, path: Path, title: str = "tidings report") -> Overview:
    """Write the report of everything in ``store`` to ``path``; return its figures."""
    data = overview(store)
    dyad_labels = [f"{d['source']} → {d['target']}" for d in data.dyads]
    charts = {
        "timeline": _timeline_chart(data.weeks),
        "types": _bar_chart(
            [t.type for t in data.types],
            {
                "mentions": [t.mentions for t in data.types],
                "deduplicated": [t.canonical for t in data.types],
            },
            "Events by PLOVER type",
            colours=("#1f5fa8", "#9ab8dc"),
        ),
        "dyads": _bar_chart(
            dyad_labels,
            {
                "cooperation": [d["cooperation"] for d in data.dyads],
                "conflict": [d["conflict"] for d in data.dyads],
            },
            "Top dyads (actor → recipient, deduplicated events)",
            colours=(_QUAD_COLOURS[1], _QUAD_COLOURS[4]),
            stacked=True,
        ),
    }
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(
        files("tidings.interfaces").joinpath("report.html").read_text(encoding="utf-8")
    )
    html = template.render(
        title=title,
        data=data,
        charts={name: Markup(_div(fig, name)) for name, fig in charts.items()},
        plotly_js=Markup(get_plotlyjs()),
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return data


def _timeline_chart(weeks: list[dict[str, Any]]) -> go.Figure:
    fig = go.Figure()
    for quad, key in QUADS.items():
        fig.add_bar(
            x=[w["period"] for w in weeks],
            y=[w[key] for w in weeks],
            name=key.replace("_", " "),
            marker_color=_QUAD_COLOURS[quad],
        )
    largest = max((w["events"] for w in weeks), default=0)
    fig.update_layout(
        barmode="stack",
        title="Events per week by quad class (deduplicated, dated events)",
        xaxis={"type": "date"},
        yaxis={"title": "events", "dtick": _dtick(largest)},
    )
    return fig


def _bar_chart(
    labels: list[str],
    series: dict[str, list[int]],
    title: str,
    colours: tuple[str, ...],
    stacked: bool = False,
) -> go.Figure:
    fig = go.Figure()
    for (name, values), colour in zip(series.items(), colours, strict=True):
        # Reversed so that the largest bar is on top of a horizontal chart.
        fig.add_bar(y=labels[::-1], x=values[::-1], name=name, orientation="h", marker_color=colour)
    totals = [sum(v) for v in zip(*series.values(), strict=True)] if stacked else []
    largest = max(totals or [v for values in series.values() for v in values], default=0)
    fig.update_layout(
        title=title,
        barmode="stack" if stacked else "group",
        xaxis={"dtick": _dtick(largest)},
        yaxis={"automargin": True},
    )
    return fig


def _dtick(largest: int) -> int:
    """An integer tick step giving at most about ten ticks: counts have no fractions."""
    return max(1, math.ceil(largest / 10))


def _div(fig: go.Figure, name: str) -> str:
    fig.update_layout(
        margin={"l": 40, "r": 20, "t": 50, "b": 40}, height=380, template="plotly_white"
    )
    return fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        div_id=f"chart-{name}",
        config={"displaylogo": False, "responsive": True},
    )
