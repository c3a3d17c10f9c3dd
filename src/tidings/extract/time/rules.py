"""The grammar of English temporal expressions: one regular expression per construction,
each with a normaliser that turns its match into a TIMEX3 type, value and mod.

Normalisers read the publication date, the tense around the expression and the last
date mentioned from a :class:`Context` (implemented in :mod:`tidings.extract.times`). They
return None when a match is not a temporal expression after all ("May" the modal verb).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from tidings.extract.time import lexicon as lx
from tidings.extract.time.calendar import (
    CENTURY,
    DAY,
    DECADE,
    HALF,
    MONTH,
    QUARTER,
    SEASON,
    SEASONS,
    WEEK,
    YEAR,
    Point,
    clamp_day,
    easter,
    nth_weekday,
    weekday_near,
)

PAST, PRESENT, FUTURE = -1, 0, 1


class Context(Protocol):
    """What a normaliser may ask about the document around a match."""

    anchor: dt.date | None

    @property
    def reference(self) -> Point | None:
        """The last time point mentioned, when recent enough to be referred back to."""
        ...

    @property
    def period(self) -> Point | None:
        """The last quarter or half mentioned, when recent enough (reports compare them)."""
        ...

    def tense(self, start: int, end: int, through_nouns: bool = False) -> int:
        """PAST, PRESENT or FUTURE: the tense of the clause governing ``start:end``; PRESENT
        when the expression modifies a noun ("the June 12 meeting"), unless ``through_nouns``."""
        ...

    def year_hint(self, start: int, end: int) -> int | None:
        """An explicit year the expression at ``start:end`` shares with its neighbours."""
        ...

    def before(self, start: int, chars: int = 30) -> str:
        """The text just before ``start``."""
        ...

    def after(self, end: int, chars: int = 30) -> str:
        """The text just after ``end``."""
        ...


@dataclass(slots=True)
class Found:
    """A normalised expression; ``point`` is its calendar position when it has one."""

    type: str
    value: str
    mod: str | None = None
    point: Point | None = None
    explicit_year: bool = False
    derived: bool = False
    """Computed from an earlier mention ("a year earlier"): not itself a reference point."""
    start: int | None = None
    end: int | None = None


Normaliser = Callable[[re.Match[str], Context], Found | None]


# ---------------------------------------------------------------- helpers


def _date(point: Point, mod: str | None = None, explicit: bool = False) -> Found:
    return Found("DATE", point.value(), mod, point, explicit)


def _unanchored(grain: int, month: int | None = None, day: int | None = None) -> str:
    """A TIMEX3 value with X placeholders for what only the publication date could tell."""
    if grain == DAY:
        return f"XXXX-{month:02d}-{day:02d}" if month and day else "XXXX-XX-XX"
    if grain == MONTH:
        return f"XXXX-{month:02d}" if month else "XXXX-XX"
    if grain == WEEK:
        return "XXXX-WXX"
    if grain == QUARTER:
        return "XXXX-QX"
    if grain == DECADE:
        return "XXX"
    if grain == CENTURY:
        return "XX"
    return "XXXX"


def _point_mod(m: re.Match[str]) -> str | None:
    words = (m.group("pmod") or "").lower().split()
    return next((lx.POINT_MODS[w] for w in words if w in lx.POINT_MODS), None)


# Days: farther than that from publication, a date without a year means the nearest one.
_TENSE_REACH = 335
_MONTH_TENSE_REACH = 300  # a bare month eleven months back would be "last September"


def _pick_year(ctx: Context, start: int, end: int, month: int, day: int | None) -> int | None:
    """The year of a month (and day) written without one.

    An explicit year in the same sentence or range wins. Otherwise the occurrence in the
    direction of the tense, when it is within eleven months of publication; else the nearest.
    """
    hint = ctx.year_hint(start, end)
    if hint is not None:
        return hint
    anchor = ctx.anchor
    if anchor is None:
        return None
    y = anchor.year
    if day is None:
        past_y = y if month <= anchor.month else y - 1
        future_y = y if month >= anchor.month else y + 1
    else:
        this = clamp_day(y, month, day)
        past_y = y if this <= anchor else y - 1
        future_y = y if this >= anchor else y + 1
    past, future = (clamp_day(year, month, day or 15) for year in (past_y, future_y))
    if past_y == future_y:
        return y
    to_past, to_future = (anchor - past).days, (future - anchor).days
    tense = ctx.tense(start, end)
    reach = _TENSE_REACH if day else _MONTH_TENSE_REACH
    if tense == PAST and to_past <= reach:
        return past_y
    if tense == FUTURE and to_future <= reach:
        return future_y
    return past_y if to_past <= to_future else future_y


def _weekday_date(ctx: Context, start: int, end: int, weekday: int, rel: str) -> dt.date | None:
    anchor = ctx.anchor
    if anchor is None:
        return None
    rel = " ".join(rel.lower().split())
    if rel == "today":
        return anchor
    ref = ctx.reference
    if rel in ("the previous", "the following") and ref is not None and ref.day is not None:
        # anaphoric: "down from the previous Friday" counts from the day last mentioned
        return weekday_near(ref.day, weekday, -2 if rel == "the previous" else 2)
    if rel in ("last", "previous", "this past", "the previous"):
        return weekday_near(anchor, weekday, -2)
    if rel in ("next", "coming", "this coming", "the following"):
        return weekday_near(anchor, weekday, 2)
    tense = ctx.tense(start, end, through_nouns=True)  # "the rally on Saturday": when it was
    if tense != PRESENT:
        return weekday_near(anchor, weekday, tense)
    back, ahead = weekday_near(anchor, weekday, -1), weekday_near(anchor, weekday, 1)
    return back if anchor - back <= ahead - anchor else ahead


def _clock(m: re.Match[str]) -> str | None:
    """``Thh:mm`` of a clock time, or None when it is not one."""
    named = (m.group("named") or "").lower()
    if named:
        return "T24:00" if named == "midnight" else "T12:00"
    hour = int(m.group("hour") or m.group("hour2"))
    minute = int(m.group("minute") or m.group("minute2") or 0)
    ampm = (m.group("ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    if hour > 24 or minute > 59 or (not ampm and hour == 0 and minute == 0):
        return None
    return f"T{hour:02d}:{minute:02d}"


def _day_of(text: str, ctx: Context, start: int, end: int) -> Point | None:
    """The day a day word names: today, yesterday, a weekday or "May 24"."""
    t = text.lower().rstrip(".")
    anchor = ctx.anchor
    if t in ("today", "yesterday", "tomorrow"):
        if anchor is None:
            return None
        return Point.of_day(anchor + dt.timedelta(days={"today": 0, "yesterday": -1}.get(t, 1)))
    if t in lx.WEEKDAYS:
        d = _weekday_date(ctx, start, end, lx.WEEKDAYS[t], "")
        return Point.of_day(d) if d else None
    parts = re.match(r"(\w+)\.?\s+(\d{1,2})(?:,\s*(\d{4}))?", text)
    if parts is None or parts.group(1).lower() not in lx.MONTHS:
        return None
    month, day = lx.month_of(parts.group(1)), int(parts.group(2))
    year = int(parts.group(3)) if parts.group(3) else _pick_year(ctx, start, end, month, day)
    return _valid_day(year, month, day)


def _given_year(m: re.Match[str], group: str) -> int | None:
    """The year written in digits in ``group``, or spelled out in ``wyear``."""
    if m.group(group):
        return int(m.group(group))
    return lx.spelled_year(m.group("wyear")) if m.group("wyear") else None


def _valid_day(year: int | None, month: int, day: int) -> Point | None:
    if year is None:
        return None
    try:
        return Point.of_day(dt.date(year, month, day))
    except ValueError:
        return None


# ---------------------------------------------------------------- normalisers


_CLOCK_CUE = re.compile(r"\b(?i:at|by|until|till|before|after|from|to|around|about|since)\s+$")


def clock_time(m: re.Match[str], ctx: Context) -> Found | None:
    """ "9 a.m.", "10:35 a.m. EST", "noon Thursday", "5 p.m. EST, Nov. 6"."""
    clock = _clock(m)
    if clock is None:
        return None
    if m.group("hour2") and not _CLOCK_CUE.search(ctx.before(m.start(), 12)):
        return None  # a bare "01:30" is as often a video's length or a score
    day_text = m.group("dayword")
    if day_text:
        day = _day_of(day_text, ctx, m.start(), m.end())  # "until 9 a.m. Tuesday": "until"
    elif ctx.reference is not None and ctx.reference.grain == DAY:
        day = ctx.reference
    else:
        day = Point.of_day(ctx.anchor) if ctx.anchor else None
    date = day.value() if day else "XXXX-XX-XX"
    mod = "APPROX" if m.group("approx") else None
    return Found("TIME", date + clock, mod, day)


def full_date(m: re.Match[str], ctx: Context) -> Found | None:
    """ "June 12", "12 June 2018", "Thursday, May 24, 2018"."""
    month = lx.month_of(m.group("mon") or m.group("mon2"))
    day = int(m.group("day") or m.group("day2"))
    if m.group("year"):
        point = _valid_day(int(m.group("year")), month, day)
        return _date(point, explicit=True) if point else None
    if _valid_day(2000, month, day) is None:  # a leap year: February 29 exists
        return None
    year = _pick_year(ctx, m.start(), m.end(), month, day)
    if year is None:
        return Found("DATE", _unanchored(DAY, month, day))
    point = _valid_day(year, month, day)
    return _date(point) if point else None


def numeric_date(m: re.Match[str], ctx: Context) -> Found | None:
    """ "2018-05-24" and the US "5/24/2018"."""
    if m.group("iy"):
        y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    else:
        y, mo, d = int(m.group("uy")), int(m.group("um")), int(m.group("ud"))
        if y < 100:
            y += 2000 if y < 50 else 1900
    point = _valid_day(y, mo, d)
    return _date(point, explicit=True) if point else None


_MONTH_NEEDS_CUE = {"may", "march"}
_MONTH_CUES = (
    "in", "since", "by", "until", "till", "of", "from", "through", "to", "during", "before",
    "after", "and", "or", "early", "late", "mid", "between", "last", "this", "next",
)  # fmt: skip


def month(m: re.Match[str], ctx: Context) -> Found | None:
    """ "June", "June 2017", "early June", "last November", "May of next year"."""
    word = m.group("mon")
    mo = lx.month_of(word)
    mod = _point_mod(m)
    rel = (m.group("rel") or "").lower()
    given = _given_year(m, "year")
    if given:
        return _date(Point(MONTH, given, mo), mod, explicit=True)
    if word.lower() in _MONTH_NEEDS_CUE and not (mod or rel or m.group("ryear")):
        previous = ctx.before(m.start(), 12).lower().split()
        if not previous or previous[-1].rstrip(",") not in _MONTH_CUES:
            return None
    anchor = ctx.anchor
    if anchor is None:
        return Found("DATE", _unanchored(MONTH, mo), mod)
    if m.group("ryear"):
        shift = {"last": -1, "this": 0, "next": 1}[m.group("ryear").lower()]
        return _date(Point(MONTH, anchor.year + shift, mo), mod)
    if rel in ("last", "past"):
        year = anchor.year if mo < anchor.month else anchor.year - 1
    elif rel in ("next", "coming"):
        year = anchor.year if mo > anchor.month else anchor.year + 1
    elif rel == "this":
        year = anchor.year
    else:
        year = _pick_year(ctx, m.start(), m.end(), mo, None) or anchor.year
    return _date(Point(MONTH, year, mo), mod)


def year(m: re.Match[str], ctx: Context) -> Found | None:
    """ "2017", "early 2017", "fiscal 1989", "the year 2000", "mid-1990"; "the 1988 quarter"
    beside a report's third quarter is 1988-Q3."""
    y = int(m.group("year"))
    period = ctx.period
    if period is not None and re.match(r"\s+(?i:quarter|period)\b", ctx.after(m.end(), 12)):
        return _date(Point(period.grain, y, period.part), explicit=True)
    return _date(Point(YEAR, y), _point_mod(m), explicit=True)


