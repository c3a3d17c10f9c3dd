"""Calendar points at TIMEX3 granularities and the arithmetic the normaliser needs.

A :class:`Point` is a date known to some granularity — a century, decade, year, half,
quarter, season, month, ISO week or day — and prints as its TIMEX3 value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Granularities from coarse to fine.
CENTURY, DECADE, YEAR, HALF, QUARTER, SEASON, MONTH, WEEK, DAY = range(9)
SEASONS = ("SP", "SU", "FA", "WI")


@dataclass(frozen=True, slots=True)
class Point:
    """A calendar position: ``year`` plus ``part`` (half, quarter, season, month or week)
    or ``day`` (a full date), at granularity ``grain``."""

    grain: int
    year: int
    part: int = 0
    day: dt.date | None = None

    @classmethod
    def of_day(cls, date: dt.date) -> Point:
        return cls(DAY, date.year, date.month, date)

    @classmethod
    def of_week(cls, date: dt.date) -> Point:
        year, week, _ = date.isocalendar()
        return cls(WEEK, year, week)

    def value(self) -> str:
        """The TIMEX3 value: 19, 199, 2018, 2018-H1, 2018-Q2, 2018-SU, 2018-05, 2018-W21…"""
        y = self.year
        if self.grain == CENTURY:
            return f"{y // 100:02d}"
        if self.grain == DECADE:
            return f"{y // 10:03d}"
        if self.grain == YEAR:
            return f"{y:04d}"
        if self.grain == HALF:
            return f"{y:04d}-H{self.part}"
        if self.grain == QUARTER:
            return f"{y:04d}-Q{self.part}"
        if self.grain == SEASON:
            return f"{y:04d}-{SEASONS[self.part]}"
        if self.grain == MONTH:
            return f"{y:04d}-{self.part:02d}"
        if self.grain == WEEK:
            return f"{y:04d}-W{self.part:02d}"
        assert self.day is not None
        return self.day.isoformat()

    def first_day(self) -> dt.date:
        """The first day the point covers."""
        if self.day is not None:
            return self.day
        if self.grain == WEEK:
            return dt.date.fromisocalendar(self.year, self.part, 1)
        if self.grain == MONTH:
            return dt.date(self.year, self.part, 1)
        if self.grain == QUARTER:
            return dt.date(self.year, 3 * self.part - 2, 1)
        if self.grain == HALF:
            return dt.date(self.year, 6 * self.part - 5, 1)
        if self.grain == SEASON:
            return dt.date(self.year, 3 + 3 * self.part, 21)
        if self.grain == DECADE:
            return dt.date(self.year - self.year % 10, 1, 1)
        if self.grain == CENTURY:
            return dt.date(self.year - self.year % 100, 1, 1)
        return dt.date(self.year, 1, 1)

    def at(self, grain: int) -> Point:
        """The same time at a coarser (or equal) granularity."""
        if grain >= self.grain and grain != WEEK:
            return self
        d = self.first_day()
        if grain == WEEK:
            return Point.of_week(d)
        if grain == MONTH:
            return Point(MONTH, d.year, d.month)
        if grain == QUARTER:
            return Point(QUARTER, d.year, (d.month - 1) // 3 + 1)
        if grain == HALF:
            return Point(HALF, d.year, 1 if d.month <= 6 else 2)
        return Point(grain, d.year)

    def shift(self, n: int, unit: int) -> Point:
        """Move by ``n`` units (DAY, WEEK, MONTH, QUARTER, YEAR, DECADE or CENTURY)."""
        if unit in (YEAR, DECADE, CENTURY):
            years = n * {YEAR: 1, DECADE: 10, CENTURY: 100}[unit]
            if self.day is not None:
                return Point.of_day(_replace_year(self.day, self.year + years))
            return Point(self.grain, self.year + years, self.part)
        if unit in (DAY, WEEK):
            if self.grain == SEASON:
                return self
            days = n * (7 if unit == WEEK else 1)
            d = self.first_day() + dt.timedelta(days=days)
            return Point.of_day(d).at(self.grain)  # "two days after March" is still March
        months = n * (3 if unit == QUARTER else 1)
        if self.grain == QUARTER:
            index = self.year * 4 + self.part - 1 + months // 3
            return Point(QUARTER, index // 4, index % 4 + 1)
        d = self.first_day()
        index = d.year * 12 + d.month - 1 + months
        year, month = divmod(index, 12)
        if self.grain == DAY:
            return Point.of_day(clamp_day(year, month + 1, d.day))
        return Point(MONTH, year, month + 1)


def _replace_year(d: dt.date, year: int) -> dt.date:
    return clamp_day(year, d.month, d.day)


def clamp_day(year: int, month: int, day: int) -> dt.date:
    """The date, or the month's last day when ``day`` is past it (February 29 → 28)."""
    while True:
        try:
            return dt.date(year, month, day)
        except ValueError:
            day -= 1


def weekday_near(anchor: dt.date, weekday: int, direction: int) -> dt.date:
    """The ``weekday`` (0 = Monday) nearest ``anchor`` going ``direction``.

    -1: the most recent one, ``anchor`` included; +1: the next one, ``anchor`` included;
    -2 / +2: strictly before / after ``anchor``.
    """
    delta = (weekday - anchor.weekday()) % 7
    if direction > 0:
        if direction == 2 and delta == 0:
            delta = 7
        return anchor + dt.timedelta(days=delta)
    back = (anchor.weekday() - weekday) % 7
    if direction == -2 and back == 0:
        back = 7
    return anchor - dt.timedelta(days=back)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ``weekday`` of a month; ``n = -1`` is the last one."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = clamp_day(year, month, 31)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)
