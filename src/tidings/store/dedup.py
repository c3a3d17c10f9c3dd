"""Cross-article deduplication: event mentions clustered into canonical events.

Two mentions report the same event when they share a *block* — PLOVER type, the countries
of the first coded actor and recipient, negation and modality — their days are at most one
day from the cluster's first day, and their details are compatible: actor sector,
recipient sector, mode, place name and place country each equal or unknown on one side,
and CAMEO codes equal or one a prefix of the other. (An unknown sector is compatible so
that "North Korea" and "Kim Jong Un" can report the same event; GOV and MIL cannot.)
Mentions with no full-day date, or with no country on either side, cannot be matched with
confidence and stay events of their own.

Clustering is a pure function of a block's mentions taken in a fixed order (day,
publication date, article hash, position), so recomputing gives the same clusters: the
store recomputes, in the write's transaction, the runs of consecutive days (:func:`runs`)
that a write's new mentions fall in, and ``tidings dedup`` recomputes everything. The
canonical id is the event id of a cluster's first mention.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

SINGLE = "event:"
"""Prefix of the block key of a mention that is never merged (its block is itself)."""

WINDOW = dt.timedelta(days=1)

DETAILS = ("actor_sector", "recipient_sector", "mode", "cameo", "place_name", "place_country")
"""Details that must be compatible; CAMEO codes by prefix, the others equal or unknown."""
_CAMEO = DETAILS.index("cameo")

MENTION_COLUMNS = ("event_id", "group_key", "day", *DETAILS)
"""Columns :func:`cluster` reads, in the order its input rows carry them."""


def group_keys(
    event_id: pa.Array,
    type_: pa.Array,
    actor_country: pa.Array,
    recipient_country: pa.Array,
    negated: pa.Array,
    modality: pa.Array,
    day: pa.Array,
) -> pa.Array:
    """The block of each event mention, from its columns (computed in Arrow: a write's
    events are many)."""
    single = pc.or_kleene(
        pc.is_null(day), pc.and_(pc.is_null(actor_country), pc.is_null(recipient_country))
    )
    block = pc.binary_join_element_wise(
        type_,
        pc.fill_null(actor_country, ""),
        pc.fill_null(recipient_country, ""),
        pc.if_else(negated, "negated", "affirmed"),
        modality,
        "|",
    )
    return pc.if_else(single, pc.binary_join_element_wise(SINGLE, event_id, ""), block)


@dataclass(slots=True)
class _Cluster:
    canonical_id: str
    day: dt.date
    details: list[str | None]

    def accepts(self, details: Sequence[str | None]) -> bool:
        for i, (mine, theirs) in enumerate(zip(self.details, details, strict=True)):
            if mine is None or theirs is None:
                continue
            if i == _CAMEO:
                if not (mine.startswith(theirs) or theirs.startswith(mine)):
                    return False
            elif mine.casefold() != theirs.casefold():
                return False
        return True

    def absorb(self, details: Sequence[str | None]) -> None:
        """Fill details the cluster did not know yet, so later mentions must agree with them."""
        for i, theirs in enumerate(details):
            mine = self.details[i]
            if mine is None or (i == _CAMEO and theirs and len(theirs) > len(mine)):
                self.details[i] = theirs


def runs(
    block_days: Iterable[tuple[str, dt.date | None]], new: Iterable[tuple[str, dt.date | None]]
) -> list[tuple[str, dt.date | None, dt.date | None]]:
    """The stretches of days that new mentions can change: (block, first day, last day).

    A cluster spans at most two consecutive days, so a day without mentions in a block
    closes every cluster: the block's days fall into runs of consecutive days that cluster
    independently. Only the runs holding a new mention's day need clustering again.
    ``block_days`` are the distinct (block, day) pairs of the touched blocks, new included;
    single-mention blocks come back whole, with no days.
    """
    days: dict[str, list[dt.date]] = {}
    for key, day in block_days:
        if not key.startswith(SINGLE) and day is not None:
            days.setdefault(key, []).append(day)
    wanted: dict[str, set[dt.date]] = {}
    out: list[tuple[str, dt.date | None, dt.date | None]] = []
    for key, day in new:
        if key.startswith(SINGLE) or day is None:
            out.append((key, None, None))
        else:
            wanted.setdefault(key, set()).add(day)
    for key, targets in wanted.items():
        ordered = sorted(set(days.get(key, [])) | targets)
        start = prev = ordered[0]
        for day in [*ordered[1:], None]:
            if day is None or day - prev > WINDOW:
                if any(start <= t <= prev for t in targets):
                    out.append((key, start, prev))
                if day is not None:
                    start = day
            if day is not None:
                prev = day
    return out


def cluster(rows: Iterable[tuple]) -> Iterator[tuple[str, str, str, dt.date | None]]:
    """(event_id, canonical_id, group_key, day) for mention rows sorted by block, then order.

    ``rows`` carry :data:`MENTION_COLUMNS`, sorted by group_key and within a block by day,
    publication date, article hash and position.
    """
    for key, block in itertools.groupby(rows, key=lambda r: r[1]):
        if key.startswith(SINGLE):
            for r in block:
                yield r[0], r[0], key, r[2]
            continue
        open_clusters: list[_Cluster] = []
        for event_id, _, day, *details in block:
            # Rows come in day order: a cluster that started over a day ago is closed for good.
            open_clusters = [c for c in open_clusters if day - c.day <= WINDOW]
            for c in open_clusters:
                if c.accepts(details):
                    c.absorb(details)
                    break
            else:
                c = _Cluster(event_id, day, list(details))
                open_clusters.append(c)
            yield event_id, c.canonical_id, key, day