def spelled_year(m: re.Match[str], ctx: Context) -> Found | None:
    """ "nineteen ninety-six" → 1996, "the year two thousand" → 2000 (transcribed speech)."""
    y = lx.spelled_year(m.group("wyear") or m.group("wyear2"))
    return None if y is None else _date(Point(YEAR, y), _point_mod(m), explicit=True)


def year_end(m: re.Match[str], ctx: Context) -> Found | None:
    """ "by year-end", "since year end": the end of this year, or of the last one."""
    if ctx.anchor is None:
        return Found("DATE", "XXXX", "END")
    y = ctx.anchor.year - (ctx.tense(m.start(), m.end()) == PAST)
    return _date(Point(YEAR, y), "END")


_DECADE_WORDS = (
    "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties",
)  # fmt: skip


def decade(m: re.Match[str], ctx: Context) -> Found | None:
    """ "the 1990s", "the early '90s", "the nineties" → 199."""
    if m.group("decade"):
        y = int(m.group("decade"))
    else:
        if m.group("short"):
            short = int(m.group("short"))
        else:
            short = 10 * (_DECADE_WORDS.index(m.group("dword").lower()) + 2)
        latest = ctx.anchor.year if ctx.anchor else 1999
        y = latest // 100 * 100 + short
        if y > latest:
            y -= 100
    mod = _point_mod(m) or lx.POINT_MODS.get((m.group("pmod2") or "").lower())
    return _date(Point(DECADE, y), mod, explicit=True)


