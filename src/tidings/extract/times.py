"""Temporal expressions found and normalised to TIMEX3 values."""

from __future__ import annotations

import datetime as dt

import dateparser
from spacy.tokens import Doc

from tidings.records import TimeExpression


def extract_times(doc: Doc, published: dt.date | None) -> list[TimeExpression]:
    """Date and time expressions of ``doc``, resolved relative to ``published``."""
    times = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        text = ent.text.replace("’s", "").replace("'s", "")
        value = "XXXX-XX-XX"
        if published is not None:
            base = dt.datetime.combine(published, dt.time())
            parsed = dateparser.parse(
                text, settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
            )
            if parsed is not None:
                value = parsed.date().isoformat()
        kind = "TIME" if ent.label_ == "TIME" else "DATE"
        times.append(TimeExpression(ent.text, ent.start_char, ent.end_char, kind, value))
    return times
