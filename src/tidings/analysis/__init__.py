"""Analysis of a tidings database: the Python API behind ``tidings query`` and the web app.

Every function takes an open :class:`~tidings.store.Store` and returns plain dicts and
lists (dates as ISO strings)::

    from tidings.store import open_store
    from tidings.analysis import Filters, dyad_series, top_actors

    with open_store("tidings.duckdb", read_only=True) as store:
        weeks = dyad_series(store, "USA", "PRK", interval="week")
        leaders = top_actors(store, filters=Filters(start="2018-05-01", end="2018-06-30"))

Event queries read canonical (deduplicated) events unless ``Filters(dedup=False)`` asks
for every mention.
"""

from tidings.analysis.alerts import escalation_alerts
from tidings.analysis.article import article_view
from tidings.analysis.export import FORMATS, export
from tidings.analysis.filters import QUADS, Filters, parse_actor
from tidings.analysis.queries import (
    actor_network,
    canonical_event,
    dyad_series,
    events_page,
    failures,
    list_articles,
    search_quotes,
    summary,
    top_actors,
    top_speakers,
)

__all__ = [
    "FORMATS",
    "QUADS",
    "Filters",
    "actor_network",
    "article_view",
    "canonical_event",
    "dyad_series",
    "escalation_alerts",
    "events_page",
    "export",
    "failures",
    "list_articles",
    "parse_actor",
    "search_quotes",
    "summary",
    "top_actors",
    "top_speakers",
]