def century(m: re.Match[str], ctx: Context) -> Found | None:
    """ "the 20th century" → 19."""
    ordinal = m.group("ord").lower()
    n = int(ordinal[:-2]) if ordinal[0].isdigit() else lx.ORDINALS.get(ordinal)
    if not n:
        return None
    return _date(Point(CENTURY, (n - 1) * 100), _point_mod(m), explicit=True)


def quarter(m: re.Match[str], ctx: Context) -> Found | None:
    """ "the third quarter", "third-quarter", "Q1 2017", "the fiscal first half of 2018",
    "the last half of 1989", "the first two quarters of 1990" (a half)."""
    q = m.group("q") or m.group("q2")
    kind = "quarter"
    if q:
        n = int(q)
        given = m.group("y3") or m.group("y4")
    else:
        ordinal = m.group("ord").lower()
        kind = m.group("kind").lower()
        if ordinal in ("last", "final") and kind != "quarter":
            n = 2
        elif ordinal[0].isdigit():
            n = int(ordinal[0])
        else:
            n = lx.ORDINALS[ordinal]
        given = m.group("y1") or m.group("y2")
    grain = QUARTER if kind == "quarter" else HALF
    if n > (4 if grain == QUARTER else 2):
        return None
    anchor = ctx.anchor
    rel = (m.groupdict().get("rel") or m.groupdict().get("rel2") or "").lower()
    if given:
        y = int(given)
    elif anchor is None:
        return Found("DATE", "XXXX-QX" if grain == QUARTER else "XXXX-HX")
    elif rel:
        y = anchor.year + {"last": -1, "this": 0, "next": 1}[rel]
    else:
        hint = ctx.year_hint(m.start(), m.end())
        y = hint or anchor.year
        if hint is None and Point(grain, y, n).first_day() > anchor:
            # "profit fell in the fourth quarter" before it began: last year's
            y -= ctx.tense(m.start(), m.end(), through_nouns=True) == PAST
    found = _date(Point(grain, y, n), explicit=bool(given))
    if not q and m.group(0)[:4].lower() == "the " and "-" in m.group(0):
        found.start = m.start() + 4  # "the third-quarter results": the article is the noun's
    return found


_SHIFTS = {
    "last": -1, "previous": -1, "this past": -1, "past": -1, "the previous": -1,
    "the prior": -1, "the preceding": -1, "this": 0, "current": 0, "the current": 0,
    "the full": 0, "the fiscal": 0,
    "next": 1, "coming": 1, "the coming": 1, "this coming": 1, "the following": 1,
}  # fmt: skip
_ENDED = re.compile(rf"\s+(?i:ended|ending)\s+({lx.MONTH_NAME}\s+\d{{1,2}}(?:,\s*{lx.YEAR4})?)")
_ENDING = re.compile(r"\s+(?i:ended|ending)\b")
_THE = ("the", "that", "the same", "the latest", "the most recent")
_REL_MODS = {"earlier": "START", "early": "START", "later": "END", "late": "END", "mid": "MID"}


_YEAR_BACK = re.compile(r"\s+(?i:a\s+year\s+(?:ago|earlier|before))\b")


def relative_unit(m: re.Match[str], ctx: Context) -> Found | None:
    """ "last year", "this week", "next month", "the past year", "earlier this month",
    "the quarter", "last summer", "the weekend"; "the quarter a year ago" (one expression:
    that quarter, a year before)."""
    found = _relative_unit(m, ctx)
    back = _YEAR_BACK.match(ctx.after(m.end(), 24))
    rel = " ".join(m.group("rel").lower().split())
    if found is None or found.point is None or back is None or rel not in _THE:
        return found
    if found.point.grain not in (HALF, QUARTER, MONTH, WEEK):
        return found
    earlier = _date(found.point.shift(-1, YEAR), found.mod)
    earlier.derived = True
    earlier.end = m.end() + back.end()
    return earlier


