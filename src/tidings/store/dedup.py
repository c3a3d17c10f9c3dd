"""Cross-article deduplication: event mentions clustered into canonical events.

Two mentions report the same event when they share a *block* — PLOVER type, first actor
and recipient (country and sector), negation and modality — their days are at most one
day from the cluster's first day, and their details are compatible: mode, CAMEO code
(one a prefix of the other), place name and place country each either equal or unknown on
one side. Mentions with no full-day date, or with neither actor nor recipient country,
cannot be matched with confidence and stay events of their own.

Clustering is a pure function of a block's mentions taken in a fixed order (day,
publication date, article hash, position), so recomputing a block gives the same clusters:
the store recomputes every block a write touches, in the write's transaction, and
``tidings dedup`` recomputes them all. The canonical id is the event id of a cluster's
first mention.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

SINGLE = "event:"
"""Prefix of the block key of a mention that is never merged (its block is itself)."""

WINDOW = dt.timedelta(days=1)

MENTION_COLUMNS = (
    "event_id",
    "group_key",
    "day",
    "mode",
    "cameo",
    "place_name",
    "place_country",
)
"""Columns :func:`cluster` reads, in the order its input rows carry them."""


def group_key(
    event_id: str,
    type_: str,
    actor_country: str | None,
    actor_sector: str | None,
    recipient_country: str | None,
    recipient_sector: str | None,
    negated: bool,
    modality: str,
    day: dt.date | None,
) -> str:
    """The block an event mention is deduplicated within."""
    if day is None or (actor_country is None and recipient_country is None):
        return SINGLE + event_id
    return "|".join(
        (
            type_,
            actor_country or "",
            actor_sector or "",
            recipient_country or "",
            recipient_sector or "",
            "negated" if negated else "affirmed",
            modality,
        )
    )


@dataclass(slots=True)
class _Cluster:
    canonical_id: str
    day: dt.date
    mode: str | None
    cameo: str | None
    place_name: str | None
    place_country: str | None

    def accepts(
        self, mode: str | None, cameo: str | None, place: str | None, pc: str | None
    ) -> bool:
        return (
            _same(self.mode, mode)
            and _same(self.place_country, pc)
            and _same(self.place_name, place)
            and (
                self.cameo is None
                or cameo is None
                or cameo.startswith(self.cameo)
                or self.cameo.startswith(cameo)
            )
        )

    def absorb(
        self, mode: str | None, cameo: str | None, place: str | None, pc: str | None
    ) -> None:
        """Fill details the cluster did not know yet, so later mentions must agree with them."""
        self.mode = self.mode or mode
        self.place_name = self.place_name or place
        self.place_country = self.place_country or pc
        if cameo and (self.cameo is None or len(cameo) > len(self.cameo)):
            self.cameo = cameo


def _same(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.casefold() == b.casefold()


def cluster(rows: Iterable[tuple]) -> Iterator[tuple[str, str, str]]:
    """(event_id, canonical_id, group_key) for mention rows sorted by block, then order.

    ``rows`` carry :data:`MENTION_COLUMNS`, sorted by group_key and within a block by day,
    publication date, article hash and position.
    """
    for key, block in itertools.groupby(rows, key=lambda r: r[1]):
        if key.startswith(SINGLE):
            for r in block:
                yield r[0], r[0], key
            continue
        open_clusters: list[_Cluster] = []
        for event_id, _, day, mode, cameo, place, pc in block:
            # Rows come in day order: a cluster that started over a day ago is closed for good.
            open_clusters = [c for c in open_clusters if day - c.day <= WINDOW]
            for c in open_clusters:
                if c.accepts(mode, cameo, place, pc):
                    c.absorb(mode, cameo, place, pc)
                    break
            else:
                c = _Cluster(event_id, day, mode, cameo, place, pc)
                open_clusters.append(c)
            yield event_id, c.canonical_id, key
