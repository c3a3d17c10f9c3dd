"""Plotly figures (plain dicts) for the dashboard, built from analysis results.

The server builds each figure and embeds it in the page as JSON; the browser only draws it,
so a page needs no second request for its data.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tidings.analysis import QUADS

Figure = dict[str, Any]

QUAD_COLOURS = {1: "#2e8b57", 2: "#7fb069", 3: "#e0a030", 4: "#c0392b"}
QUAD_LABELS = {q: name.replace("_", " ").capitalize() for q, name in QUADS.items()}
GOLDSTEIN_COLOUR = "#1f5fbf"


def auto_interval(first: str | None, last: str | None) -> str:
    """Days for a few weeks of data, weeks up to two years, months beyond."""
    if not first or not last:
        return "week"
    span = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days
    return "day" if span <= 45 else "week" if span <= 730 else "month"


def _label_margin(labels: list[str]) -> dict[str, int]:
    """Room for the longest category label, computed here rather than by plotly's
    automargin, which redraws the chart until the labels fit."""
    return {
        "l": 20 + 7 * max((len(label) for label in labels), default=0),
        "r": 20,
        "t": 10,
        "b": 30,
    }


def _layout(**extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "height": 320,
        "margin": {"l": 50, "r": 50, "t": 10, "b": 40},
        "font": {"family": "system-ui, sans-serif", "size": 12},
        "legend": {"orientation": "h", "y": -0.2},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "xaxis": {"gridcolor": "#eceff3"},
        "yaxis": {"gridcolor": "#eceff3", "rangemode": "tozero"},
    }
    layout.update(extra)
    return layout


def _quad_bars(series: list[dict[str, Any]]) -> list[dict[str, Any]]:
    x = [p["period"] for p in series]
    return [
        {
            "type": "bar",
            "name": QUAD_LABELS[q],
            "x": x,
            "y": [p[name] for p in series],
            "marker": {"color": QUAD_COLOURS[q]},
        }
        for q, name in QUADS.items()
    ]


def quad_timeline(series: list[dict[str, Any]]) -> Figure:
    """Events per period, stacked by quad class."""
    return {"data": _quad_bars(series), "layout": _layout(barmode="stack")}


def dyad_timeline(series: list[dict[str, Any]]) -> Figure:
    """Events per period by quad class, with the mean Goldstein score on a second axis."""
    line = {
        "type": "scatter",
        "mode": "lines+markers",
        "name": "Mean Goldstein",
        "x": [p["period"] for p in series],
        "y": [p["goldstein_mean"] for p in series],
        "yaxis": "y2",
        "line": {"color": GOLDSTEIN_COLOUR, "width": 2},
        "connectgaps": False,
    }
    return {
        "data": [*_quad_bars(series), line],
        "layout": _layout(
            barmode="stack",
            yaxis={
                "title": {"text": "events"},
                "gridcolor": "#eceff3",
                "rangemode": "tozero",
            },
            yaxis2={
                "title": {"text": "Goldstein"},
                "overlaying": "y",
                "side": "right",
                "range": [-10, 10],
                "tickvals": [-10, -5, 0, 5, 10],
                "zeroline": True,
                "zerolinecolor": "#c9d6ea",
                "showgrid": False,
            },
        ),
    }


def role_timeline(as_actor: list[dict[str, Any]], as_recipient: list[dict[str, Any]]) -> Figure:
    """Events per period an actor initiated and received."""
    return {
        "data": [
            {
                "type": "bar",
                "name": name,
                "x": [p["period"] for p in series],
                "y": [p["events"] for p in series],
                "marker": {"color": colour},
            }
            for name, series, colour in (
                ("as actor", as_actor, "#1f5fbf"),
                ("as recipient", as_recipient, "#9db7e0"),
            )
        ],
        "layout": _layout(barmode="group"),
    }


def cooperation_conflict_bars(labels: list[str], rows: list[dict[str, Any]]) -> Figure:
    """Horizontal bars of cooperation and conflict counts, largest at the top."""
    kinds = (("cooperation", "Cooperation", "#2e8b57"), ("conflict", "Conflict", "#c0392b"))
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "name": title,
                "y": labels[::-1],
                "x": [r[key] for r in rows][::-1],
                "marker": {"color": colour},
            }
            for key, title, colour in kinds
        ],
        "layout": _layout(
            barmode="stack", height=max(220, 28 * len(rows) + 80), margin=_label_margin(labels)
        ),
    }


def ranking(labels: list[str], values: list[int], colour: str = "#1f5fbf") -> Figure:
    """Horizontal bars, largest at the top."""
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "y": labels[::-1],
                "x": values[::-1],
                "marker": {"color": colour},
            }
        ],
        "layout": _layout(
            height=max(220, 26 * len(values) + 60),
            margin=_label_margin(labels),
            showlegend=False,
        ),
    }