def _relative_unit(m: re.Match[str], ctx: Context) -> Found | None:
    rel = " ".join(m.group("rel").lower().split())
    line = ctx.before(m.start(), 80).rpartition("\n")[2]
    if m.group("runit")[0].isupper() and line.strip(" \t\"'“‘"):
        return None  # a capitalised unit inside a line is a title (ABC's "This Week")
    unit = m.group("runit").lower()
    lead = (m.group("lead") or "").lower().rstrip("-")
    mod = _REL_MODS.get(lead.split()[0]) if lead else None
    if unit == "autumn":
        unit = "fall"
    if unit == "weekend" and rel in ("the", "this", "last", "next", "this past", "this coming"):
        return _weekend(m, ctx, rel, mod)
    if rel in ("the past", "the last", "the next", "the first") and unit in lx.UNITS:
        letter, _ = lx.UNITS[unit]
        size = lx.UNIT_FACTOR.get(unit, 1)
        return Found("DURATION", f"P{size}{letter}" if letter != "H" else f"PT{size}H")
    if unit == "period":  # "the latest period", "the same period": the one just mentioned
        ref = ctx.reference
        if ref is None or not YEAR <= ref.grain <= MONTH:
            ref = ctx.period
        if rel not in _THE or rel == "the" or ref is None:
            return None
        return _date(ref, mod)
    anchor = ctx.anchor
    grain = {
        "week": WEEK, "weekend": WEEK, "month": MONTH, "quarter": QUARTER, "year": YEAR,
        "decade": DECADE, "century": CENTURY,
    }.get(unit, SEASON)  # fmt: skip
    ref = ctx.reference
    ending = _ENDED.match(ctx.after(m.end(), 40)) if grain in (QUARTER, YEAR, MONTH) else None
    fiscal = rel == "the fiscal" or m.group("fiscal")
    if (rel in _THE or fiscal) and grain == YEAR and _ENDING.match(ctx.after(m.end())):
        return Found("DURATION", "P1Y")  # "the (fiscal) year ended March 31": twelve months
    if ending and rel in _THE:  # "the quarter ended Sept. 30": the one that date closes
        start = m.end() + ending.start(1)
        day = _day_of(ending.group(1), ctx, start, start + len(ending.group(1)))
        if day is not None:
            return _date(day.at(grain), mod)
    if grain == SEASON and rel in _THE:
        return None  # "the summer": dated by the tense (season_of_year)
    if rel in _THE or (rel in ("the following", "the previous") and ref):
        usable = ref is not None and (
            ref.grain == grain or (grain != QUARTER and ref.grain > grain)
        )
        if ref is not None and usable:
            base = ref.at(grain) if grain != WEEK or ref.grain >= DAY else ref
            shift = _SHIFTS.get(rel, 0)
            point = base.shift(shift, grain) if shift else base
        elif anchor is None:
            return Found("DATE", _unanchored(grain), mod)
        elif grain == QUARTER:  # "the quarter" in a report: the last one completed
            point = Point.of_day(anchor).at(QUARTER).shift(-1, QUARTER)
        elif grain in (YEAR, MONTH, WEEK):
            point = Point.of_day(anchor).at(grain)
        else:
            return None
    else:
        if anchor is None:
            season = f"-{SEASONS[lx.SEASON_INDEX[unit]]}" if grain == SEASON else ""
            return Found("DATE", _unanchored(grain if grain != SEASON else YEAR) + season, mod)
        shift = _SHIFTS.get(rel, 0)
        if grain == SEASON:
            index = lx.SEASON_INDEX[unit]
            point = Point(SEASON, anchor.year + shift, index)
            if shift and index == 3 and anchor.month <= 3:
                point = Point(SEASON, anchor.year - 1 + max(shift, 0), index)
        else:
            base = Point.of_day(anchor).at(grain)
            point = base.shift(shift, QUARTER if grain == QUARTER else grain)
    value = point.value() + ("-WE" if unit == "weekend" else "")
    return Found("DATE", value, mod, point)


def _weekend(m: re.Match[str], ctx: Context, rel: str, mod: str | None) -> Found:
    """ "at the weekend", "this weekend", "last weekend": the week of its Saturday."""
    if ctx.anchor is None:
        return Found("DATE", "XXXX-WXX-WE", mod)
    saturday = _weekday_date(ctx, m.start(), m.end(), 5, "" if rel in ("the", "this") else rel)
    assert saturday is not None
    week = Point.of_week(saturday)
    return Found("DATE", week.value() + "-WE", mod, week)


def relative_day(m: re.Match[str], ctx: Context) -> Found | None:
    """ "yesterday", "today", "tomorrow morning", "tonight", "last night", "the next day"."""
    phrase = " ".join(m.group("rd").lower().split())
    if m.group("rd")[0].isupper() and re.search(r"\b[A-Z][\w.]*[ \t]+$", ctx.before(m.start(), 8)):
        return None  # "USA Today", "CBS This Morning": a name
    part = (m.group("part") or "").lower()
    anchored = {
        "today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "last night": -1,
        "overnight": 0, "the day before yesterday": -2, "the day after tomorrow": 2,
    }  # fmt: skip
    if phrase in anchored or phrase.startswith("this "):
        base = ctx.anchor
        shift = anchored.get(phrase, 0)
    else:  # "the next day", "that morning": relative to the last day mentioned
        ref = ctx.reference
        base = ref.day if ref is not None and ref.grain == DAY else None
        shift = (
            1
            if re.search(r"next|following", phrase)
            else (-1 if re.search(r"previous|preceding|before", phrase) else 0)
        )
    words = phrase.split()
    part = part or next((lx.PARTS_OF_DAY[w] for w in words if w in lx.PARTS_OF_DAY), "")
    if phrase == "tonight":
        part = "NI"
    part = lx.PARTS_OF_DAY.get(part, part)
    if base is None:
        return Found("TIME" if part else "DATE", "XXXX-XX-XX" + (f"T{part}" if part else ""))
    point = Point.of_day(base + dt.timedelta(days=shift))
    if part:
        return Found("TIME", f"{point.value()}T{part}", None, point)
    lead = (m.group("lead") or "").lower()
    return _date(point, _REL_MODS.get(lead))


def day_part(m: re.Match[str], ctx: Context) -> Found | None:
    """ "(in) the morning", "mid-afternoon yesterday", "4 in the morning": a part of the day
    named, or the last day mentioned, or the publication day."""
    part = lx.PARTS_OF_DAY[m.group("dpart").lower()]
    if m.group("dday"):
        day = _day_of(m.group("dday"), ctx, m.start("dday"), m.end())
    elif ctx.reference is not None and ctx.reference.grain == DAY:
        day = ctx.reference
    else:
        day = Point.of_day(ctx.anchor) if ctx.anchor else None
    date = day.value() if day else "XXXX-XX-XX"
    if not m.group("dhour"):
        return Found("TIME", f"{date}T{part}", None, day)
    hour = int(m.group("dhour"))
    hour += 12 if part in ("AF", "EV") and hour < 12 else 0
    return Found("TIME", f"{date}T{hour:02d}:00", None, day) if 0 < hour <= 24 else None


def day_beside(m: re.Match[str], ctx: Context) -> Found | None:
    """ "the day before last Tuesday('s hearing)", "the day after May 3": a day from the one
    it names, not from the last one mentioned."""
    start = m.start("bday")
    if m.group("bwd"):
        wd = lx.WEEKDAYS[m.group("bwd").lower()]
        d = _weekday_date(ctx, start, m.end(), wd, m.group("brel") or "")
        day = Point.of_day(d) if d else None
    else:
        day = _day_of(m.group("bday"), ctx, start, m.end())
    if day is None or day.day is None:
        return Found("DATE", "XXXX-XX-XX")
    shift = -1 if m.group("bdir").lower() == "before" else 1
    return _date(Point.of_day(day.day + dt.timedelta(days=shift)))


