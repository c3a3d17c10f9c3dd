"""A static HTML report of a tidings database: one self-contained file that works offline.

The charts are drawn by plotly; its JavaScript is inlined from the installed wheel, so the
file needs no network. Every piece of text from the database is escaped by the template.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import jinja2
import plotly.graph_objects as go
from markupsafe import Markup
from plotly.offline import get_plotlyjs

from tidings.records import Extraction
from tidings.store import Store

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
_QUAD_COLOURS = {1: "#4c9be8", 2: "#1f5fa8", 3: "#f0a045", 4: "#c0392b", None: "#9e9e9e"}
_SERIES_COLOURS = ("#1f5fa8", "#9ab8dc")


@dataclass(slots=True)
class TypeCount:
    """Events of one PLOVER type: mentions in articles and canonical (deduplicated) events."""

    type: str
    mentions: int
    canonical: int


@dataclass(slots=True)
class DyadCount:
    """Canonical events from actors of one country to recipients of another."""

    actor: str
    recipient: str
    events: int


@dataclass(slots=True)
class SpeakerCount:
    """A speaker, who they are, and how many quotes (and direct quotes) they have."""

    name: str
    title: str | None
    affiliation: str | None
    country: str | None
    quotes: int
    direct: int


@dataclass(slots=True)
class Overview:
    """The figures a report and the demo summary show."""

    articles: int
    quotes: int
    event_mentions: int
    canonical_events: int
    types: list[TypeCount]
    dyads: list[DyadCount]
    speakers: list[SpeakerCount]
    timeline: list[tuple[dt.date, int | None, int]]
    """(Monday of the week, quad class, canonical events), dated by the event's day, else
    by the first article that reported it."""
    extractions: list[Extraction] = field(default_factory=list)


def overview(store: Store, top: int = 10, with_articles: bool = True) -> Overview:
    """Gather the report's figures from a store; the ``top`` dyads and speakers."""
    counts = store.counts()
    types = store.tuples(
        """
        SELECT m.type, m.n, coalesce(c.n, 0)
        FROM (SELECT type, count(*) AS n FROM events GROUP BY type) m
        LEFT JOIN (SELECT type, count(*) AS n FROM canonical_events GROUP BY type) c
            ON c.type = m.type
        ORDER BY m.n DESC, m.type
        """
    )
    dyads = store.tuples(
        """
        SELECT actor_country, recipient_country, count(*) AS n FROM canonical_events
        WHERE actor_country IS NOT NULL AND recipient_country IS NOT NULL
        GROUP BY actor_country, recipient_country
        ORDER BY n DESC, actor_country, recipient_country LIMIT ?
        """,
        [top],
    )
    speakers = store.tuples(
        """
        SELECT speaker_name, mode(speaker_title), mode(speaker_affiliation), mode(speaker_country),
            count(*) AS n, count(*) FILTER (WHERE kind = 'direct')
        FROM quotes WHERE speaker_name IS NOT NULL
        GROUP BY speaker_name ORDER BY n DESC, speaker_name LIMIT ?
        """,
        [top],
    )
    timeline = store.tuples(
        """
        SELECT CAST(date_trunc('week', coalesce(day, first_seen)) AS DATE) AS week, quad, count(*)
        FROM canonical_events WHERE coalesce(day, first_seen) IS NOT NULL
        GROUP BY week, quad ORDER BY week, quad
        """
    )
    extractions: list[Extraction] = []
    if with_articles:
        hashes = store.tuples("SELECT content_hash FROM articles ORDER BY published, id")
        extractions = [ex for (h,) in hashes if (ex := store.extraction(h)) is not None]
    return Overview(
        articles=counts["articles"],
        quotes=counts["quotes"],
        event_mentions=counts["events"],
        canonical_events=counts["canonical_events"],
        types=[TypeCount(*r) for r in types],
        dyads=[DyadCount(*r) for r in dyads],
        speakers=[SpeakerCount(*r) for r in speakers],
        timeline=[(d, q, n) for d, q, n in timeline],
        extractions=extractions,
    )


def write_report(store: Store, path: Path, title: str = "tidings report") -> Overview:
    """Write the report of everything in ``store`` to ``path``; return its figures."""
    data = overview(store)
    charts = {
        "timeline": _timeline_chart(data),
        "types": _bar_chart(
            [t.type for t in data.types],
            {
                "mentions": [t.mentions for t in data.types],
                "canonical": [t.canonical for t in data.types],
            },
            "Events by PLOVER type",
        ),
        "dyads": _bar_chart(
            [f"{d.actor} → {d.recipient}" for d in data.dyads],
            {"events": [d.events for d in data.dyads]},
            "Top dyads (actor → recipient)",
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
        quad_names=QUAD_NAMES,
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
    path.write_text(html, encoding="utf-8")
    return data


def _timeline_chart(data: Overview) -> go.Figure:
    fig = go.Figure()
    for quad in sorted({q for _, q, _ in data.timeline}, key=lambda q: (q is None, q or 0)):
        points = [(d, n) for d, q, n in data.timeline if q == quad]
        fig.add_bar(
            x=[d.isoformat() for d, _ in points],
            y=[n for _, n in points],
            name=QUAD_NAMES.get(quad, "unknown") if quad is not None else "no quad class",
            marker_color=_QUAD_COLOURS.get(quad, _QUAD_COLOURS[None]),
        )
    fig.update_layout(
        barmode="stack",
        title="Events per week by quad class (deduplicated)",
        xaxis={"type": "date"},
        yaxis={
            "title": "events",
            "dtick": _dtick(max((n for *_, n in data.timeline), default=0)),
        },
    )
    return fig


def _bar_chart(labels: list[str], series: dict[str, list[int]], title: str) -> go.Figure:
    fig = go.Figure()
    for (name, values), colour in zip(series.items(), _SERIES_COLOURS, strict=False):
        # Reversed so that the largest bar is on top of a horizontal chart.
        fig.add_bar(y=labels[::-1], x=values[::-1], name=name, orientation="h", marker_color=colour)
    largest = max((v for values in series.values() for v in values), default=0)
    fig.update_layout(
        title=title,
        barmode="group",
        showlegend=len(series) > 1,
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
