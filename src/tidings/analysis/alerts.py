"""Escalation alerts: dyads whose recent conflict runs well above their own baseline.

Method (docs/database.md). Conflict events are quad classes 3 and 4; each weighs its
Goldstein severity, ``max(-goldstein, 1)`` (1 when unknown), so a bombing outweighs a
complaint. For every directed dyad, the *recent rate* is the weight per day over the
``window_days`` ending at ``as_of`` (default: the latest event day), the *baseline rate*
the weight per day over the ``baseline_days`` before that window, plus one unit of weight
(a smoothing prior, so a dyad with no history is compared with a quiet one rather than
divided by zero). A dyad alerts when it has at least ``min_events`` conflict events in the
window and recent rate ≥ ``threshold`` × baseline rate.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tidings.analysis.filters import Filters, actor_label, as_date
from tidings.analysis.queries import plain
from tidings.store import Store

_WEIGHT = "CASE WHEN goldstein IS NULL OR goldstein > -1 THEN 1.0 ELSE -goldstein END"


def escalation_alerts(
    store: Store,
    *,
    as_of: dt.date | str | None = None,
    window_days: int = 7,
    baseline_days: int = 90,
    threshold: float = 2.0,
    min_events: int = 3,
    by_sector: bool = False,
    filters: Filters | None = None,
) -> list[dict[str, Any]]:
    """Dyads whose conflict intensity in the recent window exceeds their baseline.

    Each alert: ``actor``, ``recipient``, ``recent_events``, ``recent_weight``,
    ``baseline_events``, ``baseline_weight``, ``recent_rate``, ``baseline_rate``, ``ratio``,
    and the ``window`` and ``baseline`` date ranges; strongest ratio first.
    """
    if window_days < 1 or baseline_days < 1:
        raise ValueError("window_days and baseline_days must be at least 1")
    f = filters or Filters()
    where, params = f.sql()
    end = as_date(as_of) or store.tuples(f"SELECT max(day) FROM {f.table}")[0][0]
    if end is None:
        return []
    window_start = end - dt.timedelta(days=window_days - 1)
    base_start = window_start - dt.timedelta(days=baseline_days)
    conds = [
        "quad IN (3, 4)",
        "actor_country IS NOT NULL",
        "recipient_country IS NOT NULL",
        "day >= ?",
        "day <= ?",
    ]
    where = f"{where} AND {' AND '.join(conds)}" if where else f"WHERE {' AND '.join(conds)}"
    sectors = ("actor_sector", "recipient_sector") if by_sector else ("NULL", "NULL")
    recent = "day >= ?"
    rows = store.tuples(
        f"SELECT actor_country, {sectors[0]}, recipient_country, {sectors[1]}, "
        f"count(*) FILTER (WHERE {recent}), coalesce(sum({_WEIGHT}) FILTER (WHERE {recent}), 0), "
        f"count(*) FILTER (WHERE NOT {recent}), "
        f"coalesce(sum({_WEIGHT}) FILTER (WHERE NOT {recent}), 0) "
        f"FROM {f.table} {where} GROUP BY 1, 2, 3, 4",
        [window_start, window_start, window_start, window_start, *params, base_start, end],
    )
    alerts = []
    for ac, asec, rc, rsec, n_recent, w_recent, n_base, w_base in rows:
        if n_recent < min_events:
            continue
        recent_rate = float(w_recent) / window_days
        baseline_rate = (float(w_base) + 1.0) / baseline_days
        ratio = recent_rate / baseline_rate
        if ratio >= threshold:
            alerts.append(
                {
                    "actor": actor_label(ac, asec),
                    "recipient": actor_label(rc, rsec),
                    "recent_events": n_recent,
                    "recent_weight": float(w_recent),
                    "baseline_events": n_base,
                    "baseline_weight": float(w_base),
                    "recent_rate": recent_rate,
                    "baseline_rate": baseline_rate,
                    "ratio": ratio,
                    "window": [window_start, end],
                    "baseline": [base_start, window_start - dt.timedelta(days=1)],
                }
            )
    alerts.sort(key=lambda a: (-a["ratio"], a["actor"], a["recipient"]))
    return plain(alerts)