_SHARED_SET = re.compile(rf"\s+(?:and|or)\s+{lx.WEEKDAY}(?:s\b|\s+({lx.DAY_PART})s\b)")


def weekday(m: re.Match[str], ctx: Context) -> Found | None:
    """ "Thursday", "last Friday", "next Tuesday", "Wednesday night", "Mondays" (a set)."""
    wd = lx.WEEKDAYS[m.group("wd").lower()]
    part = lx.PARTS_OF_DAY.get((m.group("part") or "").lower(), "")
    shared = _SHARED_SET.match(ctx.after(m.end(), 40)) if not m.group("part") else None
    if shared:  # "on Monday and Tuesday nights": the recurrence distributes over both days
        part = lx.PARTS_OF_DAY.get((shared.group(1) or "").lower(), "")
    if m.group("plural") or m.group("pplural") or shared:
        return Found("SET", f"XXXX-WXX-{wd + 1}" + (f"T{part}" if part else ""))
    rel = m.group("rel") or ""
    if not rel and re.match(r"['’]s\b", ctx.after(m.end())):
        # "Thursday's meeting": an event already reported unless the clause is future
        rel = "this" if ctx.tense(m.start(), m.end()) == FUTURE else "this past"
        if ctx.anchor is not None and ctx.anchor.weekday() == wd:
            rel = "today"
    d = _weekday_date(ctx, m.start(), m.end(), wd, rel)
    value = d.isoformat() if d else f"XXXX-WXX-{wd + 1}"
    point = Point.of_day(d) if d else None
    if part:
        return Found("TIME", f"{value}T{part}", None, point)
    return Found("DATE", value, _point_mod(m), point)


_HALVES = {"year": "6M", "month": "15D", "day": "T12H", "hour": "30M", "minute": "30S"}


def _duration_value(num: int | None, unit: str, half: bool = False) -> str:
    """``P3D``, ``PT2H``, ``PXY``; with ``half``, "2 1/2 years" → ``P2Y6M``."""
    letter, _ = lx.UNITS[unit]
    size = "X" if num is None else str(num * lx.UNIT_FACTOR.get(unit, 1))
    extra = _HALVES.get(unit, "") if half and num is not None else ""
    if unit in ("second", "minute", "hour"):
        return f"PT{size}{letter}{extra}"
    return f"P{size}{letter}{extra}"


# "$5 a year", "twice a week", "70 million passengers a year", "5m tonnes of gas a year"
_PER_AMOUNT = re.compile(
    r"(?:(?:\d|percent|%|cents?|dollars?|times|once|twice)"
    r"|(?:million|billion|thousand|percent)(?:\s+(?:of\s+)?[\w-]+){0,3})[\s-]*$"
)


_FRACTION_OF = re.compile(
    r"\s+of\s+(?:(?:the|a|an|its|their|his|her|our|your|all|those|these|this|that)\b|\d)", re.I
)


def duration(m: re.Match[str], ctx: Context) -> Found | None:
    """ "three days" → P3D, "the past two months", "a 10-hour wait", "nearly two years",
    and with "ago", "earlier" or "later" the date that far from publication."""
    num_text = m.group("num")
    num = lx.number(num_text)
    unit = lx.unit_of(m.group("unit"))
    if re.fullmatch(lx.YEAR4, num_text):
        return None  # "the 1988 quarter": a year, not 1,988 quarters
    direction = (m.group("dir") or "").lower()
    if unit == "quarter" and _FRACTION_OF.match(ctx.after(m.end())):
        return None  # "three-quarters of its food"; not "several quarters of losses"
    if unit == "second" and num_text.lower() in ("a", "an"):
        return None  # "a second group"
    if (
        num_text.lower() in ("a", "an")
        and not direction
        and _PER_AMOUNT.search(ctx.before(m.start(), 40))
    ):
        return Found("SET", _duration_value(1, unit))  # "$5 a year", "twice a week"
    compound = "-" in m.group(0)[m.end("num") - m.start() :]
    plural_a = (
        (m.group("det") or "").strip().lower() in ("a", "an")
        and (num or 0) > 1
        and not num_text.lower().startswith("couple")  # "a couple of years": one number
    )
    if m.group("det") and not m.group("dmod") and (compound or plural_a) and not direction:
        # "a two-year deal", "a five year plan": the determiner belongs to the noun
        m_start = m.start("det") + len(m.group("det"))
        return Found("DURATION", _duration_value(num, unit), None, start=m_start)
    dmod = lx.DURATION_MODS.get(" ".join((m.group("dmod") or "").lower().split()))
    half = bool(m.group("half")) or "1/2" in num_text
    value = _duration_value(num, unit, half)
    if not direction:
        return Found("DURATION", value, dmod)
    past = direction in ("ago", "earlier", "back")
    if num is None:  # "years ago"; "a few days later" says how long, not when
        return Found("DATE", "PAST_REF") if direction == "ago" else Found("DURATION", value)
    _, grain = lx.UNITS[unit]
    if grain is None:
        return Found("DURATION", value, dmod)
    steps = -num if past else num
    steps *= lx.UNIT_FACTOR.get(unit, 1)
    ref = ctx.reference if direction != "ago" else None
    if ctx.anchor is None and ref is None:
        return Found("DATE", _unanchored(grain), dmod)
    if grain in (DECADE, CENTURY):
        grain = YEAR
    shift_unit = YEAR if unit in ("decade", "century") else grain
    if grain == YEAR and ctx.period is not None:
        base = ctx.period  # "up from a year ago" after "third-quarter profit": that quarter
    elif ref is not None:
        base = ref.at(grain) if ref.grain >= grain else ref
    else:
        assert ctx.anchor is not None
        base = Point.of_day(ctx.anchor).at(grain) if grain != DAY else Point.of_day(ctx.anchor)
    point = base.shift(steps, shift_unit)
    found = _date(point, "APPROX" if dmod == "APPROX" else None)
    found.derived = True
    return found


def vague_span(m: re.Match[str], ctx: Context) -> Found | None:
    """ "for years", "in recent months" → PXY, PXM; "in the coming weeks" → FUTURE_REF."""
    lead = " ".join((m.group("lead") or "").lower().split())
    if not (m.group("pre") or lead) or (lead == "the" and not m.group("pre")):
        return None
    unit = lx.unit_of(m.group("unit"))
    start, end = m.span("core")
    if "coming" in lead:
        return Found("DATE", "FUTURE_REF", start=start, end=end)
    return Found("DURATION", _duration_value(None, unit), start=start, end=end)


def week_of(m: re.Match[str], ctx: Context) -> Found | None:
    """ "the week of March 6" → 2000-W10; "the weekend of June 2"."""
    start = m.start("wdate")
    day = _day_of(m.group("wdate"), ctx, start, m.end())
    if day is None or day.day is None:
        return Found("DATE", "XXXX-WXX")
    week = Point.of_week(day.day)
    weekend = m.group("wk").lower() == "weekend"
    return Found("DATE", week.value() + ("-WE" if weekend else ""), None, week)


def year_earlier(m: re.Match[str], ctx: Context) -> Found | None:
    """ "the year-earlier quarter", "year-ago": the time mentioned last, a year before;
    "the year-ago third quarter": that quarter of the year before."""
    ref = ctx.period
    if m.group("yord"):
        if ref is None and ctx.anchor is None:
            return Found("DATE", "XXXX-QX")
        year = ref.year if ref is not None else ctx.anchor.year  # type: ignore[union-attr]
        ref = Point(QUARTER, year, lx.ORDINALS[m.group("yord").lower()])
    if ref is None:
        if ctx.anchor is None:
            return Found("DATE", "XXXX")
        ref = Point(YEAR, ctx.anchor.year)
    found = _date(ref.shift(-1, YEAR))
    found.derived = True
    return found


def reference(m: re.Match[str], ctx: Context) -> Found | None:
    """ "now", "currently" → PRESENT_REF; "recently" → PAST_REF; "the future" → FUTURE_REF."""
    if m.group("present"):
        opens_sentence = not ctx.before(m.start(), 3).strip(" \"'“‘") or re.search(
            r"[.!?\n][\"'”’]?\s*$", ctx.before(m.start(), 4)
        )
        if m.group(0) == "Now" and opens_sentence and ctx.after(m.end(), 1) == ",":
            return None  # "Now, he says, …": a discourse marker
        return Found("DATE", "PRESENT_REF")
    if m.group("past_ref"):
        return Found("DATE", "PAST_REF")
    return Found("DATE", "FUTURE_REF")


_ADVERB_SETS = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
    "monthly": "P1M", "yearly": "P1Y",
}  # fmt: skip


def recurrence(m: re.Match[str], ctx: Context) -> Found | None:
    """ "every Monday" → XXXX-WXX-1, "every day", "twice a week", "daily", "every June"."""
    if m.group("adverb"):
        return Found("SET", _ADVERB_SETS[m.group("adverb").lower()])
    if m.group("swd"):
        return Found("SET", f"XXXX-WXX-{lx.WEEKDAYS[m.group('swd').lower()] + 1}")
    if m.group("smon"):
        return Found("SET", f"XXXX-{lx.month_of(m.group('smon')):02d}")
    num = lx.number(m.group("snum")) if m.group("snum") else 1
    if m.group("other"):
        num = 2
    return Found("SET", _duration_value(num, lx.unit_of(m.group("unit"))))


_FIXED_HOLIDAYS = {
    "new year's day": (1, 1), "new year's": (1, 1), "valentine's day": (2, 14),
    "independence day": (7, 4), "halloween": (10, 31), "christmas eve": (12, 24),
    "christmas day": (12, 25), "christmas": (12, 25), "new year's eve": (12, 31),
    "veterans day": (11, 11), "boxing day": (12, 26),
}  # fmt: skip


def _movable(name: str, year: int) -> dt.date | None:
    if name.startswith("thanksgiving"):
        return nth_weekday(year, 11, 3, 4)
    if name == "election day":  # US: the Tuesday after the first Monday of November
        return nth_weekday(year, 11, 0, 1) + dt.timedelta(days=1)
    if name == "labor day":
        return nth_weekday(year, 9, 0, 1)
    if name == "memorial day":
        return nth_weekday(year, 5, 0, -1)
    if name in ("easter", "easter sunday"):
        return easter(year)
    if name == "good friday":
        return easter(year) - dt.timedelta(days=2)
    return None


def holiday(m: re.Match[str], ctx: Context) -> Found | None:
    """ "Christmas", "Thanksgiving Day", "Labor Day 2017", "Easter"."""
    name = " ".join(m.group("holiday").lower().replace("’", "'").split())
    given = int(m.group("hyear")) if m.group("hyear") else None
    y = given or ctx.year_hint(m.start(), m.end())
    if y is None and ctx.anchor is None:
        fixed = _FIXED_HOLIDAYS.get(name)
        return Found("DATE", _unanchored(DAY, *fixed) if fixed else "XXXX-XX-XX")
    if y is None:
        assert ctx.anchor is not None
        candidates = [_holiday_date(name, ctx.anchor.year + k) for k in (-1, 0, 1)]
        past = max(d for d in candidates if d <= ctx.anchor)
        future = min(d for d in candidates if d >= ctx.anchor)
        tense = ctx.tense(m.start(), m.end())
        if tense == PAST or (tense == PRESENT and ctx.anchor - past <= future - ctx.anchor):
            return _date(Point.of_day(past))
        return _date(Point.of_day(future))
    return _date(Point.of_day(_holiday_date(name, y)), explicit=bool(given))


def _holiday_date(name: str, year: int) -> dt.date:
    if name in _FIXED_HOLIDAYS:
        return dt.date(year, *_FIXED_HOLIDAYS[name])
    found = _movable(name, year)
    assert found is not None
    return found


def season_of_year(m: re.Match[str], ctx: Context) -> Found | None:
    """ "the summer of 2017", "spring 2018", "over the summer"."""
    index = lx.SEASON_INDEX[m.group("season").lower()]
    given = _given_year(m, "syear")
    if given:
        return _date(Point(SEASON, given, index), _point_mod(m), explicit=True)
    if not m.group("sthe"):
        return None  # a bare "summer" is as often a noun modifier ("summer camp")
    if index == 2 and not _SEASON_CUE.search(ctx.before(m.start(), 12)):
        return None  # "the fall in prices"
    if ctx.anchor is None:
        return Found("DATE", f"XXXX-{SEASONS[index]}", _point_mod(m))
    y = ctx.anchor.year
    tense = ctx.tense(m.start(), m.end())
    if tense == PAST and Point(SEASON, y, index).first_day() > ctx.anchor:
        y -= 1
    elif tense == FUTURE and Point(SEASON, y, index).first_day() < ctx.anchor - _SEASON_LENGTH:
        y += 1
    return _date(Point(SEASON, y, index), _point_mod(m))


_SEASON_LENGTH = dt.timedelta(days=91)
_SEASON_CUE = re.compile(r"\b(?i:in|during|over|by|until|till|since|through|before|after)\s+$")

# ---------------------------------------------------------------- the grammar

_B = r"(?<![\w'’])(?<![^\W\d]-)"  # no word or apostrophe before, nor "post-"; "2014-" may
_E = r"(?!\w|-[^\W\d])"  # no word after; "'s" ("Thursday's meeting") and "-2016" may
_DAYWORD = (
    rf"(?:(?i:today|yesterday|tomorrow)|{lx.WEEKDAY}|{lx.MONTH_NAME}\s+\d{{1,2}}(?:,\s*\d{{4}})?)"
)

RULES: list[tuple[str, Normaliser, str]] = [
    (
        rf"(?:(?P<approx>(?i:about|around|approximately|shortly\s+after|shortly\s+before))\s+)?"
        rf"{lx.CLOCK}(?:,?\s+(?P<dayword>{_DAYWORD}))?",
        clock_time,
        lx.CLOCK_WORDS,
    ),
    (
        rf"(?:{lx.WEEKDAY},?\s+)?(?:(?P<mon>{lx.MONTH_NAME})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{lx.MONTH_NAME}))"
        rf"(?:,?\s+(?P<year>{lx.YEAR4}))?(?!\d)",
        full_date,
        lx.MONTH_WORDS,
    ),
    (
        rf"(?P<iy>{lx.YEAR4})-(?P<im>[01]\d)-(?P<id>[0-3]\d)"
        rf"|(?P<um>1[0-2]|0?[1-9])/(?P<ud>[0-3]?\d)/(?P<uy>\d{{4}}|\d\d)(?![\d/])",
        numeric_date,
        lx.NUMERIC_SHAPES,
    ),
    (
        rf"{lx.POINT_MOD}(?:(?P<rel>(?i:last|this|next|past|coming))\s+)?(?P<mon>{lx.MONTH_NAME})"
        # a year, spelled or not, or "of last year"; not a day number ("Oct. 23": full_date)
        rf"(?:,?\s+(?:of\s+)?(?P<year>{lx.YEAR4})(?!\d)|,?\s+(?P<wyear>{lx.SPELLED_YEAR})"
        rf"|\s+(?i:of\s+)?(?P<ryear>(?i:last|this|next))\s+(?i:year)|(?!\.?\s+\d))",
        month,
        lx.MONTH_WORDS,
    ),
    (
        rf"{lx.POINT_MOD}(?i:the\s+year\s+|(?:fiscal|financial)(?:\s+year)?\s+|FY\s?)?"
        rf"(?P<year>{lx.YEAR4})(?![\d,.]\d|\s*(?i:percent|%|per\s+cent))",
        year,
        lx.YEAR_SHAPES,
    ),
    (
        rf"(?i:the\s+)?{lx.POINT_MOD}(?:(?P<decade>(?:1[5-9]|20)\d0)|['’](?P<short>\d0))['’]?s"
        r"|(?i:the\s+)(?:(?P<pmod2>(?i:early|mid|late))[\s-]+)?(?P<dword>(?i:twenties|thirties"
        r"|forties|fifties|sixties|seventies|eighties|nineties))",
        decade,
        lx.DECADE_SHAPES,
    ),
    (
        rf"(?i:the\s+)?{lx.POINT_MOD}(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|(?i:first|second|third"
        rf"|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth"
        rf"|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
        rf"|twenty-first))[\s-]+(?i:century)",
        century,
        "century",
    ),
    (
        rf"(?i:the\s+)?(?:(?P<y1>{lx.YEAR4})(?:['’]s)?\s+|(?P<rel>(?i:this|last|next))\s+"
        rf"(?i:year)['’]s\s+)?(?i:(?:fiscal|financial)[\s-]+)?(?P<ord>(?i:first|second|third|fourth"
        rf"|final|1st|2nd|3rd|4th|last(?=[\s-]+(?i:half|two))))[\s-]+(?P<kind>(?i:quarter|half"
        rf"|two\s+quarters))(?:\s+(?i:of\s+)?"
        rf"(?i:(?:fiscal|financial)\s+)?(?i:year\s+)?(?P<y2>{lx.YEAR4})|\s+(?i:of\s+)?"
        rf"(?P<rel2>(?i:this|last|next))\s+(?i:year))?"
        rf"|Q(?P<q>[1-4])(?:[\s-]*(?P<y3>{lx.YEAR4}))?|(?P<y4>{lx.YEAR4})[\s-]?Q(?P<q2>[1-4])",
        quarter,
        lx.QUARTER_WORDS,
    ),
    (
        r"(?P<lead>(?i:earlier|later|early|late|mid-?)\s*(?i:in\s+)?)?(?P<rel>(?i:last|this\s+past"
        r"|this\s+coming|this|next|past|previous|coming|current|the\s+(?:past|last|previous|next"
        r"|coming|current|same|following|preceding|prior|first|latest|full|fiscal|most\s+recent)|the"
        r"|that))\s+(?P<fiscal>(?i:fiscal|financial)\s+)?"
        r"(?P<runit>(?i:week|weekend|month|quarter|year|decade|century|period|spring|summer"
        r"|fall|autumn|winter))",
        relative_unit,
        lx.RELATIVE_UNIT_WORDS,
    ),
    (
        r"(?P<lead>(?i:earlier|later|early|late)\s+)?(?P<rd>(?i:the\s+day\s+before\s+yesterday"
        r"|the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow|tonight|last\s+night|overnight"
        r"|this\s+(?:morning|afternoon|evening)|the\s+(?:next|following|previous|preceding)"
        r"\s+(?:day|morning|afternoon|evening|night)|that\s+(?:day|morning|afternoon|evening"
        r"|night)|the\s+same\s+day|the\s+day\s+before))"
        r"(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?",
        relative_day,
        lx.DAY_WORDS,
    ),
    (
        rf"(?i:the\s+)?(?i:day)\s+(?P<bdir>(?i:before|after))\s+(?P<bday>(?:(?P<brel>(?i:last|next"
        rf"|this\s+past|this\s+coming))\s+)?(?P<bwd>{lx.WEEKDAY})|(?i:yesterday|today|tomorrow)"
        rf"|{lx.MONTH_NAME}\s+\d{{1,2}}(?:,\s*{lx.YEAR4})?)",
        day_beside,
        "day",
    ),
    (
        r"(?:(?P<dhour>\d{1,2})\s+(?i:in\s+the)\s+|(?:(?<=\b[Ii]n\s)|(?<=\b[Dd]uring\s))"
        r"(?i:the)\s+|(?i:mid)[\s-]?)(?P<dpart>(?i:morning|afternoon|evening))"
        rf"(?:\s+(?P<dday>(?i:yesterday|today|tomorrow)|{lx.WEEKDAY}))?",
        day_part,
        "morning afternoon evening mid-morning mid-afternoon mid-evening",
    ),
    (
        rf"{lx.POINT_MOD}(?:(?P<rel>(?i:last|next|this\s+past|this\s+coming|this|coming"
        rf"|(?:the\s+)?previous|the\s+following))\s+)?(?P<wd>{lx.WEEKDAY})(?P<plural>s)?"
        rf"(?:\s+(?P<part>{lx.DAY_PART})(?P<pplural>s)?)?",
        weekday,
        lx.WEEKDAY_WORDS,
    ),
    (
        rf"{lx.DURATION_MOD}(?P<det>(?i:the|a|this|each\s+of\s+the)\s+)?(?i:(?:past|last|next"
        rf"|first|coming|previous|final|latest|following|entire|whole|full|remaining|initial)"
        rf"\s+)?(?P<num>{lx.NUMBER})(?P<more>\s+(?i:more|additional|full|straight|consecutive))?"
        rf"[\s-]+{lx.UNIT}(?P<half>\s+and\s+a\s+half)?(?!-old|\s+old\b)(?:(?i:\s+or\s+so)?\s+(?P<dir>(?i:ago|earlier|later|from\s+now|hence"
        rf"|back)))?",
        duration,
        lx.UNIT_WORDS,
    ),
    (
        r"(?P<pre>(?i:for|over|within|during|in)\s+)?(?P<core>(?P<lead>(?i:recent|coming"
        r"|the\s+coming|the\s+next\s+few|the\s+past\s+few|the\s+last\s+few|the)\s+)?"
        r"(?P<unit>(?i:years|months|weeks|days|hours|decades|centuries)))(?!\s+(?:ago|of)\b)",
        vague_span,
        lx.UNIT_WORDS,
    ),
    (
        r"(?i:the\s+)?(?i:year-(?:earlier|ago))(?:\s+(?:(?P<yord>(?i:first|second|third|fourth))"
        r"[\s-]+)?(?i:period|quarter|level))?",
        year_earlier,
        "year",
    ),
    (
        r"(?P<present>(?i:now|currently|nowadays|presently|at\s+present|these\s+days"
        r"|the\s+present(?:\s+time)?|at\s+the\s+moment|current))"
        r"|(?P<past_ref>(?i:recently|lately|the\s+past))"
        r"|(?i:the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?future"
        r"|the\s+(?:near|long|short)\s+term)",
        reference,
        lx.REFERENCE_WORDS,
    ),
    (
        rf"(?i:every|each)\s+(?:(?P<other>(?i:other))\s+|(?P<snum>{lx.NUMBER})\s+)?{lx.UNIT}"
        rf"|(?i:every|each)\s+(?P<swd>{lx.WEEKDAY})|(?i:every|each)\s+(?P<smon>{lx.MONTH_NAME})"
        r"|(?P<adverb>(?i:hourly|daily|nightly|weekly|biweekly|monthly|yearly))",
        recurrence,
        lx.RECURRENCE_WORDS,
    ),
    (
        r"(?P<holiday>(?i:new\s+year['’]s(?:\s+day|\s+eve)?|valentine['’]s\s+day"
        r"|independence\s+day|halloween|christmas(?:\s+day|\s+eve)?|veterans\s+day|boxing\s+day"
        r"|thanksgiving(?:\s+day)?|labor\s+day|memorial\s+day|easter(?:\s+sunday)?|election\s+day"
        rf"|good\s+friday))(?:,?\s+(?P<hyear>{lx.YEAR4}))?",
        holiday,
        lx.HOLIDAY_WORDS,
    ),
    (
        rf"(?P<sthe>(?i:the)\s+)?{lx.POINT_MOD}(?P<season>{lx.SEASON})(?:\s+(?i:of\s+)?"
        rf"(?:(?P<syear>{lx.YEAR4})|(?P<wyear>{lx.SPELLED_YEAR})))?",
        season_of_year,
        lx.SEASON_WORDS,
    ),
    (
        rf"{lx.POINT_MOD}(?:(?i:the\s+year\s+)(?P<wyear>{lx.SPELLED_YEAR})"
        rf"|(?P<wyear2>{lx.SPELLED_CENTURY_YEAR}))",
        spelled_year,
        "nineteen twenty thousand",
    ),
    (r"(?i:(?:the\s+)?year(?:['’]s)?[\s-]end)", year_end, "year"),
    (
        rf"(?i:the\s+)(?P<wk>(?i:week|weekend))\s+(?i:of)\s+(?P<wdate>{lx.MONTH_NAME}\s+\d{{1,2}}"
        rf"(?:,\s*{lx.YEAR4})?)",
        week_of,
        "week weekend",
    ),
]


@dataclass(frozen=True, slots=True)
class Rule:
    """A construction: its pattern, its normaliser, and the tokens (lower-case texts or
    shapes) of which every match contains at least one, so the pattern only runs near them."""

    pattern: re.Pattern[str]
    normalise: Normaliser
    triggers: frozenset[str]


GRAMMAR = [
    Rule(re.compile(_B + f"(?:{pattern})" + _E), norm, frozenset(triggers.split()))
    for pattern, norm, triggers in RULES
]
